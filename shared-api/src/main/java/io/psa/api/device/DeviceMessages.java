package io.psa.api.device;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Monitored devices (configuration items) and their link to a contract and one of its services. */
public final class DeviceMessages {
    private DeviceMessages() {
    }

    public record RegisterDevice(@TargetAggregateIdentifier String deviceId, String companyId, String name, String type,
                                 String serialNumber, String rmmDeviceId) {
    }

    public record DeviceRegistered(String deviceId, String companyId, String name, String type, String serialNumber,
                                   String rmmDeviceId) {
    }

    public record RenameDevice(@TargetAggregateIdentifier String deviceId, String name) {
    }

    public record DeviceRenamed(String deviceId, String name) {
    }

    public record DeactivateDevice(@TargetAggregateIdentifier String deviceId) {
    }

    public record DeviceDeactivated(String deviceId) {
    }

    public record LinkDeviceToContract(@TargetAggregateIdentifier String deviceId, String contractId,
                                       String contractServiceId) {
    }

    public record DeviceLinkedToContract(String deviceId, String contractId, String contractServiceId) {
    }

    public record UnlinkDevice(@TargetAggregateIdentifier String deviceId) {
    }

    public record DeviceUnlinked(String deviceId, String contractId) {
    }
}
