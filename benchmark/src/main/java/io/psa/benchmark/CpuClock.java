package io.psa.benchmark;

import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * CPU time spent by the system under test, by PostgreSQL (all its processes) and by the benchmark itself, read from
 * the operating system: it stays meaningful on a busy machine, where elapsed time does not.
 */
final class CpuClock {
    /** CPU seconds of the three at one moment. */
    record Reading(double application, double postgres, double driver) {
        Reading minus(Reading earlier) {
            return new Reading(application - earlier.application, postgres - earlier.postgres, driver - earlier.driver);
        }
    }

    private final ProcessHandle application;

    CpuClock(ProcessHandle application) {
        this.application = application;
    }

    Reading read() {
        double postgres = ProcessHandle.allProcesses()
                .filter(process -> process.info().command().map(command -> command.endsWith("/postgres")).orElse(false))
                .mapToDouble(CpuClock::seconds).sum();
        com.sun.management.OperatingSystemMXBean self =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return new Reading(seconds(application), postgres, self.getProcessCpuTime() / 1e9);
    }

    private static double seconds(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L) / 1e9;
    }
}
