package io.psa.api.outsourcing;

import io.psa.api.message.StoredAs;
import org.axonframework.serialization.Revision;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** This instance's profile and whether it may outsource. */
public final class InstanceMessages {
    /** The one profile aggregate's id. */
    public static final String THIS_INSTANCE = "this-instance";

    private InstanceMessages() {
    }

    /** {@code outsourcingContact}: the e-mail address told when a partner or subcontractor moves (optional). */
    public record ConfigureInstance(@TargetAggregateIdentifier String instance, String name, String language,
                                    String publicBaseUrl, String outsourcingContact) {
    }

    @StoredAs("instance.InstanceConfigured")
    @Revision("1")
    public record InstanceConfigured(String instance, String name, String language, String publicBaseUrl,
                                     String outsourcingContact) {
    }

    public record AcceptOutsourcingTerms(@TargetAggregateIdentifier String instance) {
    }

    @StoredAs("instance.OutsourcingTermsAccepted")
    @Revision("1")
    public record OutsourcingTermsAccepted(String instance, String acceptedBy) {
    }
}
