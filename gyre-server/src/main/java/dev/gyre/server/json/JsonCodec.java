package dev.gyre.server.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.gyre.core.error.ErrorCode;
import dev.gyre.core.error.GyreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The one place JSON is read and written. Requests are parsed into a tree (small bodies, and the tree lets
 * {@link RequestFields} check types and unknown fields precisely); responses are streamed with a generator, with
 * no reflection on the hot path. Created once per server.
 */
public final class JsonCodec {

    private final ObjectMapper mapper;
    private final JsonFactory factory;

    public JsonCodec() {
        this.mapper = JsonMapper.builder()
                // Python's json module writes bare NaN / Infinity; MLflow's protobuf parser reads them.
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
        this.factory = mapper.getFactory();
    }

    /**
     * Parses a request body that must be a JSON object; an empty body is an empty object, as in MLflow. A body
     * that is a JSON string holding an object (old clients double-encode) is decoded once more.
     *
     * @throws GyreException {@code MALFORMED_REQUEST} when the body is not JSON or not an object
     */
    public ObjectNode readObject(byte[] body) {
        if (isBlank(body)) {
            return mapper.createObjectNode();
        }
        JsonNode node;
        try {
            node = mapper.readTree(body);
            if (node instanceof TextNode text) {
                node = mapper.readTree(text.textValue());
            }
        } catch (JsonProcessingException e) {
            throw new GyreException(
                    ErrorCode.MALFORMED_REQUEST,
                    "Malformed request: the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (node == null || node.isNull() || node.isMissingNode()) {
            return mapper.createObjectNode();
        }
        if (!(node instanceof ObjectNode object)) {
            throw new GyreException(
                    ErrorCode.MALFORMED_REQUEST,
                    "Malformed request: the body must be a JSON object, got " + kind(node));
        }
        return object;
    }

    /** Builds a request tree from query parameters: single values as strings, repeated ones as arrays. */
    public ObjectNode fromQuery(Map<String, List<String>> parameters) {
        ObjectNode node = mapper.createObjectNode();
        parameters.forEach((name, values) -> {
            if (values.size() == 1) {
                node.put(name, values.getFirst());
            } else {
                var array = node.putArray(name);
                values.forEach(array::add);
            }
        });
        return node;
    }

    /** Writes one JSON object: {@code body} writes its fields between the braces. */
    public byte[] writeObject(JsonBody body) {
        ByteArrayBuilder out = new ByteArrayBuilder(256);
        try (JsonGenerator g = factory.createGenerator(out)) {
            g.writeStartObject();
            body.writeFields(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Reads an arbitrary JSON value; used by the tests and for {@code model_json}. */
    public JsonNode readTree(String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw GyreException.invalid("Invalid JSON: " + e.getOriginalMessage());
        }
    }

    /** Writes an arbitrary tree compactly. */
    public String writeTree(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ObjectNode newObject() {
        return mapper.createObjectNode();
    }

    static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case BOOLEAN -> "a boolean";
            case NUMBER -> "a number";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NULL -> "null";
            default -> "a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    /** Writes the fields of a JSON object. */
    @FunctionalInterface
    public interface JsonBody {
        void writeFields(JsonGenerator g) throws IOException;
    }
}
