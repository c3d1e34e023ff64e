package io.psa.command.device;

import io.psa.api.rule.Policy;
import io.psa.command.CreatedAnswers;
import io.psa.command.CreatedAnswers.Created;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import io.psa.platform.axon.CommandTransaction;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.psa.api.device.DeviceMessages.*;

import static io.psa.api.rule.Limits.*;

/**
 * Device commands. Registering with a contract, a discovery and linking several devices from a contract each run in
 * one transaction: one refused device refuses the whole call, and nothing is stored.
 */
@RestController
@Tag(name = "Devices")
public class DeviceCommandController {
    record NewDevice(@NotBlank @Size(max = NAME_LENGTH) String name, @Size(max = ID_LENGTH) String type,
                     @Size(max = 200) String serialNumber, @Size(max = 200) String rmmDeviceId) {
    }

    record DeviceRequest(@NotBlank @Size(max = ID_LENGTH) String companyId, @NotBlank @Size(max = NAME_LENGTH) String name,
                         @Size(max = ID_LENGTH) String type, @Size(max = 200) String serialNumber,
                         @Size(max = 200) String rmmDeviceId, @Size(max = ID_LENGTH) String contractId,
                         @Size(max = ID_LENGTH) String contractServiceId) {
    }

    record LinkRequest(@NotBlank @Size(max = ID_LENGTH) String contractId, @NotBlank @Size(max = ID_LENGTH) String contractServiceId) {
    }

    record BulkLinkRequest(@NotEmpty @Size(max = MAX_DEVICES) List<@NotBlank @Size(max = ID_LENGTH) String> deviceIds,
                           @NotBlank @Size(max = ID_LENGTH) String contractServiceId) {
    }

    record DiscoveryRequest(@NotBlank @Size(max = ID_LENGTH) String companyId,
                            @NotEmpty @Size(max = MAX_DEVICES) List<@Valid NewDevice> devices,
                            @Size(max = ID_LENGTH) String contractId, @Size(max = ID_LENGTH) String contractServiceId) {
    }

    /** The most devices one call registers or links: one transaction, and a request body within the JSON limit. */
    static final int MAX_DEVICES = 1000;

    record RenameRequest(@NotBlank @Size(max = NAME_LENGTH) String name) {
    }

    record Discovered(List<String> deviceIds) {
    }

    private final CommandGateway commands;
    private final CommandTransaction transaction;
    private final Policy<String> uniqueRmmId;

    public DeviceCommandController(CommandGateway commands, CommandTransaction transaction, Devices devices) {
        this.commands = commands;
        this.transaction = transaction;
        this.uniqueRmmId = Policy.stateRule("rmm-device-id-unique", rmmId -> !devices.rmmIdTaken(rmmId),
                rmmId -> "A device with monitoring id " + rmmId + " is registered already.");
    }

    @PostMapping("/api/devices")
    public ResponseEntity<Created> register(@Valid @RequestBody DeviceRequest request) {
        String deviceId = transaction.call(() -> register(request.companyId(),
                new NewDevice(request.name(), request.type(), request.serialNumber(), request.rmmDeviceId()),
                request.contractId(), request.contractServiceId()));
        return CreatedAnswers.created("/api/devices/" + deviceId, deviceId);
    }

    @PostMapping("/api/devices/discoveries")
    @io.psa.platform.web.Creates
    public ResponseEntity<Discovered> discover(@Valid @RequestBody DiscoveryRequest request) {
        List<String> deviceIds = transaction.call(() -> {
            List<String> registered = new ArrayList<>();
            request.devices().forEach(device -> registered.add(register(request.companyId(), device,
                    request.contractId(), request.contractServiceId())));
            return registered;
        });
        return ResponseEntity.created(URI.create("/api/devices?companyId=" + request.companyId()))
                             .body(new Discovered(deviceIds));
    }

    @PutMapping("/api/devices/{deviceId}/contract")
    public ResponseEntity<Void> link(@PathVariable String deviceId, @Valid @RequestBody LinkRequest request) {
        commands.sendAndWait(new LinkDeviceToContract(deviceId, request.contractId(), request.contractServiceId()));
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/api/devices/{deviceId}/contract")
    public ResponseEntity<Void> unlink(@PathVariable String deviceId) {
        commands.sendAndWait(new UnlinkDevice(deviceId));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/contracts/{contractId}/devices")
    public ResponseEntity<Void> linkFromContract(@PathVariable String contractId,
                                                 @Valid @RequestBody BulkLinkRequest request) {
        transaction.run(() -> request.deviceIds().forEach(deviceId -> commands.sendAndWait(
                new LinkDeviceToContract(deviceId, contractId, request.contractServiceId()))));
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/api/devices/{deviceId}/name")
    public ResponseEntity<Void> rename(@PathVariable String deviceId, @Valid @RequestBody RenameRequest request) {
        commands.sendAndWait(new RenameDevice(deviceId, request.name()));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/devices/{deviceId}/deactivation")
    public ResponseEntity<Void> deactivateDevice(@PathVariable String deviceId) {
        commands.sendAndWait(new DeactivateDevice(deviceId));
        return ResponseEntity.noContent().build();
    }

    private String register(String companyId, NewDevice device, String contractId, String contractServiceId) {
        if (device.rmmDeviceId() != null) {
            uniqueRmmId.check(device.rmmDeviceId());
        }
        String deviceId = UUID.randomUUID().toString();
        commands.sendAndWait(new RegisterDevice(deviceId, companyId, device.name(), device.type(),
                device.serialNumber(), device.rmmDeviceId()));
        if (contractId != null) {
            commands.sendAndWait(new LinkDeviceToContract(deviceId, contractId, contractServiceId));
        }
        return deviceId;
    }
}
