package io.psa.platform.axon.stored;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

import java.util.function.Function;

/** An event whose field was renamed: revision {@code from} of it is revision {@code to} with the field's new name. */
public class FieldRenamed extends SingleEventUpcaster {
    private final String storedName;
    private final String from;
    private final String to;
    private final String oldField;
    private final String newField;

    public FieldRenamed(String storedName, String from, String to, String oldField, String newField) {
        this.storedName = storedName;
        this.from = from;
        this.to = to;
        this.oldField = oldField;
        this.newField = newField;
    }

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return storedName.equals(representation.getType().getName())
               && from.equals(representation.getType().getRevision());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcast(new SimpleSerializedType(storedName, to), JsonNode.class, payload -> {
            ObjectNode event = ((ObjectNode) payload).deepCopy();
            JsonNode value = event.remove(oldField);
            if (value != null) {
                event.set(newField, value);
            }
            return event;
        }, Function.identity());
    }
}
