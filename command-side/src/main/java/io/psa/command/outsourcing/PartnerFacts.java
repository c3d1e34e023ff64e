package io.psa.command.outsourcing;

import io.psa.api.message.MessageMetadata;
import io.psa.api.outsourcing.OutsourcingSide;
import io.psa.api.outsourcing.OutsourcingTransition;
import io.psa.api.outsourcing.PartnerAuthor;
import io.psa.api.outsourcing.SyncFact;
import io.psa.api.rule.Limits;
import io.psa.api.rule.Policy;
import io.psa.api.rule.RuleViolation;
import io.psa.api.rule.UnknownItem;
import io.psa.platform.Now;
import org.axonframework.modelling.command.AggregateNotFoundException;
import io.psa.api.ticket.StoredFile;
import io.psa.command.ticket.TicketOpening;
import io.psa.platform.PsaProperties;
import io.psa.platform.Sha256;
import io.psa.platform.axon.AuditMetadata;
import io.psa.platform.axon.CommandTransaction;
import io.psa.platform.content.ContentStore;
import io.psa.platform.content.FileNames;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.psa.api.ticket.TicketCommands.ApplyPartnerFact;
import static io.psa.api.ticket.TicketCommands.InsourceTicket;

/**
 * Applies a partner's facts here, exactly once: in one transaction the subscription row is locked, each fact's id is
 * checked and recorded, its commands run and the cursor moves on. A crash anywhere leaves either all of it or none;
 * a fact delivered again (a rewound cursor, a second reader) finds its id recorded and changes nothing. A fact the
 * rules refuse is recorded as refused, with its reason as the agreement's last error, and the feed moves on.
 */
@Component
public class PartnerFacts {
    static final Policy<SyncFact> WELL_FORMED = Policy.valueRule("well-formed-fact", fact -> fact.problem() == null,
            fact -> "This instance cannot use the fact: " + fact.problem() + ".");

    private final Policy<StoredFile> fileWithinLimit;
    private final JdbcTemplate jdbc;
    private final CommandTransaction transaction;
    private final CommandGateway commands;
    private final TicketOpening opening;
    private final ContentStore contents;
    private final PartnerClient client;

    public PartnerFacts(JdbcTemplate jdbc, CommandTransaction transaction, CommandGateway commands,
                        TicketOpening opening, ContentStore contents, PartnerClient client, PsaProperties properties) {
        long maxSize = properties.attachmentMaxSize().toBytes();
        this.fileWithinLimit = Policy.valueRule("attachment-within-limit", file -> file.size() <= maxSize,
                file -> "The partner's file (" + file.size() + " bytes) is larger than this instance accepts ("
                        + maxSize + " bytes).");
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.commands = commands;
        this.opening = opening;
        this.contents = contents;
        this.client = client;
    }

