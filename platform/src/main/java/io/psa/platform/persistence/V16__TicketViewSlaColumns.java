package io.psa.platform.persistence;

import com.fasterxml.jackson.databind.JsonNode;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.StreamSupport;

/**
 * Gives the ticket list the next SLA due time and whether a target was missed, for the dispatcher's queues (due
 * within N minutes, missed, ordered by due time), filled from each ticket's document as the projection computes
 * them: the earliest due time of a RUNNING target unless the clocks stand still, and any MISSED target.
 */
@Component
public class V16__TicketViewSlaColumns extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
        DocumentBackfill.execute(context.getConnection(),
                "alter table ticket_view add column next_sla_due_at timestamp(6) with time zone",
                "alter table ticket_view add column sla_missed boolean default false not null",
                "create index ticket_view_status_due on ticket_view (status, next_sla_due_at)",
                "create index ticket_view_due on ticket_view (next_sla_due_at)",
                "create index ticket_view_outsourcing_status on ticket_view (outsourcing_status)",
                "create index ticket_view_updated on ticket_view (updated_at)");
        DocumentBackfill.fill(context.getConnection(), "select ticket_id, document from ticket_view", 1,
                "update ticket_view set next_sla_due_at = ?, sla_missed = ? where ticket_id = ?",
                document -> Arrays.asList(nextDue(document.path("sla")), missed(document.path("sla"))));
    }

    private static Timestamp nextDue(JsonNode sla) {
        JsonNode pausedSince = sla.path("pausedSince");
        if (sla.isMissingNode() || sla.isNull() || !pausedSince.isMissingNode() && !pausedSince.isNull()) {
            return null;   // no SLA, or its clocks stand still
        }
        return targets(sla).stream().filter(target -> target.path("state").asText().equals("RUNNING"))
                           .map(target -> Instant.parse(target.path("due").asText())).min(Comparator.naturalOrder())
                           .map(Timestamp::from).orElse(null);
    }

    private static boolean missed(JsonNode sla) {
        return targets(sla).stream().anyMatch(target -> target.path("state").asText().equals("MISSED"));
    }

    private static List<JsonNode> targets(JsonNode sla) {
        return StreamSupport.stream(sla.path("targets").spliterator(), false).toList();
    }
}
