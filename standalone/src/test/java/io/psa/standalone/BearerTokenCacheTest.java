package io.psa.standalone;

import io.psa.platform.security.ApiUsers;
import io.psa.platform.test.ApiClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Tokens are looked up once and remembered; a token replaced in this process stops working at once all the same. */
class BearerTokenCacheTest extends ApiTest {
    @Autowired
    ApiUsers users;

    @Test
    void aReplacedTokenStopsAtOnceThoughItWasRemembered() {
        String token = api.post("/api/users", Map.of("name", "cached-tina", "roles", List.of("TECHNICIAN")))
                          .json().path("token").asText();
        ApiClient tina = api.as(token);
        assertThat(tina.get("/api/companies").status()).isEqualTo(200);
        assertThat(tina.get("/api/companies").status()).as("remembered").isEqualTo(200);

        users.replaceToken("cached-tina", "a-new-token-for-tina");

        assertThat(tina.get("/api/companies").status()).isEqualTo(401);
        assertThat(api.as("a-new-token-for-tina").get("/api/companies").status()).isEqualTo(200);
    }
}
