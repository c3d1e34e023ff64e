package io.psa.platform.persistence;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;

import java.util.Collections;

/**
 * Gives the reference documents (entity_view) a column to sort and page by name, filled from each document's
 * {@code name} in lower case (so that every database orders alike). A Spring bean, which Spring Boot hands to Flyway
 * beside the SQL migrations.
 */
@Component
public class V15__EntityViewNames extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
        DocumentBackfill.execute(context.getConnection(), "alter table entity_view add column sort_name varchar(300)",
                "create index entity_view_sort_name on entity_view (kind, sort_name, id)");
        DocumentBackfill.fill(context.getConnection(), "select kind, id, document from entity_view", 2,
                "update entity_view set sort_name = ? where kind = ? and id = ?", document -> Collections.singletonList(
                        SortKey.of(DocumentBackfill.text(document, "name"))));
    }
}
