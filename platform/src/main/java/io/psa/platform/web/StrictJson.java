package io.psa.platform.web;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.psa.api.rule.Limits;

import java.io.IOException;
import java.time.temporal.Temporal;

/**
 * How JSON from outside is read: one document, exact types, no duplicate keys, no nulls inside lists or maps, strict
 * dates, plain text only (see {@link Limits#isPlainText}), and bounded sizes. Request bodies also refuse unknown
 * fields; what a partner instance answers may carry fields a newer version added, and those are ignored.
 */
public final class StrictJson {
    /** The longest string any field accepts is 50,000 characters; this refuses far longer ones while reading. */
    public static final int MAX_STRING_LENGTH = 100_000;
    private static final int MAX_NUMBER_LENGTH = 100;
    private static final int MAX_NESTING_DEPTH = 32;

    private StrictJson() {
    }

    /** For request bodies of at most {@code maxDocumentLength} bytes: unknown fields are refused. */
    public static ObjectMapper forRequests(ObjectMapper base, long maxDocumentLength) {
        return strict(base, maxDocumentLength).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** For answers of partner instances: as strict, but fields this version does not know are ignored. */
    public static ObjectMapper forPartners(ObjectMapper base, long maxDocumentLength) {
        return strict(base, maxDocumentLength).disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @SuppressWarnings("deprecation")   // MapperFeature on a copy: the copy has no builder
    private static ObjectMapper strict(ObjectMapper base, long maxDocumentLength) {
        ObjectMapper json = base.copy();
        json.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxDocumentLength(maxDocumentLength).maxStringLength(MAX_STRING_LENGTH)
                .maxNumberLength(MAX_NUMBER_LENGTH).maxNestingDepth(MAX_NESTING_DEPTH).build());
        json.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        json.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS,
                DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        json.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        json.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        json.coercionConfigDefaults().setCoercion(CoercionInputShape.String, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        json.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        json.setDefaultLeniency(false);
        json.setDefaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL));
        json.registerModule(new SimpleModule("plain-text")
                .addDeserializer(String.class, new PlainTextDeserializer())
                .addKeyDeserializer(String.class, new PlainTextKeyDeserializer())
                .setDeserializerModifier(new TimeAsTextOnly()));
        return json;
    }

    /**
     * Dates, times and moments are ISO text only: not epoch numbers (20260115 would be a day in the year 57440) and
     * not the array forms Jackson reads besides.
     */
    private static final class TimeAsTextOnly extends BeanDeserializerModifier {
        @Override
        public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                                                      JsonDeserializer<?> deserializer) {
            return Temporal.class.isAssignableFrom(description.getBeanClass()) ? new TextOnly<>(deserializer)
                                                                                 : deserializer;
        }
    }

    private static final class TextOnly<T> extends DelegatingDeserializer {
        TextOnly(JsonDeserializer<T> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new TextOnly<>(delegate);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return context.handleUnexpectedToken(handledType(), parser);
            }
            return super.deserialize(parser, context);
        }
    }

    /** A string that is not plain text (see {@link Limits#isPlainText}). */
    public static final class NotPlainText extends MismatchedInputException {
        NotPlainText(JsonParser parser) {
            super(parser, "must be plain text: no control characters (but tab and line breaks) and no broken "
                          + "Unicode", String.class);
        }
    }

    /** Strings are JSON strings (a number or a boolean is not taken for one) of plain text. */
    private static final class PlainTextDeserializer extends StdScalarDeserializer<String> {
        PlainTextDeserializer() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return (String) context.handleUnexpectedToken(String.class, parser);
            }
            String text = parser.getText();
            if (!Limits.isPlainText(text)) {
                throw new NotPlainText(parser);
            }
            return text;
        }
    }

    private static final class PlainTextKeyDeserializer extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext context) throws IOException {
            if (!Limits.isPlainText(key)) {
                throw new NotPlainText(context.getParser());
            }
            return key;
        }
    }
}
