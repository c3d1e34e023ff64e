package io.psa.standalone;

import io.psa.commandside.CommandSideApplication;
import io.psa.platform.test.ApiClient;
import io.psa.platform.test.SchemaPerTestClass;
import io.psa.queryside.QuerySideApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The split deployment: the command side and the query side as two applications sharing one PostgreSQL event
 * store; the query side learns of the commands only by tracking the store.
 */
class SplitDeploymentTest {
    private static ConfigurableApplicationContext commandSide;
    private static ConfigurableApplicationContext querySide;

    @BeforeAll
    static void start() {
        String[] database = SchemaPerTestClass.arguments(SplitDeploymentTest.class, "--server.port=0");
        commandSide = new SpringApplicationBuilder(CommandSideApplication.class)
                .properties("spring.application.name=psa-command-side").run(database);
        querySide = new SpringApplicationBuilder(QuerySideApplication.class)
                .properties("spring.application.name=psa-query-side").run(database);
    }

    @AfterAll
    static void stop() {
        querySide.close();
        commandSide.close();
    }

    private static ApiClient client(ConfigurableApplicationContext context) {
        return new ApiClient(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
    }

    @Test
    void commandsGoToOneProcessAndReadsComeFromTheOther() {
        ApiClient commands = client(commandSide);
        ApiClient queries = client(querySide);

        String acme = commands.post("/api/companies", Map.of("name", "Acme")).id();
        String ticket = commands.post("/api/tickets", Map.of("companyId", acme, "title", "Split")).id();
        commands.post("/api/tickets/" + ticket + "/notes", Map.of("title", "n", "text", "hello", "visibility", "EXTERNAL"));

        ApiClient.Response detail = await().atMost(Duration.ofSeconds(30)).until(
                () -> queries.get("/api/tickets/" + ticket), r -> r.status() == 200 && r.json().path("notes").size() == 1);
        assertThat(detail.json().path("title").asText()).isEqualTo("Split");
        assertThat(queries.get("/api/tickets/" + ticket + "/history").json()).hasSize(2);
        assertThat(commands.get("/api/tickets/" + ticket).status()).as("the command side serves no reads").isEqualTo(404);
        assertThat(queries.post("/api/tickets", Map.of("companyId", acme, "title", "x")).status())
                .as("the query side takes no commands").isEqualTo(405);
    }
}
