package io.psa.standalone;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** On PostgreSQL every binary column is bytea (no large objects), and global indexes come one at a time. */
class EventStoreSchemaTest extends ApiTest {

    @Test
    void binaryColumnsAreByteaAndNothingIsAnOid() {
        List<Map<String, Object>> binary = jdbc.queryForList("select table_name, column_name, data_type "
                + "from information_schema.columns where table_schema = current_schema() "
                + "and column_name in ('payload', 'meta_data', 'token', 'serialized_saga', 'diagnostics', 'content', 'body')");
        assertThat(binary).extracting(row -> row.get("table_name") + "." + row.get("column_name")).contains(
                "domain_event_entry.payload", "domain_event_entry.meta_data", "snapshot_event_entry.payload",
                "snapshot_event_entry.meta_data", "token_entry.token", "saga_entry.serialized_saga",
                "dead_letter_entry.payload", "dead_letter_entry.meta_data", "dead_letter_entry.token",
                "dead_letter_entry.diagnostics", "stored_content.content");
        assertThat(binary).allSatisfy(row -> assertThat(row.get("data_type")).isEqualTo("bytea"));
        assertThat(jdbc.queryForObject("select count(*) from information_schema.columns "
                + "where table_schema = current_schema() and data_type = 'oid'", Long.class)).isZero();
    }

    @Test
    void eventsAndTokensAreStoredAsByteaAndNoLargeObjectIsCreated() {
        long largeObjectsBefore = jdbc.queryForObject("select count(*) from pg_largeobject_metadata", Long.class);
        String ticket = openTicket(acme, "bytea check");
        readUntil("/api/tickets/" + ticket, r -> r.status() == 200);
        assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where payload is not null", Long.class))
                .isPositive();
        assertThat(jdbc.queryForObject("select count(*) from token_entry where token is not null", Long.class))
                .isPositive();
        assertThat(jdbc.queryForObject("select count(*) from pg_largeobject_metadata", Long.class))
                .isEqualTo(largeObjectsBefore);
    }

    @Test
    void theGlobalIndexHasItsOwnSequenceHandingOutOneAtATime() {
        assertThat(jdbc.queryForObject("select increment_by from pg_sequences "
                + "where schemaname = current_schema() and sequencename = 'domain_event_global_index_seq'", Long.class))
                .isEqualTo(1);
        String ticket = openTicket(acme, "gapless");
        for (int i = 0; i < 3; i++) {
            api.post("/api/tickets/" + ticket + "/notes", Map.of("title", "n", "text", "n" + i, "visibility", "INTERNAL"));
        }
        List<Long> indexes = jdbc.queryForList("select global_index from domain_event_entry where aggregate_identifier = ? "
                                               + "order by global_index", Long.class, ticket);
        assertThat(indexes).hasSize(4);
        assertThat(indexes.get(3) - indexes.get(0)).isEqualTo(3);
    }
}
