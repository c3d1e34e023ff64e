package db.migration;

import io.psa.platform.axon.chain.EventChain;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** Chains the events a store held before the hash chain existed, so that every aggregate's chain is whole. */
public class V10__Seal_stored_events extends BaseJavaMigration {
    private static final Logger LOG = LoggerFactory.getLogger(V10__Seal_stored_events.class);

    @Override
    public void migrate(Context context) {
        JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(context.getConnection(), true));
        long sealed = EventChain.sealUnchained(jdbc);
        LOG.info("Hash chain: sealed {} events stored before the chain existed", sealed);
    }
}
