package io.psa.platform.persistence;

import com.fasterxml.jackson.databind.JsonNode;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The alert list: one row per alert a ticket received (position 0 opened it), with the ticket's company and device,
 * kept by the ticket projection beside the ticket's document. Filled from the documents' alerts.
 */
@Component
public class V23__AlertList extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
        DocumentBackfill.execute(context.getConnection(), """
                create table alert_view (
                    ticket_id        varchar(100) not null,
                    position         integer      not null,
                    company_id       varchar(100) not null,
                    device_id        varchar(100),
                    rmm_alert_id     varchar(200),
                    alert_condition  varchar(500),
                    severity         varchar(50),
                    title            varchar(500) not null,
                    raised_at        timestamp(6) with time zone not null,
                    primary key (ticket_id, position)
                )""",
                // read forwards (oldest first) or backwards (newest first) in the list's order
                "create index alert_view_raised on alert_view (raised_at, ticket_id, position)",
                "create index alert_view_company on alert_view (company_id, raised_at, ticket_id, position)",
                "create index alert_view_device on alert_view (device_id, raised_at, ticket_id, position)");
        DocumentBackfill.fillEach(context.getConnection(), "select ticket_id, document from ticket_document", 1,
                "insert into alert_view (company_id, device_id, position, rmm_alert_id, alert_condition, severity, "
                + "title, raised_at, ticket_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?)", V23__AlertList::alerts);
    }

    private static List<List<Object>> alerts(JsonNode ticket) {
        List<List<Object>> rows = new ArrayList<>();
        JsonNode alerts = ticket.path("alerts");
        for (int position = 0; position < alerts.size(); position++) {
            JsonNode alert = alerts.get(position);
            rows.add(Arrays.asList(DocumentBackfill.text(ticket, "companyId"), DocumentBackfill.text(ticket, "deviceId"),
                    position, DocumentBackfill.text(alert, "rmmAlertId"), DocumentBackfill.text(alert, "condition"),
                    DocumentBackfill.text(alert, "severity"), DocumentBackfill.text(alert, "title"),
                    Timestamp.from(Instant.parse(alert.path("raisedAt").asText()))));
        }
        return rows;
    }
}
