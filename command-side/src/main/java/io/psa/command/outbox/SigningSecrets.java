package io.psa.command.outbox;

import java.util.Optional;

/** The secret a webhook of an agreement is signed with. */
public interface SigningSecrets {
    Optional<String> webhookSecret(String agreementId);
}
