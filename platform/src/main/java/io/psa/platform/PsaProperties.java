package io.psa.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of this instance.
 *
 * @param instanceId        the name recorded as the origin of every event this instance writes
 * @param dataDir           where the embedded database and the generated admin token live
 * @param adminToken        the first admin's bearer token (PSA_ADMIN_TOKEN); generated when empty
 * @param attachmentMaxSize largest attachment accepted; larger uploads get 413
 * @param jsonMaxSize largest JSON request body accepted; larger ones get 413
 * @param idempotencyRetention how long the answer to an {@code Idempotency-Key} is kept for retries
 * @param outboundAllowPrivate whether calls to other instances may go to loopback and private addresses (tests, two
 *                             instances on one machine); off, only public addresses are called
 * @param mailFrom             the sender of the mails this instance sends
 * @param subcontractorFee     what a subcontractor's acceptance costs the lead unless its agreement says otherwise
 * @param snapshotThreshold    events loaded or applied since an aggregate's last snapshot that make it take the next
 *                             (tickets and contracts); 0 takes none
 * @param ticketCache          whether tickets stay in memory between commands; off only to measure what a load costs
 * @param writeConcurrency     API writes run at once at most (others wait their turn); 0 for twice the processors
 * @param writeWait            how long an API write waits for its turn before it is refused with 503
 * @param writeQueue           API writes waiting for a turn at most; further ones are refused with 503 at once
 */
@ConfigurationProperties("psa")
public record PsaProperties(@DefaultValue("local") String instanceId,
                            @DefaultValue("./data") Path dataDir,
                            String adminToken,
                            @DefaultValue("10MB") DataSize attachmentMaxSize,
                            @DefaultValue("1MB") DataSize jsonMaxSize,
                            @DefaultValue("24h") Duration idempotencyRetention,
                            @DefaultValue("false") boolean outboundAllowPrivate,
                            @DefaultValue("psa@localhost") String mailFrom,
                            @DefaultValue("5.00") java.math.BigDecimal subcontractorFee,
                            @DefaultValue("250") int snapshotThreshold,
                            @DefaultValue("true") boolean ticketCache,
                            @DefaultValue("0") int writeConcurrency,
                            @DefaultValue("10s") Duration writeWait,
                            @DefaultValue("100") int writeQueue) {
}
