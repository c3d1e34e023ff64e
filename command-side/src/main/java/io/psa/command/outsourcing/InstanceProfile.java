package io.psa.command.outsourcing;

import io.psa.api.message.MessageMetadata;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import static io.psa.api.outsourcing.InstanceMessages.*;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** This instance's name, language and public address, and whether an admin accepted the outsourcing terms. */
@Aggregate
public class InstanceProfile {
    @AggregateIdentifier
    private String instance;

    protected InstanceProfile() {
        // for event sourcing
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(ConfigureInstance command) {
        apply(new InstanceConfigured(command.instance(), command.name(), command.language(), command.publicBaseUrl(),
                command.outsourcingContact()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(AcceptOutsourcingTerms command, @MetaDataValue(MessageMetadata.ACTOR) String actor) {
        apply(new OutsourcingTermsAccepted(command.instance(), actor));
    }

    @EventSourcingHandler
    void on(InstanceConfigured event) {
        instance = event.instance();
    }

    @EventSourcingHandler
    void on(OutsourcingTermsAccepted event) {
        instance = event.instance();
    }
}
