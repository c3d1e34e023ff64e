package io.psa.platform.axon.stored;

import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

import java.util.function.Function;

/**
 * The first upcaster: an event of a store written before stable names (stored under its class name, without a
 * revision) becomes revision 1 of its stored name, which is what it was. The upcasters after it work on names only.
 */
public class LegacyTypeNames extends SingleEventUpcaster {
    static final String FIRST_REVISION = "1";

    private final StoredEventTypes types;

    public LegacyTypeNames(StoredEventTypes types) {
        this.types = types;
    }

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return representation.getType().getRevision() == null
               && types.nameOfLegacyType(representation.getType().getName()).isPresent();
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        String name = types.nameOfLegacyType(representation.getType().getName()).orElseThrow();
        // a new name only: the data stays as stored, unparsed
        return representation.upcastPayload(new SimpleSerializedType(name, FIRST_REVISION),
                representation.getContentType(), Function.identity());
    }
}
