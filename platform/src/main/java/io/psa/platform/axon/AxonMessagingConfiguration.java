package io.psa.platform.axon;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.psa.api.message.MessageMetadata;
import io.psa.platform.PsaProperties;
import io.psa.platform.axon.stored.StableNameSerializer;
import io.psa.platform.axon.stored.StoredEventTypes;
import io.psa.platform.axon.stored.StoredEventUpcasters;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class AxonMessagingConfiguration {

    /** Events inherit the actor, correlation id and origin of the command that caused them. */
    @Bean
    public static CorrelationDataProvider auditCorrelationData() {
        return new SimpleCorrelationDataProvider(
                MessageMetadata.ACTOR, MessageMetadata.CORRELATION_ID, MessageMetadata.ORIGIN);
    }

    @Bean
    public StoredEventTypes storedEventTypes() {
        return new StoredEventTypes();
    }

    /**
     * Events are stored under their stable names and revisions (see {@link StableNameSerializer}), with the mapper
     * the rest of the application uses (dates as ISO text).
     */
    @Bean
    @Qualifier("eventSerializer")
    public Serializer storedEventSerializer(ObjectMapper json, RevisionResolver revisions, StoredEventTypes types) {
        return StableNameSerializer.of(json, revisions, types);
    }

    @Bean
    public EventUpcaster storedEventUpcasters(StoredEventTypes types) {
        return StoredEventUpcasters.chain(types);
    }

    @Autowired
    public void stampCommands(CommandBus commandBus, PsaProperties properties) {
        commandBus.registerDispatchInterceptor(new AuditMetadata(properties.instanceId()));
    }
}
