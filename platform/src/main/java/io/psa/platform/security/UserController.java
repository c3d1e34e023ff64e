package io.psa.platform.security;

import io.psa.api.rule.RuleViolation;
import io.psa.platform.web.OneTimeSecret;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import io.psa.api.query.Page;
import io.psa.platform.web.Paging;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.Set;

/** Admins create users; each gets a bearer token, shown in this answer only. */
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

    private final ApiUsers users;

    public UserController(ApiUsers users) {
        this.users = users;
    }

    @PostMapping
    public ResponseEntity<CreatedUser> create(@Valid @RequestBody NewUser request) {
        ApiUsers.IssuedToken issued = users.create(request.name(), request.roles()).orElseThrow(() ->
                new RuleViolation("unique-user-name", RuleViolation.Kind.STATE,
                        "A user named " + request.name() + " exists already."));
        return ResponseEntity.created(URI.create("/api/users/" + issued.user().id()))
                             .body(new CreatedUser(issued.user().id(), issued.user().name(), issued.user().roles(),
                                     issued.token()));
    }

    @GetMapping
    public Page<ApiUsers.ApiUser> list(@Valid Paging paging) {
        return paging.of(users.all(), ApiUsers.ApiUser::name);
    }
}
