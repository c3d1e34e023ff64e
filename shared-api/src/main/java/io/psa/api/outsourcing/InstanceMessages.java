package io.psa.api.outsourcing;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** This instance's profile and whether it may outsource. */
public final class InstanceMessages {
    /** The one profile aggregate's id. */
    public static final String THIS_INSTANCE = "this-instance";

    private InstanceMessages() {
    }

    public record ConfigureInstance(@TargetAggregateIdentifier String instance, String name, String language,
                                    String publicBaseUrl) {
    }

    public record InstanceConfigured(String instance, String name, String language, String publicBaseUrl) {
    }

    public record AcceptOutsourcingTerms(@TargetAggregateIdentifier String instance) {
    }

    public record OutsourcingTermsAccepted(String instance, String acceptedBy) {
    }
}
