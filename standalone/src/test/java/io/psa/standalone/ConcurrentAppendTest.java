package io.psa.standalone;

import io.psa.platform.test.ApiClient;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Another writer (a second command-side process, say) appended a ticket's next event behind this process's back:
 * the append of the same sequence number is a conflict (409, nothing stored), not a failure, and the retry, with
 * the ticket read again, goes through.
 */
class ConcurrentAppendTest extends ApiTest {

    @Test
    void aSequenceNumberTakenByAnotherWriterIsAConflictAndTheRetryGoesThrough() {
        String ticket = openTicket(acme, "Contested");
        created(api.post("/api/tickets/" + ticket + "/notes", note("mine")));
        long last = lastSequence(ticket);
        jdbc.update("insert into domain_event_entry (global_index, event_identifier, aggregate_identifier, "
                    + "sequence_number, type, time_stamp, payload_type, payload_revision, payload, meta_data) "
                    + "select nextval('domain_event_global_index_seq'), 'another-writer', aggregate_identifier, "
                    + "sequence_number + 1, type, time_stamp, payload_type, payload_revision, payload, meta_data "
                    + "from domain_event_entry where aggregate_identifier = ? and sequence_number = ?", ticket, last);
        long stored = storedEvents();

        ApiClient.Response conflict = api.post("/api/tickets/" + ticket + "/notes", note("too late"));
        assertThat(conflict.status()).as(conflict.toString()).isEqualTo(409);
        assertThat(conflict.json().path("rule").asText()).isEqualTo("no-concurrent-change");
        assertThat(storedEvents()).isEqualTo(stored);

        created(api.post("/api/tickets/" + ticket + "/notes", note("again")));
        assertThat(lastSequence(ticket)).isEqualTo(last + 2);
    }

    private static Map<String, Object> note(String text) {
        return Map.of("title", "n", "text", text, "visibility", "INTERNAL");
    }

    private long lastSequence(String aggregate) {
        return jdbc.queryForObject("select max(sequence_number) from domain_event_entry where aggregate_identifier = ?",
                Long.class, aggregate);
    }
}
