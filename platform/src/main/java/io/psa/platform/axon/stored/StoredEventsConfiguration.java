package io.psa.platform.axon.stored;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** How events are stored and read back: stable names and revisions, and the upcasters from older forms. */
@Configuration
public class StoredEventsConfiguration {

    @Bean
    public StoredEventTypes storedEventTypes() {
        return new StoredEventTypes();
    }

    /** With the mapper the rest of the application uses (dates as ISO text, exact decimals). */
    @Bean
    @Qualifier("eventSerializer")
    public Serializer storedEventSerializer(ObjectMapper json, RevisionResolver revisions, StoredEventTypes types) {
        return StableNameSerializer.of(json, revisions, types);
    }

    @Bean
    public EventUpcaster storedEventUpcasters(StoredEventTypes types) {
        return StoredEventUpcasters.chain(types);
    }
}
