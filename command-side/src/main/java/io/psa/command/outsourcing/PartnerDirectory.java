package io.psa.command.outsourcing;

import io.psa.api.outsourcing.OutsourcingSide;
import io.psa.command.CommandLookups;
import io.psa.command.outbox.SigningSecrets;
import io.psa.platform.Sha256;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static io.psa.api.outsourcing.AgreementMessages.*;
import static io.psa.api.outsourcing.InstanceMessages.*;

/**
 * This instance's profile and its agreements, as the command side needs them exactly: written in the transaction
 * of the command that changed them (processing group command-lookups). The secrets live beside the agreement rows,
 * never in events.
 */
@Component
@ProcessingGroup(CommandLookups.PROCESSING_GROUP)
public class PartnerDirectory implements SigningSecrets {
    public record Profile(String name, String language, String publicBaseUrl, String termsAcceptedBy,
                          String outsourcingContact) {
        boolean isConfigured() {
            return name != null && language != null && publicBaseUrl != null;
        }
    }

    /**
     * An agreement as this instance sees it; {@code side} is this instance's side. A network has an {@code email}, a
     * {@code webhookUrl} or both, and signs its webhooks with the {@code outboundCredential}.
     */
    public record Agreement(String agreementId, OutsourcingSide side, PartnerKind kind, String name, String contact,
                            AgreementState state, String baseUrl, String language, String customerCompanyId,
                            Instant createdAt, String outboundCredential, String email, String webhookUrl,
                            java.math.BigDecimal feePerAcceptance) {
        /** A partner instance whose feed this instance reads. */
        boolean canSync() {
            return kind == PartnerKind.PARTNER && state == AgreementState.ACTIVE && baseUrl != null
                   && outboundCredential != null;
        }
    }

    private static final String AGREEMENTS = "select a.agreement_id, a.side, a.kind, a.name, a.contact, a.state, "
            + "a.base_url, a.language, a.customer_company_id, a.created_at, s.outbound_credential, a.email, "
            + "a.webhook_url, a.fee_per_acceptance from partner_agreement a "
            + "left join partner_secret s on s.agreement_id = a.agreement_id ";
    private static final RowMapper<Agreement> AGREEMENT = (rs, row) -> new Agreement(rs.getString(1),
            OutsourcingSide.valueOf(rs.getString(2)), PartnerKind.valueOf(rs.getString(3)), rs.getString(4),
            rs.getString(5), AgreementState.valueOf(rs.getString(6)), rs.getString(7), rs.getString(8),
            rs.getString(9), rs.getTimestamp(10).toInstant(), rs.getString(11), rs.getString(12), rs.getString(13),
            rs.getBigDecimal(14));

    private final JdbcTemplate jdbc;

