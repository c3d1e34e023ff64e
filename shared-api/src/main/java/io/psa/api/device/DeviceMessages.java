package io.psa.api.device;

import io.psa.api.message.StoredAs;
import org.axonframework.serialization.Revision;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Monitored devices (configuration items) and their link to a contract and one of its services. */
public final class DeviceMessages {
    private DeviceMessages() {
    }

    public record RegisterDevice(@TargetAggregateIdentifier String deviceId, String companyId, String name, String type,
                                 String serialNumber, String rmmDeviceId) {
    }

    @StoredAs("device.DeviceRegistered")
    @Revision("1")
    public record DeviceRegistered(String deviceId, String companyId, String name, String type, String serialNumber,
                                   String rmmDeviceId) {
    }

    public record RenameDevice(@TargetAggregateIdentifier String deviceId, String name) {
    }

    @StoredAs("device.DeviceRenamed")
    @Revision("1")
    public record DeviceRenamed(String deviceId, String name) {
    }

    public record DeactivateDevice(@TargetAggregateIdentifier String deviceId) {
    }

    @StoredAs("device.DeviceDeactivated")
    @Revision("1")
    public record DeviceDeactivated(String deviceId) {
    }

    public record LinkDeviceToContract(@TargetAggregateIdentifier String deviceId, String contractId,
                                       String contractServiceId) {
    }

    @StoredAs("device.DeviceLinkedToContract")
    @Revision("1")
    public record DeviceLinkedToContract(String deviceId, String contractId, String contractServiceId) {
    }

    public record UnlinkDevice(@TargetAggregateIdentifier String deviceId) {
    }

    @StoredAs("device.DeviceUnlinked")
    @Revision("1")
    public record DeviceUnlinked(String deviceId, String contractId) {
    }
}
