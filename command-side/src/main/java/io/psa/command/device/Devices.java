package io.psa.command.device;

import io.psa.command.AggregateReads;
import org.axonframework.modelling.command.Repository;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** Finds devices by id, or by the monitoring system's id through a lookup kept in step with the events. */
@Component
public class Devices {
    private final Repository<Device> repository;
    private final JdbcTemplate jdbc;

    public Devices(@Lazy Repository<Device> repository, JdbcTemplate jdbc) {
        this.repository = repository;
        this.jdbc = jdbc;
    }

    public Optional<DeviceFacts> find(String deviceId) {
        return AggregateReads.find(() -> repository.load(deviceId).invoke(Device::facts));
    }

    /** Whether a device with this monitoring id is registered: the lookup alone answers, no device is loaded. */
    public boolean rmmIdTaken(String rmmDeviceId) {
        return !jdbc.queryForList("select device_id from device_lookup where rmm_device_id = ?", String.class,
                rmmDeviceId).isEmpty();
    }

    public Optional<DeviceFacts> findByRmmId(String rmmDeviceId) {
        return jdbc.queryForList("select device_id from device_lookup where rmm_device_id = ?", String.class, rmmDeviceId)
                   .stream().findFirst().flatMap(this::find);
    }
}
