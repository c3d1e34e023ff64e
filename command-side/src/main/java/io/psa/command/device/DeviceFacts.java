package io.psa.command.device;

/** What other parts of the command side may know about a device. */
public record DeviceFacts(String deviceId, String companyId, boolean active, String contractId,
                          String contractServiceId) {
}
