package io.psa.command.ticket;

import io.psa.api.contract.SlaTerms;
import io.psa.command.contract.ReferenceData;
import io.psa.command.contract.ReferenceData.ContractFacts;
import io.psa.command.device.DeviceFacts;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which contract and service a new ticket gets: the company's default service desk contract, replaced by the
 * device's contract when it has one. A contract applies only within its dates; one that does not is skipped, and
 * the ticket is told why; so is a device's service that has ended (the ticket gets the contract without it).
 */
@Component
public class ContractPrecedence {
    /** The outcome, with the SLA of the chosen contract and the remarks for the ticket. */
    public record Assignment(String contractId, String contractServiceId, Optional<SlaTerms> sla,
                             List<String> remarks) {
    }

    private final ReferenceData referenceData;

    public ContractPrecedence(ReferenceData referenceData) {
        this.referenceData = referenceData;
    }

    /** The company's facts as the caller read them (it checked the company first), so they are read once. */
    public Assignment assign(ReferenceData.CompanyFacts company, DeviceFacts device, LocalDate today) {
        List<String> remarks = new ArrayList<>();
        if (device != null && device.contractId() != null) {
            Optional<Assignment> devices = applicable(referenceData.contract(device.contractId()),
                    device.contractServiceId(), "the device's contract", today, remarks);
            if (devices.isPresent()) {
                return devices.get();
            }
        }
        String defaultContract = company.defaultContractId();
        if (defaultContract != null) {
            Optional<Assignment> companys = applicable(referenceData.contract(defaultContract), null,
                    "the company's default contract", today, remarks);
            if (companys.isPresent()) {
                return companys.get();
            }
        }
        return new Assignment(null, null, Optional.empty(), remarks);
    }

    /** A person's explicit choice: that contract, with its SLA. */
    public Assignment chosen(ContractFacts contract, String contractServiceId) {
        return new Assignment(contract.contractId(), contractServiceId, sla(contract), List.of());
    }

    private Optional<Assignment> applicable(Optional<ContractFacts> contract, String serviceId, String which,
                                            LocalDate today, List<String> remarks) {
        if (contract.isEmpty()) {
            return Optional.empty();
        }
        ContractFacts facts = contract.get();
        if (!facts.inForceOn(today)) {
            remarks.add("Not applied: " + which + " \"" + facts.name() + "\" is in force from " + facts.startDate()
                        + " to " + facts.endDate() + ", not on " + today + ".");
            return Optional.empty();
        }
        if (serviceId != null && !facts.serviceRunsOn(serviceId, today)) {
            remarks.add("Not applied: service " + serviceId + " of " + which + " \"" + facts.name() + "\" ended on "
                        + facts.serviceLastDays().get(serviceId) + "; the ticket is on the contract without it.");
            return Optional.of(new Assignment(facts.contractId(), null, sla(facts), remarks));
        }
        return Optional.of(new Assignment(facts.contractId(), serviceId, sla(facts), remarks));
    }

    private Optional<SlaTerms> sla(ContractFacts contract) {
        return contract.slaId() == null ? Optional.empty() : referenceData.sla(contract.slaId());
    }
}