    /** The lead's ticket id names the ticket on both sides; the partner's copy has an id derived from it. */
    public static String localTicketId(String agreementId, OutsourcingSide side, String leadTicketId) {
        return side == OutsourcingSide.LEAD ? leadTicketId
                : UUID.nameUUIDFromBytes((agreementId + "/" + leadTicketId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * A page of facts in one transaction (one commit for a catching-up partner's whole page); if any of them fails,
     * the page is applied fact by fact, so that a refused fact is set aside alone.
     */
    void applyAll(PartnerDirectory.Agreement agreement, List<SyncFact> page) {
        if (page.size() > 1) {
            try {
                transaction.run(() -> page.forEach(fact -> applyHere(agreement, fact)));
                return;
            } catch (RuntimeException oneOfThemFailed) {
                // nothing of the page is stored: go fact by fact
            }
        }
        page.forEach(fact -> apply(agreement, fact));
    }

    void apply(PartnerDirectory.Agreement agreement, SyncFact fact) {
        try {
            transaction.run(() -> applyHere(agreement, fact));
        } catch (RuleViolation | UnknownItem | AggregateNotFoundException refused) {
            String reason = "Fact " + fact.position() + " (" + describe(fact) + ") was refused here: "
                            + refused.getMessage();
            transaction.run(() -> {
                if (claim(agreement.agreementId(), fact)) {
                    advance(agreement.agreementId(), fact.position(), reason);
                }
            });
        }
    }

    private void applyHere(PartnerDirectory.Agreement agreement, SyncFact fact) {
        if (claim(agreement.agreementId(), fact)) {
            run(agreement, fact);
            advance(agreement.agreementId(), fact.position(), null);
        }
    }

    /**
     * Locks the subscription (one reader at a time) and records the fact's id. False when the id was recorded before
     * (applied or refused): then only the cursor moves past it.
     */
    private boolean claim(String agreementId, SyncFact fact) {
        jdbc.queryForObject("select position from partner_subscription where agreement_id = ? for update", Long.class,
                agreementId);
        boolean seen = jdbc.queryForObject("select count(*) from partner_applied_fact where agreement_id = ? and "
                                           + "fact_id = ?", Integer.class, agreementId, fact.factId()) > 0;
        if (seen) {
            jdbc.update("update partner_subscription set position = ? where agreement_id = ? and position < ?",
                    fact.position(), agreementId, fact.position());
            return false;
        }
        jdbc.update("insert into partner_applied_fact (agreement_id, fact_id) values (?, ?)", agreementId,
                fact.factId());
        return true;
    }

    private void advance(String agreementId, long position, String refusal) {
        Timestamp now = Timestamp.from(Now.instant());
        if (refusal == null) {
            jdbc.update("update partner_subscription set position = ?, applied_facts = applied_facts + 1, "
                        + "last_applied_at = ? where agreement_id = ?", position, now, agreementId);
        } else {
            jdbc.update("update partner_subscription set position = ?, refused_facts = refused_facts + 1, "
                        + "last_error = ?, last_error_at = ? where agreement_id = ?", position, abbreviated(refusal),
                    now, agreementId);
        }
    }

    private void run(PartnerDirectory.Agreement agreement, SyncFact fact) {
        WELL_FORMED.check(fact);
        String ticketId = localTicketId(agreement.agreementId(), agreement.side(), fact.leadTicketId());
        if (fact.transition() == OutsourcingTransition.SEND && agreement.side() == OutsourcingSide.PARTNER) {
            insource(agreement, fact, ticketId);
            return;
        }
        if (fact.type() == SyncFact.Type.ITEM_SHARED && fact.file() != null) {
            fetchFile(agreement, fact.file());
            StoredFile file = fact.file();
            fact = fact.withContent(null, null, null, fact.attachment(), new StoredFile(
                    FileNames.fileName(file.fileName()), FileNames.contentType(file.contentType()), file.size(),
                    file.sha256()));
        }
        send(agreement, new ApplyPartnerFact(ticketId, agreement.agreementId(), fact));
    }

    /**
     * The lead's SEND opens the copy for the lead's company here (the first time) and assigns it to us; sent again
     * (after a decline), the copy takes the lead's title, description and priority as they are now.
     */
    private void insource(PartnerDirectory.Agreement agreement, SyncFact fact, String ticketId) {
        SyncFact.Handover handover = fact.handover();
        Integer known = jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ?",
                Integer.class, ticketId);
        boolean first = known == null || known == 0;
        if (first) {
            opening.openPartnersCopy(ticketId, new TicketOpening.Request(agreement.customerCompanyId(),
                    handover.title(), handover.description(), handover.priority(), null, null, null, null, null));
        }
        send(agreement, new InsourceTicket(ticketId, agreement.agreementId(), agreement.name(), fact.leadTicketId(),
                handover.terms(), handover.acceptBy()));
        if (!first) {
            send(agreement, new ApplyPartnerFact(ticketId, agreement.agreementId(), new SyncFact(0,
                    fact.factId() + ":details", fact.occurredAt(), fact.leadTicketId(), SyncFact.Type.DETAILS_CHANGED,
                    new SyncFact.Handover(handover.title(), handover.description(), handover.priority(), null, null),
                    null, null, null, null, null, null, null, null, null, null)));
        }
    }

    /** The file content comes over separately and must match the SHA-256 the fact names, or nothing is applied. */
    private void fetchFile(PartnerDirectory.Agreement agreement, StoredFile file) {
        fileWithinLimit.check(file);
        if (contents.get(file.sha256()).isPresent()) {
            return;
        }
        byte[] content = client.file(agreement, file.sha256(), file.size());
        String actual = Sha256.hex(content == null ? new byte[0] : content);
        if (!actual.equals(file.sha256())) {
            throw new RuleViolation("content-integrity", RuleViolation.Kind.VALUE, "The partner's file arrived with "
                    + "SHA-256 " + actual + ", not the " + file.sha256() + " its fact named.");
        }
        contents.put(content);
    }

    private void send(PartnerDirectory.Agreement agreement, Object command) {
        commands.sendAndWait(AuditMetadata.onBehalfOf(PartnerAuthor.partyOf(agreement.agreementId()), command)
                                          .andMetaData(Map.of(MessageMetadata.ORIGIN, agreement.name())));
    }

    private static String describe(SyncFact fact) {
        return fact.type() == null ? "unreadable"
                : fact.type() == SyncFact.Type.TRANSITION ? fact.transition().name() : fact.type() + " " + fact.kind();
    }

    static String abbreviated(String text) {
        return Limits.abbreviated(text, 2000);
    }
}
