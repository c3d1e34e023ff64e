package io.psa.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import io.psa.platform.Caches;
import io.psa.platform.Now;
import io.psa.platform.Sha256;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Users and their bearer tokens. Only a token's SHA-256 is stored; the token itself is shown once. */
@Repository
public class ApiUsers {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** {@code tokenLastUsedAt}: within {@link #REMEMBERED} of the token's last use; null if never used. */
    public record ApiUser(String id, String name, Set<Role> roles, Instant createdAt, boolean active,
                          Instant tokenLastUsedAt) {
        boolean isAdmin() {
            return active && roles.contains(Role.ADMIN);
        }

        ApiUser withRoles(Set<Role> newRoles) {
            return new ApiUser(id, name, Set.copyOf(newRoles), createdAt, active, tokenLastUsedAt);
        }

        ApiUser deactivated() {
            return new ApiUser(id, name, roles, createdAt, false, tokenLastUsedAt);
        }
    }

    private static final String USER_COLUMNS = "select id, name, roles, created_at, active, token_last_used_at "
                                               + "from api_user ";
    private static final RowMapper<ApiUser> USER = (rs, row) -> new ApiUser(rs.getString(1), rs.getString(2),
            parseRoles(rs.getString(3)), rs.getTimestamp(4).toInstant(), rs.getBoolean(5),
            rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant());

    /** A user just created, with the token that will not be shown again. */
    public record IssuedToken(ApiUser user, String token) {
    }

    /**
     * How long a token's user is taken from memory: a token replaced or a user changed in this process takes effect
     * at once, in another process (the split deployment) within this time.
     */
    static final Duration REMEMBERED = Duration.ofSeconds(30);
    private static final int TOKENS_REMEMBERED = 10_000;

    private final JdbcTemplate jdbc;
    /** Users by their token's SHA-256; a token that matches no user is asked about every time. */
    private final Cache<String, ApiUser> byTokenHash = Caches.inline().expireAfterWrite(REMEMBERED)
            .maximumSize(TOKENS_REMEMBERED).build();

    public ApiUsers(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The active user whose token this is. Read from the database at most once per {@link #REMEMBERED} per token,
     * which is also when the token's last use is recorded.
     */
    public Optional<ApiUser> findByToken(String token) {
        String hash = Sha256.hex(token);
        ApiUser remembered = byTokenHash.getIfPresent(hash);
        if (remembered != null) {
            return Optional.of(remembered);
        }
        Optional<ApiUser> user = jdbc.query(USER_COLUMNS + "where token_sha256 = ? and active", USER, hash).stream()
                                     .findFirst();
        user.ifPresent(found -> {
            jdbc.update("update api_user set token_last_used_at = ? where id = ?", Timestamp.from(Now.instant()),
                    found.id());
            byTokenHash.put(hash, found);
        });
        return user;
    }

    public List<ApiUser> all() {
        return jdbc.query(USER_COLUMNS + "order by name", USER);
    }

    public Optional<ApiUser> find(String id) {
        return jdbc.query(USER_COLUMNS + "where id = ?", USER, id).stream().findFirst();
    }

    /** How many active users are admins. */
    public long activeAdmins() {
        return all().stream().filter(ApiUser::isAdmin).count();
    }

    /** Gives the user these roles; takes effect at once in this process. */
    public void changeRoles(String id, Set<Role> roles) {
        jdbc.update("update api_user set roles = ? where id = ?", formatRoles(roles), id);
        byTokenHash.invalidateAll();
    }

    /** The user's token stops working (at once in this process); the user stays, with the history it wrote. */
    public void deactivate(String id) {
        jdbc.update("update api_user set active = false where id = ?", id);
        byTokenHash.invalidateAll();
    }

    /** A new token for the user, which replaces the old one (at once in this process); shown this once. */
    public String rotateToken(String id) {
        String token = newToken();
        jdbc.update("update api_user set token_sha256 = ?, token_last_used_at = null where id = ?", Sha256.hex(token),
                id);
        byTokenHash.invalidateAll();
        return token;
    }

    /** Creates a user with a fresh token, or returns empty when the name is taken (by a concurrent call, too). */
    public Optional<IssuedToken> create(String name, Set<Role> roles) {
        String token = newToken();
        return insert(name, roles, token).map(user -> new IssuedToken(user, token));
    }

    /** Creates the user with the given token unless a user of that name exists. */
    public Optional<ApiUser> insert(String name, Set<Role> roles, String token) {
        ApiUser user = new ApiUser(UUID.randomUUID().toString(), name, roles, Now.instant(), true, null);
        try {
            jdbc.update("insert into api_user (id, name, roles, token_sha256, created_at) values (?, ?, ?, ?, ?)",
                    user.id(), name, formatRoles(roles), Sha256.hex(token), Timestamp.from(user.createdAt()));
            return Optional.of(user);
        } catch (DuplicateKeyException nameTaken) {
            return Optional.empty();
        }
    }

    /** Makes {@code token} the named user's only token (used when PSA_ADMIN_TOKEN is set). */
    public void replaceToken(String name, String token) {
        jdbc.update("update api_user set token_sha256 = ? where name = ?", Sha256.hex(token), name);
        byTokenHash.invalidateAll();
    }

    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "psa_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String formatRoles(Set<Role> roles) {
        return roles.stream().map(Role::name).sorted().collect(Collectors.joining(","));
    }

    private static Set<Role> parseRoles(String roles) {
        Set<Role> parsed = EnumSet.noneOf(Role.class);
        Arrays.stream(roles.split(",")).filter(r -> !r.isBlank()).map(Role::valueOf).forEach(parsed::add);
        return parsed;
    }
}
