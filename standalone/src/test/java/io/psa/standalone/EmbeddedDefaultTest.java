package io.psa.standalone;

import io.psa.platform.test.ApiClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The default run: no external service, an H2 file in the data directory, an admin token generated once. */
class EmbeddedDefaultTest {

    private static ConfigurableApplicationContext start(Path dataDir) {
        return PsaStandaloneApplication.application().run("--server.port=0", "--psa.data-dir=" + dataDir,
                "--psa.admin-token=");
    }

    private static ApiClient client(ConfigurableApplicationContext context, String token) {
        return new ApiClient("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port"), token);
    }

    @Test
    void runsOnAnEmbeddedFileWithAGeneratedTokenAndKeepsEverythingAcrossRestarts(@TempDir Path dataDir) throws Exception {
        String ticket;
        String token;
        try (ConfigurableApplicationContext first = start(dataDir)) {
            token = Files.readString(dataDir.resolve("admin-token")).trim();
            assertThat(token).startsWith("psa_");
            ApiClient api = client(first, token);
            String acme = api.post("/api/companies", Map.of("name", "Acme")).id();
            ticket = api.post("/api/tickets", Map.of("companyId", acme, "title", "Embedded")).id();
            await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/tickets/" + ticket).status() == 200);
        }
        assertThat(dataDir.resolve("psa.mv.db")).exists();

        try (ConfigurableApplicationContext second = start(dataDir)) {
            assertThat(Files.readString(dataDir.resolve("admin-token")).trim()).as("generated only once").isEqualTo(token);
            ApiClient api = client(second, token);
            assertThat(api.get("/api/tickets/" + ticket).json().path("title").asText()).isEqualTo("Embedded");
            assertThat(api.post("/api/tickets/" + ticket + "/status", Map.of("status", "IN_PROGRESS")).status())
                    .isEqualTo(204);
        }
    }
}
