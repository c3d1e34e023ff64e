package io.psa.platform.axon.stored;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * Axon's Jackson serializer, storing each event under its stable name (see {@link io.psa.api.message.StoredAs}) and
 * revision instead of its Java class name. Other objects (metadata, tokens) keep their class names. An event class
 * of ours without a stored name is refused, so that no event slips into a store under a name that can change.
 */
public class StableNameSerializer extends JacksonSerializer {
    private final StoredEventTypes types;

    private StableNameSerializer(Builder builder, StoredEventTypes types) {
        super(builder);
        this.types = types;
    }

    /** Stores with the given mapper; the revisions are those the resolver reads off the classes. */
    public static StableNameSerializer of(ObjectMapper json, RevisionResolver revisions, StoredEventTypes types) {
        return new StableNameSerializer(JacksonSerializer.builder().objectMapper(json).revisionResolver(revisions),
                types);
    }

    @Override
    public SerializedType typeForClass(Class type) {
        if (type == null) {
            return super.typeForClass(null);
        }
        return types.nameOf(type)
                    .<SerializedType>map(name -> new SimpleSerializedType(name, getRevisionResolver().revisionOf(type)))
                    .orElseGet(() -> {
                        if (type.getName().startsWith(StoredEventTypes.EVENTS_PACKAGE + ".") && !type.isEnum()) {
                            throw new IllegalStateException(type.getName() + " has no stored name (@StoredAs)");
                        }
                        return super.typeForClass(type);
                    });
    }

    @Override
    protected String resolveClassName(SerializedType serializedType) {
        return types.classOf(serializedType.getName()).map(Class::getName)
                    .orElseGet(() -> super.resolveClassName(serializedType));
    }
}
