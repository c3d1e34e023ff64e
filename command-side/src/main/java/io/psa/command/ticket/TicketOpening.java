package io.psa.command.ticket;

import io.psa.api.rule.Policy;
import io.psa.api.rule.UnknownItem;
import io.psa.api.ticket.AlertDetails;
import io.psa.api.ticket.NoteContent;
import io.psa.api.ticket.Priority;
import io.psa.api.ticket.Visibility;
import io.psa.command.contract.ReferenceData;
import io.psa.command.device.DeviceFacts;
import io.psa.command.device.Devices;
import io.psa.platform.Now;
import io.psa.platform.axon.AuditMetadata;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;
import io.psa.platform.axon.CommandTransaction;

import java.util.UUID;

import static io.psa.api.ticket.TicketCommands.*;

/**
 * Opens a ticket with the contract, service and SLA it is entitled to, in one transaction: the ticket, its SLA, the
 * alert behind it and the remarks on contracts not applied are stored together or not at all. Manual tickets with a
 * device and alerts go through the same precedence.
 */
@Component
public class TicketOpening {
    /** What is asked for; device, contract, priority, severity and alert are optional. */
    public record Request(String companyId, String title, String description, Priority priority, String deviceId,
                          String contractId, String contractServiceId, String severity, AlertDetails alert) {
    }

    record Match(String companyId, String otherCompanyId, String what) {
    }

    static final Policy<Match> SAME_COMPANY = Policy.stateRule("same-company",
            m -> m.companyId().equals(m.otherCompanyId()),
            m -> "The " + m.what() + " belongs to another company than the ticket.");

    private final CommandGateway commands;
    private final CommandTransaction transaction;
    private final ContractPrecedence precedence;
    private final ReferenceData referenceData;
    private final Devices devices;

    public TicketOpening(CommandGateway commands, CommandTransaction transaction, ContractPrecedence precedence,
                         ReferenceData referenceData, Devices devices) {
        this.commands = commands;
        this.transaction = transaction;
        this.precedence = precedence;
        this.referenceData = referenceData;
        this.devices = devices;
    }

    public String open(Request request) {
        return open(UUID.randomUUID().toString(), request, true);
    }

    /**
     * Opens a partner's copy under the id derived from the lead's ticket. Its agreement decides whether it comes (it
     * is suspended or terminated to stop them), not whether the company it is filed under is active: a handover
     * refused here would leave the lead's outsourcing waiting without a word.
     */
    public String openPartnersCopy(String ticketId, Request request) {
        return open(ticketId, request, false);
    }

    private String open(String ticketId, Request request, boolean companyMustBeActive) {
        transaction.run(() -> {
            ContractPrecedence.Assignment terms = terms(request, companyMustBeActive);
            commands.sendAndWait(new OpenTicket(ticketId, request.companyId(), request.title(), request.description(),
                    request.priority(), request.deviceId(), terms.contractId(), terms.contractServiceId()));
            terms.sla().ifPresent(sla -> commands.sendAndWait(new ApplySla(ticketId, sla, request.severity(),
                    request.priority())));
            if (request.alert() != null) {
                commands.sendAndWait(new AttachAlert(ticketId, request.alert()));
            }
            terms.remarks().forEach(remark -> commands.sendAndWait(AuditMetadata.onBehalfOf(AuditMetadata.SYSTEM_ACTOR,
                    new AddNote(ticketId, UUID.randomUUID().toString(),
                            new NoteContent("Contract", remark, Visibility.INTERNAL)))));
        });
        return ticketId;
    }

    private ContractPrecedence.Assignment terms(Request request, boolean companyMustBeActive) {
        ReferenceData.CompanyFacts company = companyMustBeActive
                ? referenceData.requireActiveCompany(request.companyId())
                : referenceData.requireCompany(request.companyId());
        DeviceFacts device = null;
        if (request.deviceId() != null) {
            device = devices.find(request.deviceId()).orElseThrow(() -> new UnknownItem("device", request.deviceId()));
            SAME_COMPANY.check(new Match(request.companyId(), device.companyId(), "device"));
        }
        if (request.contractId() != null) {
            ReferenceData.ContractFacts chosen = referenceData.requireContract(request.contractId());
            TicketPolicies.checkContractChoice(request.companyId(), chosen, request.contractServiceId(), Now.dateUtc());
            return precedence.chosen(chosen, request.contractServiceId());
        }
        return precedence.assign(company, device, Now.dateUtc());
    }
}