    public PartnerDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Profile profile() {
        return jdbc.query("select name, language, public_base_url, terms_accepted_by, outsourcing_contact "
                          + "from instance_profile where id = ?",
                (rs, row) -> new Profile(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)), THIS_INSTANCE).stream().findFirst()
                   .orElse(new Profile(null, null, null, null, null));
    }

    public Optional<Agreement> find(String agreementId) {
        return jdbc.query(AGREEMENTS + "where a.agreement_id = ?", AGREEMENT,
                agreementId).stream().findFirst();
    }

    public List<Agreement> all() {
        return jdbc.query(AGREEMENTS + "order by a.created_at", AGREEMENT);
    }

    public Optional<Agreement> byInvitationCode(String code) {
        return jdbc.query(AGREEMENTS + "where s.invitation_sha256 = ?",
                AGREEMENT, Sha256.hex(code)).stream().findFirst();
    }

    /** The agreement whose partner presents this credential. */
    public Optional<Agreement> byInboundCredential(String credential) {
        return jdbc.query(AGREEMENTS + "where s.inbound_sha256 = ?",
                AGREEMENT, Sha256.hex(credential)).stream().findFirst();
    }

    @Override
    public Optional<String> webhookSecret(String agreementId) {
        return find(agreementId).filter(agreement -> agreement.kind() == PartnerKind.NETWORK)
                                .map(Agreement::outboundCredential);
    }

    /** The secret this instance signs a network's webhooks with; it must be kept as it is. */
    void keepWebhookSecret(String agreementId, String secret) {
        keepSecrets(agreementId, null, null, secret);
    }

    void keepInvitationCode(String agreementId, String code) {
        keepSecrets(agreementId, Sha256.hex(code), null, null);
    }

    /** Consumes the invitation code and keeps both credentials: the one the partner presents (hashed), ours as is. */
    void keepCredentials(String agreementId, String inbound, String outbound) {
        keepSecrets(agreementId, null, Sha256.hex(inbound), outbound);
    }

    private void keepSecrets(String agreementId, String invitationSha256, String inboundSha256, String outbound) {
        if (jdbc.update("update partner_secret set invitation_sha256 = ?, inbound_sha256 = ?, outbound_credential = ? "
                        + "where agreement_id = ?", invitationSha256, inboundSha256, outbound, agreementId) == 0) {
            jdbc.update("insert into partner_secret (invitation_sha256, inbound_sha256, outbound_credential, "
                        + "agreement_id) values (?, ?, ?, ?)", invitationSha256, inboundSha256, outbound, agreementId);
        }
    }

    @EventHandler
    void on(InstanceConfigured event) {
        ensureProfileRow();
        jdbc.update("update instance_profile set name = ?, language = ?, public_base_url = ?, outsourcing_contact = ? "
                    + "where id = ?", event.name(), event.language(), event.publicBaseUrl(),
                event.outsourcingContact(), THIS_INSTANCE);
    }

    @EventHandler
    void on(OutsourcingTermsAccepted event, @Timestamp Instant at) {
        ensureProfileRow();
        jdbc.update("update instance_profile set terms_accepted_by = ?, terms_accepted_at = ? where id = ?",
                event.acceptedBy(), java.sql.Timestamp.from(at), THIS_INSTANCE);
    }

    private void ensureProfileRow() {
        if (jdbc.queryForObject("select count(*) from instance_profile where id = ?", Integer.class, THIS_INSTANCE) == 0) {
            jdbc.update("insert into instance_profile (id) values (?)", THIS_INSTANCE);
        }
    }

    @EventHandler
    void on(PartnerInvited event, @Timestamp Instant at) {
        jdbc.update("insert into partner_agreement (agreement_id, side, kind, name, contact, state, created_at) "
                    + "values (?, ?, ?, ?, ?, ?, ?)", event.agreementId(), OutsourcingSide.LEAD.name(),
                event.kind().name(), event.name(), event.contact(), AgreementState.INVITED.name(), java.sql.Timestamp.from(at));
    }

    @EventHandler
    void on(NetworkAdded event, @Timestamp Instant at) {
        jdbc.update("insert into partner_agreement (agreement_id, side, kind, name, contact, state, language, email, "
                    + "webhook_url, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", event.agreementId(),
                OutsourcingSide.LEAD.name(), PartnerKind.NETWORK.name(), event.name(), event.email(),
                AgreementState.ACTIVE.name(), event.language(), event.email(), event.webhookUrl(),
                java.sql.Timestamp.from(at));
    }

    @EventHandler
    void on(SubcontractorInvited event, @Timestamp Instant at) {
        jdbc.update("insert into partner_agreement (agreement_id, side, kind, name, contact, state, language, email, "
                    + "fee_per_acceptance, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", event.agreementId(),
                OutsourcingSide.LEAD.name(), PartnerKind.SUBCONTRACTOR.name(), event.name(), event.email(),
                AgreementState.INVITED.name(), event.language(), event.email(), event.feePerAcceptance().amount(),
                java.sql.Timestamp.from(at));
    }

    @EventHandler
    void on(SubcontractorJoined event) {
        jdbc.update("update partner_agreement set state = ? where agreement_id = ?", AgreementState.ACTIVE.name(),
                event.agreementId());
    }

    @EventHandler
    void on(SubcontractorFeeChanged event) {
        jdbc.update("update partner_agreement set fee_per_acceptance = ? where agreement_id = ?",
                event.to().amount(), event.agreementId());
    }

    @EventHandler
    void on(AgreementJoined event, @Timestamp Instant at) {
        jdbc.update("insert into partner_agreement (agreement_id, side, kind, name, state, base_url, language, "
                    + "customer_company_id, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)", event.agreementId(),
                OutsourcingSide.PARTNER.name(), PartnerKind.PARTNER.name(), event.leadName(),
                AgreementState.ACTIVE.name(), event.leadBaseUrl(), event.language(), event.customerCompanyId(),
                java.sql.Timestamp.from(at));
    }

    @EventHandler
    void on(InvitationAccepted event) {
        jdbc.update("update partner_agreement set state = ?, base_url = ?, language = ? where agreement_id = ?",
                AgreementState.ACTIVE.name(), event.partnerBaseUrl(), event.language(), event.agreementId());
    }

    @EventHandler
    void on(AgreementStateChanged event) {
        jdbc.update("update partner_agreement set state = ? where agreement_id = ?", event.to().name(),
                event.agreementId());
    }
}
