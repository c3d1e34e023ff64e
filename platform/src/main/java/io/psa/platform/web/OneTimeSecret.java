package io.psa.platform.web;

/**
 * An answer that carries a secret shown only once (a new user's token, an invitation code). What an
 * {@code Idempotency-Key} keeps and replays is {@link #withoutSecret()}: the same answer with the secret left out.
 */
public interface OneTimeSecret {
    Object withoutSecret();
}
