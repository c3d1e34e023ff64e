package io.psa.platform.web;

import org.springframework.http.HttpStatusCode;

/**
 * A refusal with its own status where no domain rule fits: a partner's credential that is wrong (401) or for
 * another agreement (403), or a partner instance's own refusal passed on to our caller.
 */
public class ProblemAnswer extends RuntimeException {
    private final HttpStatusCode status;

    public ProblemAnswer(HttpStatusCode status, String detail) {
        super(detail);
        this.status = status;
    }

    public HttpStatusCode status() {
        return status;
    }
}
