package io.psa.platform.axon.stored;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
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

    /**
     * Aggregates stored as snapshots: their fields as they are (an aggregate has no getters), under the aggregate's
     * class name and its {@code @Revision}; read back into the collections the aggregate's constructor made (an
     * ordered set stays ordered, an enum map stays one). Not a published form: a snapshot of another revision is
     * ignored and the aggregate is loaded from its events. Not a bean: Axon's auto-configuration would take it for
     * one of its own serializers.
     */
    public static Serializer snapshotSerializer(ObjectMapper json, RevisionResolver revisions) {
        ObjectMapper fields = json.copy()
                .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .setVisibility(PropertyAccessor.CREATOR, JsonAutoDetect.Visibility.ANY)
                .setDefaultMergeable(true)
                // a field the class no longer has fails the read, and the aggregate is loaded from its events
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        return JacksonSerializer.builder().objectMapper(fields).revisionResolver(revisions).build();
    }

    @Bean
    public EventUpcaster storedEventUpcasters(StoredEventTypes types) {
        return StoredEventUpcasters.chain(types);
    }
}
