package io.psa.platform.security;

import io.psa.api.query.Page;
import io.psa.api.rule.Policy;
import io.psa.api.rule.RuleViolation;
import io.psa.api.rule.UnknownItem;
import io.psa.platform.web.OneTimeSecret;
import io.psa.platform.web.Paging;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.Set;

/**
 * Admins create users (each gets a bearer token, shown in that answer only), change their roles, give them a new
 * token (the old one stops at once) and deactivate them; a change takes effect at once in this process and within
 * 30 seconds in another process of the split deployment.
 */
@RestController
@RequestMapping("/api/users")
public class UserController {
    public record NewUser(@NotBlank @Pattern(regexp = "[A-Za-z0-9._@-]{1,100}",
            message = "use 1 to 100 letters, digits or . _ @ -") String name, @NotEmpty Set<Role> roles) {
    }

    /** The token is shown in this answer only; a replay of it for the same Idempotency-Key leaves it out. */
    public record CreatedUser(String id, String name, Set<Role> roles, String token) implements OneTimeSecret {
        @Override
        public Object withoutSecret() {
            return new CreatedUser(id, name, roles, null);
        }
    }

    public record RolesRequest(@NotEmpty Set<Role> roles) {
    }

    /** A user's new token, shown in this answer only. */
    public record NewToken(String id, String name, String token) implements OneTimeSecret {
        @Override
        public Object withoutSecret() {
            return new NewToken(id, name, null);
        }
    }

    /** A change of one user, with how many active admins there are before it. */
    record AdminChange(ApiUsers.ApiUser before, ApiUsers.ApiUser after, long activeAdmins) {
    }

    /** Users never lock the instance out: some active user keeps the ADMIN role. */
    private static final Policy<AdminChange> AN_ACTIVE_ADMIN_REMAINS = Policy.stateRule("an-active-admin-remains",
            change -> !change.before().isAdmin() || change.after().isAdmin() || change.activeAdmins() > 1,
            change -> "This would leave no active admin; make another user an admin first.");

    private static final Policy<ApiUsers.ApiUser> USER_ACTIVE = Policy.stateRule("user-active",
            ApiUsers.ApiUser::active, user -> "User " + user.name() + " is deactivated.");

    private final ApiUsers users;

    public UserController(ApiUsers users) {
        this.users = users;
    }

    @PostMapping
    @io.psa.platform.web.Creates
    public ResponseEntity<CreatedUser> create(@Valid @RequestBody NewUser request) {
        ApiUsers.IssuedToken issued = users.create(request.name(), request.roles()).orElseThrow(() ->
                new RuleViolation("unique-user-name", RuleViolation.Kind.STATE,
                        "A user named " + request.name() + " exists already."));
        return ResponseEntity.created(URI.create("/api/users/" + issued.user().id()))
                             .body(new CreatedUser(issued.user().id(), issued.user().name(), issued.user().roles(),
                                     issued.token()));
    }

    @GetMapping
    public Page<ApiUsers.ApiUser> users(@Valid Paging paging) {
        return paging.of(users.all(), ApiUsers.ApiUser::name);
    }

    @GetMapping("/{userId}")
    public ApiUsers.ApiUser user(@PathVariable("userId") String id) {
        return require(id);
    }

    @PutMapping("/{userId}/roles")
    public ApiUsers.ApiUser changeRoles(@PathVariable("userId") String id, @Valid @RequestBody RolesRequest request) {
        ApiUsers.ApiUser user = require(id);
        USER_ACTIVE.check(user);
        keepsAnAdmin(user, user.withRoles(request.roles()));
        users.changeRoles(id, request.roles());
        return require(id);
    }

    @PostMapping("/{userId}/token")
    public NewToken rotateToken(@PathVariable("userId") String id) {
        ApiUsers.ApiUser user = require(id);
        USER_ACTIVE.check(user);
        return new NewToken(id, user.name(), users.rotateToken(id));
    }

    @PostMapping("/{userId}/deactivation")
    public ResponseEntity<Void> deactivateUser(@PathVariable("userId") String id) {
        ApiUsers.ApiUser user = require(id);
        USER_ACTIVE.check(user);
        keepsAnAdmin(user, user.deactivated());
        users.deactivate(id);
        return ResponseEntity.noContent().build();
    }

    private void keepsAnAdmin(ApiUsers.ApiUser before, ApiUsers.ApiUser after) {
        AN_ACTIVE_ADMIN_REMAINS.check(new AdminChange(before, after, users.activeAdmins()));
    }

    private ApiUsers.ApiUser require(String id) {
        return users.find(id).orElseThrow(() -> new UnknownItem("user", id));
    }
}
