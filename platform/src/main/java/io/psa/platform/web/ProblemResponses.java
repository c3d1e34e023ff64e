package io.psa.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

import java.io.IOException;

/** Writes RFC 9457 problem+json where no controller advice can: in servlet filters and security handlers. */
@Component
public class ProblemResponses {
    private final ObjectMapper json;

    public ProblemResponses(ObjectMapper json) {
        this.json = json;
    }

    /** 413 for a request body over {@code limit} bytes. */
    public void bodyTooLarge(HttpServletResponse response, long limit) throws IOException {
        write(response, HttpStatus.PAYLOAD_TOO_LARGE, tooLarge("The request body", limit));
    }

    static String tooLarge(String what, long limit) {
        return what + " is larger than this instance accepts (" + limit + " bytes at most).";
    }

    public void write(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), ProblemDetail.forStatusAndDetail(status, detail));
    }
}
