package io.psa.platform.web;

/**
 * The admin operations' paths. They are rare and some run long (a projection rebuild, a dead-letter retry), each
 * runs its own transactions, and they are how an admin deals with trouble: they take no {@code Idempotency-Key}
 * and no write turn.
 */
final class AdminOperations {
    static final String PATHS = "/api/admin/";

    private AdminOperations() {
    }
}
