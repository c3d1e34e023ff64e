package io.psa.platform.security;

import io.psa.platform.PsaProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;

/**
 * Makes sure the first admin exists. PSA_ADMIN_TOKEN, when set, is the admin's token. Otherwise a token is generated
 * on the very first start, printed once and kept in the data directory ({@value #TOKEN_FILE}) for the operator.
 */
@Component
public class AdminTokenBootstrap implements ApplicationRunner {
    static final String ADMIN = "admin";
    static final String TOKEN_FILE = "admin-token";
    private static final Logger log = LoggerFactory.getLogger(AdminTokenBootstrap.class);

    private final ApiUsers users;
    private final PsaProperties properties;

    public AdminTokenBootstrap(ApiUsers users, PsaProperties properties) {
        this.users = users;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        String configured = properties.adminToken();
        if (configured != null && !configured.isBlank()) {
            if (users.insert(ADMIN, EnumSet.of(Role.ADMIN), configured).isEmpty()) {
                users.replaceToken(ADMIN, configured);
            }
            return;
        }
        String generated = ApiUsers.newToken();
        // only the process whose insert wins prints and keeps its token (two split processes may start together)
        users.insert(ADMIN, EnumSet.of(Role.ADMIN), generated).ifPresent(admin -> {
            Path file = keep(generated);
            log.warn("\n\n  Generated the admin token (shown only this once, also kept in {}):\n\n    {}\n", file, generated);
        });
    }

    private Path keep(String token) {
        try {
            Files.createDirectories(properties.dataDir());
            Path file = properties.dataDir().resolve(TOKEN_FILE);
            Files.writeString(file, token + "\n");
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // the file system has no POSIX permissions; the data directory's own protection applies
            }
            return file.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the admin token in " + properties.dataDir(), e);
        }
    }
}
