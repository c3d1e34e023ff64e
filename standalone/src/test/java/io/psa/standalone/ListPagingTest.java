package io.psa.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every list answers in pages (page, size up to 500, totalItems), sorted by name either way; bad paging is a 400. */
class ListPagingTest extends ApiTest {
    private static final Map<String, Object> TARGET = Map.of("firstResponse", 15, "resolutionPlan", 60, "resolved", 240);

    @Test
    void referenceListsPageAndSortByName() {
        for (String name : List.of("Silver", "Bronze", "Gold")) {
            created(api.post("/api/slas", Map.of("name", name, "hours", "24x7", "targets",
                    Map.of("1", TARGET, "2", TARGET, "3", TARGET, "4", TARGET), "defaultPriority", 3)));
        }
        JsonNode first = readUntil("/api/slas?size=2", r -> r.json().path("totalItems").asLong() == 3).json();
        assertThat(names(first)).containsExactly("Bronze", "Gold");
        assertThat(first.path("page").asInt()).isZero();
        assertThat(first.path("size").asInt()).isEqualTo(2);
        assertThat(names(api.get("/api/slas?size=2&page=1").json())).containsExactly("Silver");
        assertThat(names(api.get("/api/slas?sort=-name").json())).containsExactly("Silver", "Gold", "Bronze");
        assertThat(api.get("/api/slas?page=5").json().path("items")).isEmpty();
    }

    @Test
    void usersAndPartnersPageToo() {
        api.post("/api/users", Map.of("name", "zoe", "roles", List.of("AUDITOR")));
        JsonNode users = api.get("/api/users?size=1&sort=-name").json();
        assertThat(users.path("totalItems").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(names(users)).containsExactly("zoe");
        enableOutsourcing("Paging GmbH", "de");
        api.post("/api/partners/invitations", Map.of("kind", "PARTNER", "name", "Partner B"));
        api.post("/api/partners/invitations", Map.of("kind", "PARTNER", "name", "Partner A"));
        JsonNode partners = api.get("/api/partners?size=1").json();
        assertThat(partners.path("totalItems").asLong()).isEqualTo(2);
        assertThat(names(partners)).containsExactly("Partner A");
    }

    @Test
    void pagingOutsideItsBoundsIsRefused() {
        for (String query : List.of("size=501", "size=0", "page=-1", "sort=createdAt", "size=many")) {
            for (String list : List.of("/api/companies", "/api/devices", "/api/users", "/api/partners")) {
                assertThat(api.get(list + "?" + query).status()).as(list + "?" + query).isEqualTo(400);
            }
        }
    }

    /** Parameters outside their bounds are refused by Spring MVC itself; the answer names the parameter. */
    @Test
    void parametersOutsideTheirBoundsAreRefusedByName() {
        for (String list : List.of("/api/tickets", "/api/alerts")) {
            for (String query : List.of("size=501", "size=0", "page=-1", "sort=createdAt", "size=many")) {
                var answer = api.get(list + "?" + query);
                assertThat(answer.status()).as(list + "?" + query).isEqualTo(400);
                assertThat(answer.json().path("errors").findValuesAsText("field")).as(list + "?" + query)
                        .containsExactly(query.substring(0, query.indexOf('=')));
            }
        }
        for (String bounded : List.of("/api/admin/outbox?size=1001", "/sync/v1/agreements/any/events?limit=0",
                "/sync/v1/agreements/any/events?waitSeconds=61")) {
            var answer = api.get(bounded);
            assertThat(answer.status()).as(bounded).isEqualTo(400);
            assertThat(answer.json().path("errors").findValuesAsText("field")).as(bounded)
                    .containsExactly(bounded.substring(bounded.indexOf('?') + 1, bounded.indexOf('=')));
        }
    }

    private static List<String> names(JsonNode page) {
        List<String> names = new ArrayList<>();
        page.path("items").forEach(item -> names.add(item.path("name").asText()));
        return names;
    }
}
