package io.psa.standalone;

import io.psa.platform.test.ApiClient;
import io.psa.platform.test.PostgresTest;
import io.psa.platform.test.SchemaPerTestClass;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The system as a separate process, killed with SIGKILL under load and started again, on each storage we ship (the
 * embedded H2 default and PostgreSQL): no command it acknowledged is lost, neither from the history nor from the read
 * model, which catches up with all of them, and each event was stored with its hash.
 */
class CrashRecoveryTest {
    private static final int CLIENTS = 6;
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void onTheEmbeddedDefaultAcknowledgedCommandsSurviveKillMinus9() throws Exception {
        String dataDir = Files.createTempDirectory("psa-crash-").toString();
        crashAndRecover("h2", "--psa.data-dir=" + dataDir, "--psa.admin-token=" + PostgresTest.ADMIN_TOKEN);
    }

    @Test
    void onPostgresAcknowledgedCommandsSurviveKillMinus9() throws Exception {
        crashAndRecover("postgres", SchemaPerTestClass.arguments(CrashRecoveryTest.class));
    }

    private void crashAndRecover(String storage, String... storageArguments) throws Exception {
        int port = freePort();
        List<String> arguments = new ArrayList<>(List.of(storageArguments));
        arguments.add("--server.port=" + port);
        ApiClient api = new ApiClient(port);
        Process first = launch(arguments, storage + "-first");
        awaitUp(api);

        String company = api.post("/api/companies", Map.of("name", "Crash Co")).id();
        Set<String> tickets = ConcurrentHashMap.newKeySet();
        Map<String, String> notes = new ConcurrentHashMap<>();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        for (int i = 0; i < CLIENTS; i++) {
            clients.submit(() -> load(api, company, tickets, notes, running));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> tickets.size() >= 150);
        first.destroyForcibly().waitFor();   // SIGKILL, mid-load
        running.set(false);
        clients.shutdown();
        assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        launch(arguments, storage + "-second");
        awaitUp(api);
        for (String ticket : tickets) {
            assertThat(api.get("/api/tickets/" + ticket + "/history").status()).as("history of " + ticket)
                                                                                .isEqualTo(200);
            assertThat(api.get("/api/tickets/" + ticket + "/history/verification").json().path("status").asText())
                    .as("every event of " + ticket + " was stored with its hash").isEqualTo("VALID");
        }
        notes.forEach((note, ticket) -> assertThat(api.get("/api/tickets/" + ticket + "/history").toString())
                .as("note " + note + " in the history").contains(note));
        for (String ticket : tickets) {
            await().atMost(Duration.ofSeconds(60)).until(() -> api.get("/api/tickets/" + ticket).status() == 200);
        }
        notes.forEach((note, ticket) -> await().atMost(Duration.ofSeconds(60)).until(() ->
                api.get("/api/tickets/" + ticket).json().path("notes").findValuesAsText("id").contains(note)));
        assertThat(notes).isNotEmpty();
    }

    /**
     * Opens tickets and notes them until the server goes away; records only what was acknowledged. Every other
     * request carries an Idempotency-Key (those run in a unit of work of their own making).
     */
    private static void load(ApiClient api, String company, Set<String> tickets, Map<String, String> notes,
                             AtomicBoolean running) {
        int sent = 0;
        while (running.get()) {
            try {
                String[] key = sent++ % 2 == 0 ? new String[]{"Idempotency-Key", UUID.randomUUID().toString()}
                                               : new String[0];
                ApiClient.Response opened = api.post("/api/tickets", Map.of("companyId", company, "title", "Load"),
                        key);
                if (opened.status() != 201) {
                    continue;
                }
                tickets.add(opened.id());
                ApiClient.Response note = api.post("/api/tickets/" + opened.id() + "/notes",
                        Map.of("title", "n", "text", "under load", "visibility", "INTERNAL"), key.length == 0
                                ? new String[]{"Idempotency-Key", UUID.randomUUID().toString()} : new String[0]);
                if (note.status() == 201) {
                    notes.put(note.id(), opened.id());
                }
            } catch (RuntimeException serverGone) {
                return;
            }
        }
    }

    private Process launch(List<String> arguments, String name) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), PsaStandaloneApplication.class.getName()));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(new File("target/crash-recovery-" + name + ".log")).start();
        processes.add(process);
        return process;
    }

    private static void awaitUp(ApiClient api) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
               .until(() -> api.get("/actuator/health").status() == 200);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
