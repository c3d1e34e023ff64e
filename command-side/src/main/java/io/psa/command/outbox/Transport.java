package io.psa.command.outbox;

import io.psa.api.outsourcing.ForwardChannel;

import java.util.Optional;

/** One way out of the instance (e-mail, webhook): sends an outbox message, or says why it did not. */
interface Transport {
    ForwardChannel channel();

    /** Why this transport cannot send at all yet (no mail server configured), or empty when it can. */
    Optional<String> notReady();

    void send(Outbox.Message message) throws Undeliverable;

    /** A try that failed; {@code final}: trying again cannot help (an address this instance may not call). */
    final class Undeliverable extends Exception {
        private final boolean lasting;

        Undeliverable(String reason, boolean lasting) {
            super(reason, null, false, false);
            this.lasting = lasting;
        }

        boolean isLasting() {
            return lasting;
        }
    }
}
