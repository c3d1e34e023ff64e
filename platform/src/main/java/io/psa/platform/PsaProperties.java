package io.psa.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.nio.file.Path;

/**
 * Settings of this instance.
 *
 * @param instanceId        the name recorded as the origin of every event this instance writes
 * @param dataDir           where the embedded database and the generated admin token live
 * @param adminToken        the first admin's bearer token (PSA_ADMIN_TOKEN); generated when empty
 * @param attachmentMaxSize largest attachment accepted; larger uploads get 413
 */
@ConfigurationProperties("psa")
public record PsaProperties(@DefaultValue("local") String instanceId,
                            @DefaultValue("./data") Path dataDir,
                            String adminToken,
                            @DefaultValue("10MB") DataSize attachmentMaxSize) {
}
