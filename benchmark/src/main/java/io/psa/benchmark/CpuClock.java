package io.psa.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * CPU time spent by the system under test (and, apart, by its JIT compiler threads), by PostgreSQL (all its
 * processes) and by the benchmark itself, read from the operating system: it stays meaningful on a busy machine,
 * where elapsed time does not.
 */
final class CpuClock {
    /** Linux counts a thread's CPU time in ticks of 1/100 s. */
    private static final double TICKS_PER_SECOND = 100;

    /** CPU seconds of each at one moment; {@code compiler} is part of {@code application}. */
    record Reading(double application, double compiler, double postgres, double driver) {
        Reading minus(Reading earlier) {
            return new Reading(application - earlier.application, compiler - earlier.compiler,
                    postgres - earlier.postgres, driver - earlier.driver);
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
        return new Reading(seconds(application), compilerSeconds(application.pid()), postgres,
                self.getProcessCpuTime() / 1e9);
    }

    private static double seconds(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L) / 1e9;
    }

    /** The CPU of the process's JIT compiler threads (C1 and C2), from /proc; 0 where there is no /proc. */
    private static double compilerSeconds(long pid) {
        try (Stream<Path> threads = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
            return threads.mapToDouble(thread -> {
                try {
                    if (!Files.readString(thread.resolve("comm")).matches("C[12] CompilerThre\\w*\\s*")) {
                        return 0;
                    }
                    String stat = Files.readString(thread.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
                } catch (IOException | RuntimeException gone) {
                    return 0;   // a thread that ended meanwhile
                }
            }).sum();
        } catch (IOException noProc) {
            return 0;
        }
    }
}
