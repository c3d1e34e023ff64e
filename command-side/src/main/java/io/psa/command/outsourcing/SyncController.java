package io.psa.command.outsourcing;

import io.psa.api.outsourcing.SyncFact;
import io.psa.api.rule.UnknownItem;
import io.psa.platform.content.ContentStore;
import io.psa.platform.security.BearerTokenFilter;
import io.psa.platform.web.ProblemAnswer;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

import static io.psa.api.outsourcing.AgreementMessages.AgreementState;

/**
 * The API partner instances call. Each agreement's feed and files are readable only with that agreement's
 * credential (a wrong or missing one: 401; another agreement's: 403), and only while the agreement is active.
 */
@RestController
@Tag(name = "Partner sync")
public class SyncController {
    private final PartnerDirectory directory;
    private final PartnerInvitations invitations;
    private final JdbcTemplate jdbc;
    private final PartnerFeed feed;
    private final FeedSignal signal;
    private final ContentStore contents;
    private final LongPolls longPolls;

    public SyncController(PartnerDirectory directory, PartnerInvitations invitations, JdbcTemplate jdbc,
                          PartnerFeed feed, FeedSignal signal, ContentStore contents, LongPolls longPolls) {
        this.longPolls = longPolls;
        this.directory = directory;
        this.invitations = invitations;
        this.jdbc = jdbc;
        this.feed = feed;
        this.signal = signal;
        this.contents = contents;
    }

    /** The partner's instance accepts an invitation: the one-time code is its authentication. */
    @PostMapping("/sync/v1/invitations/acceptance")
    public PartnerClient.InvitationConfirmation acceptInvitation(
            @Valid @RequestBody PartnerClient.InvitationAnswer answer) {
        return invitations.confirm(answer);
    }

    /**
     * The facts after {@code after}, oldest first. With {@code waitSeconds}, an empty answer waits up to that long
     * for new facts (long poll), while a waiting slot is free (see {@link LongPolls}); otherwise it answers at once.
     */
    @GetMapping("/sync/v1/agreements/{agreementId}/events")
    public SyncFact.Page events(@PathVariable String agreementId,
                                @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                                @RequestParam(defaultValue = "0") @Min(0) long after,
                                @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit,
                                @RequestParam(defaultValue = "0") @Min(0) @Max(60) int waitSeconds,
                                HttpServletResponse response) throws InterruptedException {
        authorize(agreementId, authorization);
        LongPolls.Slot slot = waitSeconds > 0 ? longPolls.tryWait(agreementId) : null;
        if (waitSeconds > 0 && slot == null) {
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(LongPolls.RETRY_AFTER_SECONDS));
        }
        try {
            return page(agreementId, after, limit, slot == null ? 0 : waitSeconds);
        } finally {
            if (slot != null) {
                slot.close();
            }
        }
    }

    private SyncFact.Page page(String agreementId, long after, int limit, int waitSeconds) throws InterruptedException {
        long until = System.currentTimeMillis() + waitSeconds * 1000L;
        while (true) {
            long seen = signal.current();
            List<SyncFact> facts = jdbc.queryForList("select fact from partner_feed where agreement_id = ? and "
                    + "position > ? order by position limit ?", String.class, agreementId, after, limit)
                                       .stream().map(feed::read).toList();
            long left = until - System.currentTimeMillis();
            if (!facts.isEmpty() || left <= 0) {
                Long head = jdbc.queryForObject("select max(position) from partner_feed where agreement_id = ?",
                        Long.class, agreementId);
                return new SyncFact.Page(facts, head == null ? 0 : head);
            }
            // the signal covers this process's commits; the bound covers another command-side process
            signal.awaitAfter(seen, Math.min(left, 1000));
        }
    }

    /** The content of a file the agreement's feed has shared, and no other. */
    @GetMapping("/sync/v1/agreements/{agreementId}/files/{sha256}")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "The file",
            content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/octet-stream",
                    schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string", format = "binary")))
    public ResponseEntity<byte[]> file(@PathVariable String agreementId, @PathVariable String sha256,
                                       @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false)
                                       String authorization) {
        authorize(agreementId, authorization);
        Integer shared = jdbc.queryForObject("select count(*) from partner_feed where agreement_id = ? and "
                                             + "file_sha256 = ?", Integer.class, agreementId, sha256);
        byte[] content = shared != null && shared > 0 ? contents.get(sha256).orElse(null) : null;
        if (content == null) {
            throw new UnknownItem("shared file", sha256);
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM).body(content);
    }

    private void authorize(String agreementId, String authorization) {
        String credential = BearerTokenFilter.tokenOf(authorization);
        PartnerDirectory.Agreement agreement = credential == null ? null
                : directory.byInboundCredential(credential).orElse(null);
        if (agreement == null) {
            throw new ProblemAnswer(HttpStatus.UNAUTHORIZED, "Present this agreement's partner credential "
                                                             + "(Authorization: Bearer <credential>).");
        }
        if (!agreement.agreementId().equals(agreementId)) {
            throw new ProblemAnswer(HttpStatus.FORBIDDEN, "Your credential is not for agreement " + agreementId + ".");
        }
        if (agreement.state() != AgreementState.ACTIVE) {
            throw new ProblemAnswer(HttpStatus.FORBIDDEN, "The agreement is " + agreement.state() + ".");
        }
    }
}
