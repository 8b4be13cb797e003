package dev.gyre.serve.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.gyre.core.error.GyreException;
import dev.gyre.serve.tensor.Datatype;
import dev.gyre.serve.tensor.TensorData;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** What both codecs share: the Jackson factory, token descriptions for messages, parameters and element writing. */
final class Json {

    /** Immutable once built, so one factory serves every thread. */
    static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .enable(StreamReadFeature.USE_FAST_BIG_NUMBER_PARSER)
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .build();

    /** How a writer spells the floating-point values JSON has no numbers for. */
    enum NonFinite {
        /** NaN as {@code null}, infinities as the strings {@code "Infinity"} and {@code "-Infinity"}. */
        NULL_NAN_STRING_INFINITY,
        /** All of them as {@code null}. */
        NULL
    }

    private Json() {}

    /** The current token as a message shows it: {@code "abc"}, {@code 1.5}, {@code null}, {@code an array}. */
    static String describe(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == null) {
            return "the end of the input";
        }
        return switch (token) {
            case VALUE_STRING -> quote(parser.getText());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> truncate(parser.getText());
            case VALUE_TRUE -> "true";
            case VALUE_FALSE -> "false";
            case VALUE_NULL -> "null";
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            case FIELD_NAME -> "field " + quote(parser.currentName());
            default -> token.asString() == null ? token.name() : token.asString();
        };
    }

    /** Text as a JSON string literal, shortened to 40 characters. */
    static String quote(String text) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(truncate(text))) + "\"";
    }

    private static String truncate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }

    /** A parse failure of Jackson's as the user's error, with the line and column where it happened. */
    static GyreException malformed(JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        String message = e.getOriginalMessage();
        int marker = message.indexOf(" (start marker at");
        if (marker >= 0) {
            message = message.substring(0, marker);
        }
        marker = message.indexOf("\n at [Source");
        if (marker >= 0) {
            message = message.substring(0, marker);
        }
        // Jackson's hints name its Java settings, which mean nothing to a client: keep the finding, say what to do.
        marker = message.indexOf(": enable `JsonReadFeature");
        if (marker >= 0) {
            message = message.substring(0, marker);
            if (message.contains("'NaN'") || message.contains("Infinity'")) {
                message += "; JSON has no NaN or Infinity, write null, \"NaN\", \"Infinity\" or \"-Infinity\"";
            }
        }
        marker = message.indexOf(" (not recognized as one since Feature");
        if (marker >= 0) {
            message = message.substring(0, marker) + " (JSON has no comments)";
        }
        String where = location == null || location.getLineNr() < 0
                ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        return GyreException.invalid("malformed JSON" + where + ": " + message);
    }

    /**
     * The current value (an array or object whose fields came in an order that needs it later) as JSON bytes, to be
     * parsed again once the fields it depends on are known.
     */
    static byte[] copyValue(JsonParser parser) throws IOException {
        ByteArrayBuilder bytes = new ByteArrayBuilder(256);
        try (JsonGenerator generator = FACTORY.createGenerator(bytes)) {
            generator.copyCurrentStructureExact(parser);
        }
        return bytes.toByteArray();
    }

    /** The user's error at a JSON location, e.g. {@code inputs[0].shape: ...}. */
    static GyreException invalid(String path, String problem) {
        return GyreException.invalid(path + ": " + problem);
    }

    /** Moves to the next token, which must start an object or array of the given kind. */
    static void expect(JsonParser parser, JsonToken start, String path, String what) throws IOException {
        if (parser.currentToken() != start) {
            throw invalid(path, "expected " + what + ", found " + describe(parser));
        }
    }

    /**
     * A protocol {@code parameters} object (current token: its start) as a map in document order: strings as
     * {@code String}, booleans as {@code Boolean}, integers as {@code Long} (or {@code BigInteger} past its range),
     * other numbers as {@code Double}. Arrays, objects and null are refused: the protocol's parameters are scalars.
     */
    static Map<String, Object> readParameters(JsonParser parser, String path) throws IOException {
        expect(parser, JsonToken.START_OBJECT, path, "an object");
        Map<String, Object> parameters = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken token = parser.nextToken();
            Object value =
                    switch (token) {
                        case VALUE_STRING -> parser.getText();
                        case VALUE_TRUE -> Boolean.TRUE;
                        case VALUE_FALSE -> Boolean.FALSE;
                        case VALUE_NUMBER_INT ->
                            parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                                    ? parser.getBigIntegerValue()
                                    : (Object) parser.getLongValue();
                        case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
                        default ->
                            throw invalid(
                                    path + "." + name,
                                    "expected a string, number or boolean, found " + describe(parser));
                    };
            if (parameters.put(name, value) != null) {
                throw invalid(path, "duplicate parameter \"" + name + "\"");
            }
        }
        return parameters;
    }

    /** Writes a value of a parameters map (the types {@link #readParameters} gives, and lists and maps of them). */
    static void writeValue(JsonGenerator generator, Object value) throws IOException {
        switch (value) {
            case null -> generator.writeNull();
            case String text -> generator.writeString(text);
            case Boolean bool -> generator.writeBoolean(bool);
            case Integer number -> generator.writeNumber(number);
            case Long number -> generator.writeNumber(number);
            case Short number -> generator.writeNumber(number);
            case Byte number -> generator.writeNumber(number);
            case BigInteger number -> generator.writeNumber(number);
            case BigDecimal number -> generator.writeNumber(number);
            case Double number -> writeDouble(generator, number, NonFinite.NULL_NAN_STRING_INFINITY);
            case Float number -> writeDouble(generator, number, NonFinite.NULL_NAN_STRING_INFINITY);
            case Number number -> generator.writeNumber(number.toString());
            case Map<?, ?> map -> writeMap(generator, map);
            case Collection<?> list -> {
                generator.writeStartArray();
                for (Object item : list) {
                    writeValue(generator, item);
                }
                generator.writeEndArray();
            }
            default -> generator.writeString(value.toString());
        }
    }

    /** Writes a map as an object, keys as text. */
    static void writeMap(JsonGenerator generator, Map<?, ?> map) throws IOException {
        generator.writeStartObject();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            generator.writeFieldName(String.valueOf(entry.getKey()));
            writeValue(generator, entry.getValue());
        }
        generator.writeEndObject();
    }

    /** Writes one double; JSON has no NaN or infinities, so {@code nonFinite} says how they are spelled. */
    static void writeDouble(JsonGenerator generator, double value, NonFinite nonFinite) throws IOException {
        if (Double.isFinite(value)) {
            generator.writeNumber(value);
        } else if (Double.isNaN(value) || nonFinite == NonFinite.NULL) {
            generator.writeNull();
        } else {
            generator.writeString(value > 0 ? "Infinity" : "-Infinity");
        }
    }

    /** Writes one float (as a float, so {@code 0.1f} is written {@code 0.1}); non-finite values as for doubles. */
    static void writeFloat(JsonGenerator generator, float value, NonFinite nonFinite) throws IOException {
        if (Float.isFinite(value)) {
            generator.writeNumber(value);
        } else {
            writeDouble(generator, value, nonFinite);
        }
    }

    /** Writes elements {@code [from, to)} of a tensor's data, one JSON value each, in place (no array around). */
    static void writeElements(
            JsonGenerator generator, Datatype datatype, TensorData data, int from, int to, NonFinite nonFinite)
            throws IOException {
        switch (data) {
            case TensorData.Bools b -> {
                boolean[] values = b.values();
                for (int i = from; i < to; i++) {
                    generator.writeBoolean(values[i]);
                }
            }
            case TensorData.Ints n -> {
                int[] values = n.values();
                for (int i = from; i < to; i++) {
                    generator.writeNumber(values[i]);
                }
            }
            case TensorData.Longs n -> {
                long[] values = n.values();
                for (int i = from; i < to; i++) {
                    if (datatype == Datatype.UINT64 && values[i] < 0) {
                        generator.writeNumber(Long.toUnsignedString(values[i]));
                    } else {
                        generator.writeNumber(values[i]);
                    }
                }
            }
            case TensorData.Floats f -> {
                float[] values = f.values();
                for (int i = from; i < to; i++) {
                    writeFloat(generator, values[i], nonFinite);
                }
            }
            case TensorData.Doubles d -> {
                double[] values = d.values();
                for (int i = from; i < to; i++) {
                    writeDouble(generator, values[i], nonFinite);
                }
            }
            case TensorData.Texts t -> {
                String[] values = t.values();
                for (int i = from; i < to; i++) {
                    if (values[i] == null) {
                        generator.writeNull();
                    } else {
                        generator.writeString(values[i]);
                    }
                }
            }
        }
    }

    /** Writes the elements as nested arrays following {@code shape} (row-major); a scalar as one value. */
    static void writeNested(
            JsonGenerator generator, Datatype datatype, TensorData data, long[] shape, NonFinite nonFinite)
            throws IOException {
        if (shape.length == 0) {
            writeElements(generator, datatype, data, 0, Math.min(1, data.length()), nonFinite);
            return;
        }
        writeNested(generator, datatype, data, shape, 0, 0, nonFinite);
    }

    /** Writes the sub-array at {@code depth} starting at element {@code offset}; answers the next offset. */
    static int writeNested(
            JsonGenerator generator,
            Datatype datatype,
            TensorData data,
            long[] shape,
            int depth,
            int offset,
            NonFinite nonFinite)
            throws IOException {
        generator.writeStartArray();
        int length = (int) shape[depth];
        if (depth == shape.length - 1) {
            writeElements(generator, datatype, data, offset, offset + length, nonFinite);
            offset += length;
        } else {
            for (int i = 0; i < length; i++) {
                offset = writeNested(generator, datatype, data, shape, depth + 1, offset, nonFinite);
            }
        }
        generator.writeEndArray();
        return offset;
    }
}
