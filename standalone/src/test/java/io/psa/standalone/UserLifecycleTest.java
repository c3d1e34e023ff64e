package io.psa.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import io.psa.platform.test.ApiClient;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Admins change a user's roles, give a new token and deactivate users; each takes effect at once. */
class UserLifecycleTest extends ApiTest {

    @Test
    void rolesTokensAndDeactivationTakeEffectAtOnce() {
        JsonNode created = api.post("/api/users", Map.of("name", "ursula", "roles", List.of("TECHNICIAN"))).json();
        String id = created.path("id").asText();
        ApiClient ursula = api.as(created.path("token").asText());
        assertThat(ursula.post("/api/tickets", Map.of("companyId", acme, "title", "Printer")).status()).isEqualTo(201);
        assertThat(api.get("/api/users/" + id).json().path("tokenLastUsedAt").isNull()).as("used").isFalse();

        assertThat(api.put("/api/users/" + id + "/roles", Map.of("roles", List.of("AUDITOR"))).status()).isEqualTo(200);
        assertThat(ursula.post("/api/tickets", Map.of("companyId", acme, "title", "Printer")).status())
                .as("an auditor reads only").isEqualTo(403);
        assertThat(ursula.get("/api/tickets").status()).isEqualTo(200);

        JsonNode rotated = api.post("/api/users/" + id + "/token", Map.of()).json();
        ApiClient renewed = api.as(rotated.path("token").asText());
        assertThat(ursula.get("/api/tickets").status()).as("the old token stopped").isEqualTo(401);
        assertThat(renewed.get("/api/tickets").status()).isEqualTo(200);
        assertThat(api.get("/api/users/" + id).json().has("token")).as("a token is shown once").isFalse();

        assertThat(api.post("/api/users/" + id + "/deactivation", Map.of()).status()).isEqualTo(204);
        assertThat(renewed.get("/api/tickets").status()).isEqualTo(401);
        assertThat(api.get("/api/users/" + id).json().path("active").asBoolean()).isFalse();
        ApiClient.Response again = api.post("/api/users/" + id + "/token", Map.of());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("rule").asText()).isEqualTo("user-active");
        assertThat(api.get("/api/users/no-such-user").status()).isEqualTo(404);
    }

    @Test
    void theLastActiveAdminKeepsTheAdminRole() {
        String admin = userId("admin");
        ApiClient.Response demoted = api.put("/api/users/" + admin + "/roles", Map.of("roles", List.of("TECHNICIAN")));
        assertThat(demoted.status()).isEqualTo(409);
        assertThat(demoted.json().path("rule").asText()).isEqualTo("an-active-admin-remains");
        assertThat(api.post("/api/users/" + admin + "/deactivation", Map.of()).json().path("rule").asText())
                .isEqualTo("an-active-admin-remains");

        String second = api.post("/api/users", Map.of("name", "ada", "roles", List.of("ADMIN"))).json()
                           .path("id").asText();
        assertThat(api.put("/api/users/" + second + "/roles", Map.of("roles", List.of("TECHNICIAN"))).status())
                .as("another admin remained").isEqualTo(200);
        assertThat(api.get("/api/users").status()).as("the first admin still is one").isEqualTo(200);
    }

    private String userId(String name) {
        for (JsonNode user : api.get("/api/users?size=500").json().path("items")) {
            if (user.path("name").asText().equals(name)) {
                return user.path("id").asText();
            }
        }
        throw new AssertionError("no user " + name);
    }
}
