package io.psa.command.portal;

import io.psa.platform.Now;
import io.psa.platform.Sha256;
import io.psa.platform.security.ApiUsers;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The portal accounts of subcontractors' contacts, one per agreement, signed in by e-mail address and password.
 * Only hashes are kept: the password's (a standard {@code PasswordEncoder}) and the one-time code's (SHA-256) that
 * sets it, valid for {@value #CODE_DAYS} days and used once. An account signs in only while its agreement is ACTIVE.
 */
@Repository
public class PortalAccounts implements UserDetailsService {
    static final int CODE_DAYS = 7;

    /** A signed-in subcontractor: its agreement decides which tickets it sees. */
    public record PortalUser(String email, String agreementId, String passwordHash, boolean active)
            implements UserDetails {
        @Override
        public Collection<SimpleGrantedAuthority> getAuthorities() {
            return List.of(new SimpleGrantedAuthority("ROLE_SUBCONTRACTOR"));
        }

        @Override
        public String getPassword() {
            return passwordHash;
        }

        @Override
        public String getUsername() {
            return email;
        }

        @Override
        public boolean isEnabled() {
            return active && passwordHash != null;
        }
    }

    private final JdbcTemplate jdbc;

    public PortalAccounts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public boolean emailTaken(String email) {
        return jdbc.queryForObject("select count(*) from portal_account where email = ?", Integer.class,
                normalized(email)) > 0;
    }

    /** The account of a new subcontractor, with the code that sets its password; answers that code. */
    public String create(String agreementId, String email) {
        String code = ApiUsers.newToken();
        jdbc.update("insert into portal_account (agreement_id, email, code_sha256, code_expires_at, created_at) "
                    + "values (?, ?, ?, ?, ?)", agreementId, normalized(email), Sha256.hex(code), expiry(),
                Timestamp.from(Now.instant()));
        return code;
    }

    /** A new code for the account (a lost link, a forgotten password); the old code stops working. */
    public Optional<String> renewCode(String agreementId) {
        String code = ApiUsers.newToken();
        int updated = jdbc.update("update portal_account set code_sha256 = ?, code_expires_at = ? where agreement_id = ?",
                Sha256.hex(code), expiry(), agreementId);
        return updated == 1 ? Optional.of(code) : Optional.empty();
    }

    /** Sets the password with a valid code and uses the code up; answers the account's agreement. */
    Optional<String> setPassword(String code, String passwordHash) {
        String sha256 = Sha256.hex(code);
        Optional<String> agreementId = jdbc.queryForList("select agreement_id from portal_account where code_sha256 = ? "
                + "and code_expires_at > ?", String.class, sha256, Timestamp.from(Now.instant())).stream().findFirst();
        // the update decides: of two uses of one code at once, only one finds it still there
        return agreementId.filter(id -> jdbc.update("update portal_account set password_hash = ?, code_sha256 = null, "
                + "code_expires_at = null, password_set_at = ? where agreement_id = ? and code_sha256 = ?",
                passwordHash, Timestamp.from(Now.instant()), id, sha256) == 1);
    }

    boolean codeValid(String code) {
        return jdbc.queryForObject("select count(*) from portal_account where code_sha256 = ? and code_expires_at > ?",
                Integer.class, Sha256.hex(code), Timestamp.from(Now.instant())) > 0;
    }

    @Override
    public UserDetails loadUserByUsername(String email) {
        return jdbc.query("select p.email, p.agreement_id, p.password_hash, a.state from portal_account p "
                          + "join partner_agreement a on a.agreement_id = p.agreement_id where p.email = ?",
                        (rs, row) -> new PortalUser(rs.getString(1), rs.getString(2), rs.getString(3),
                                "ACTIVE".equals(rs.getString(4))), normalized(email))
                   .stream().findFirst().orElseThrow(() -> new UsernameNotFoundException("no portal account"));
    }

    /** Whether the agreement of a signed-in account is still active (it may have been suspended since). */
    boolean active(String agreementId) {
        return jdbc.queryForObject("select count(*) from partner_agreement where agreement_id = ? and state = 'ACTIVE'",
                Integer.class, agreementId) > 0;
    }

    private static Timestamp expiry() {
        return Timestamp.from(Now.instant().plus(Duration.ofDays(CODE_DAYS)));
    }

    private static String normalized(String email) {
        return email == null ? null : email.trim().toLowerCase(Locale.ROOT);
    }
}
