package io.psa.command.device;

import io.psa.api.rule.Policy;
import io.psa.command.contract.ReferenceData;
import io.psa.command.contract.ServicePolicies;
import io.psa.platform.Now;
import io.psa.command.contract.ReferenceData.ContractFacts;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static io.psa.api.device.DeviceMessages.*;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A monitored device of one company, optionally covered by a contract of that company and one of its services. */
@Aggregate
public class Device {
    record Link(String deviceCompanyId, ContractFacts contract, String serviceId) {
    }

    static final Policy<Boolean> ACTIVE_DEVICES_ONLY = Policy.stateRule("active-devices-only", active -> active,
            active -> "The device is deactivated.");

    static final Policy<Link> CONTRACT_OF_THE_DEVICES_COMPANY = Policy.stateRule("contract-of-the-devices-company",
            link -> link.contract().companyId().equals(link.deviceCompanyId()),
            link -> "Contract " + link.contract().name() + " belongs to another company than the device.");

    static final Policy<Link> SERVICE_OF_THE_CONTRACT = Policy.stateRule("device-service-of-the-contract",
            link -> link.serviceId() != null && link.contract().serviceIds().contains(link.serviceId()),
            link -> "Service " + link.serviceId() + " is not a service of contract " + link.contract().name() + ".");

    static final Policy<String> LINKED_TO_UNLINK = Policy.stateRule("device-is-linked",
            contractId -> contractId != null, contractId -> "The device is not linked to a contract.");

    @AggregateIdentifier
    private String deviceId;
    private String companyId;
    private boolean active;
    private String contractId;
    private String contractServiceId;

    protected Device() {
    }

    @CommandHandler
    public Device(RegisterDevice command, ReferenceData referenceData) {
        referenceData.requireActiveCompany(command.companyId());
        apply(new DeviceRegistered(command.deviceId(), command.companyId(), command.name(), command.type(),
                command.serialNumber(), command.rmmDeviceId()));
    }

    @CommandHandler
    void handle(RenameDevice command) {
        apply(new DeviceRenamed(deviceId, command.name()));
    }

    @CommandHandler
    void handle(DeactivateDevice command) {
        ACTIVE_DEVICES_ONLY.check(active);
        apply(new DeviceDeactivated(deviceId));
    }

    @CommandHandler
    void handle(LinkDeviceToContract command, ReferenceData referenceData) {
        ACTIVE_DEVICES_ONLY.check(active);
        Link link = new Link(companyId, referenceData.requireContract(command.contractId()),
                command.contractServiceId());
        CONTRACT_OF_THE_DEVICES_COMPANY.check(link);
        SERVICE_OF_THE_CONTRACT.check(link);
        ServicePolicies.SERVICE_RUNNING.check(new ServicePolicies.ServiceOnDay(link.contract(), link.serviceId(),
                Now.dateUtc()));
        apply(new DeviceLinkedToContract(deviceId, command.contractId(), command.contractServiceId()));
    }

    @CommandHandler
    void handle(UnlinkDevice command) {
        LINKED_TO_UNLINK.check(contractId);
        apply(new DeviceUnlinked(deviceId, contractId));
    }

    DeviceFacts facts() {
        return new DeviceFacts(deviceId, companyId, active, contractId, contractServiceId);
    }

    @EventSourcingHandler
    void on(DeviceRegistered event) {
        deviceId = event.deviceId();
        companyId = event.companyId();
        active = true;
    }

    @EventSourcingHandler
    void on(DeviceDeactivated event) {
        active = false;
    }

    @EventSourcingHandler
    void on(DeviceLinkedToContract event) {
        contractId = event.contractId();
        contractServiceId = event.contractServiceId();
    }

    @EventSourcingHandler
    void on(DeviceUnlinked event) {
        contractId = null;
        contractServiceId = null;
    }
}
