package io.psa.standalone;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An event whose transaction commits after later ones (its global index was handed out first) leaves a gap the
 * projections read again until it is filled: the event still reaches the read model. Nor do the projections stop
 * at a stretch of indexes longer than the events they read at once (handed out to transactions that rolled back).
 */
class LateCommitTest extends ApiTest {
    @Autowired
    DataSource dataSource;

    @Test
    void anEventCommittedAfterLaterOnesStillReachesTheProjections() throws Exception {
        String model = openTicket(acme, "Model for a late ticket");
        String late = UUID.randomUUID().toString();
        Map<String, Object> opened = jdbc.queryForMap("select type, time_stamp, payload_type, payload_revision, "
                + "payload, meta_data from domain_event_entry where aggregate_identifier = ? and sequence_number = 0",
                model);
        try (Connection slow = dataSource.getConnection()) {
            slow.setAutoCommit(false);
            try (PreparedStatement insert = slow.prepareStatement("insert into domain_event_entry (global_index, "
                    + "event_identifier, aggregate_identifier, sequence_number, type, time_stamp, payload_type, "
                    + "payload_revision, payload, meta_data) values (nextval('domain_event_global_index_seq'), ?, ?, "
                    + "0, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, UUID.randomUUID().toString());
                insert.setString(2, late);
                insert.setString(3, (String) opened.get("type"));
                insert.setString(4, (String) opened.get("time_stamp"));
                insert.setString(5, (String) opened.get("payload_type"));
                insert.setString(6, (String) opened.get("payload_revision"));
                insert.setBytes(7, new String((byte[]) opened.get("payload"), StandardCharsets.UTF_8)
                        .replace(model, late).replace("Model for a late ticket", "Committed late")
                        .getBytes(StandardCharsets.UTF_8));
                insert.setBytes(8, (byte[]) opened.get("meta_data"));
                insert.executeUpdate();
            }
            String after = openTicket(acme, "Opened and committed after the late one");
            readUntil("/api/tickets/" + after, response -> response.status() == 200);
            assertThat(api.get("/api/tickets/" + late).status()).as("not committed yet").isEqualTo(404);

            slow.commit();
        }
        assertThat(readUntil("/api/tickets/" + late, response -> response.status() == 200).json().path("title")
                .asText()).isEqualTo("Committed late");
    }

    @Test
    void theProjectionsReadPastMoreUnusedIndexesThanTheyReadAtOnce() {
        long last = jdbc.queryForObject("select max(global_index) from domain_event_entry", Long.class);
        jdbc.update("alter sequence domain_event_global_index_seq restart with " + (last + 5_000));
        String beyond = openTicket(acme, "After five thousand unused indexes");
        assertThat(readUntil("/api/tickets/" + beyond, response -> response.status() == 200).json().path("title")
                .asText()).isEqualTo("After five thousand unused indexes");
    }
}
