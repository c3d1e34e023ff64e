package io.psa.platform.persistence;

import org.axonframework.common.DateTimeUtils;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * The dead letters move from Axon's JPA queue to its JDBC queue, which keeps the times a letter was parked, last
 * tried and taken up as ISO-8601 text with milliseconds (sortable as text), where the JPA queue kept timestamps.
 * The letters already parked keep their times, rewritten as that text.
 */
@Component
public class V25__DeadLetterTimesAsText extends BaseJavaMigration {
    private static final List<String> TIMES = List.of("enqueued_at", "last_touched", "processing_started");

    @Override
    public void migrate(Context context) {
        JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(context.getConnection(), true));
        for (String column : TIMES) {
            jdbc.execute("alter table dead_letter_entry add column " + column + "_text varchar(255)");
            jdbc.query("select dead_letter_id, " + column + " from dead_letter_entry where " + column + " is not null",
                    (row, index) -> new Object[]{
                            DateTimeUtils.formatInstant(row.getObject(2, OffsetDateTime.class).toInstant()),
                            row.getString(1)})
                .forEach(letter -> jdbc.update("update dead_letter_entry set " + column + "_text = ? "
                                               + "where dead_letter_id = ?", letter));
            jdbc.execute("alter table dead_letter_entry drop column " + column);
            jdbc.execute("alter table dead_letter_entry rename column " + column + "_text to " + column);
        }
        jdbc.execute("alter table dead_letter_entry alter column enqueued_at set not null");
    }
}
