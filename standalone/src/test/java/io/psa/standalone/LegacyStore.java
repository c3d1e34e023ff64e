package io.psa.standalone;

import io.psa.platform.axon.stored.StoredEventTypes;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Turns a store into what the code before stable names wrote: each event under its Java class name, without a
 * revision, and TicketOutsourced with {@code partnerName} (revision 1's field).
 */
final class LegacyStore {
    private LegacyStore() {
    }

    static void rewrite(JdbcTemplate jdbc, StoredEventTypes types) {
        for (Map<String, Object> row : jdbc.queryForList("select global_index, payload_type, payload "
                                                         + "from domain_event_entry")) {
            String name = (String) row.get("payload_type");
            String payload = new String((byte[]) row.get("payload"), StandardCharsets.UTF_8);
            if (name.equals("ticket.TicketOutsourced")) {
                payload = payload.replace("\"partyName\":", "\"partnerName\":");
            }
            jdbc.update("update domain_event_entry set payload_type = ?, payload_revision = null, payload = ? "
                        + "where global_index = ?", types.classOf(name).orElseThrow().getName(),
                    payload.getBytes(StandardCharsets.UTF_8), row.get("global_index"));
        }
        assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where payload_type not like "
                                       + "'io.psa.api.%' or payload_revision is not null", Long.class)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where payload_type like "
                                       + "'%TicketOutsourced' and convert_from(payload, 'UTF8') like '%partyName%'",
                Long.class)).isZero();
    }
}
