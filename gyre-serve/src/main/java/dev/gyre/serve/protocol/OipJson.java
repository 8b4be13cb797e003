package dev.gyre.serve.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.gyre.core.error.GyreException;
import dev.gyre.serve.runtime.ModelMetadata;
import dev.gyre.serve.tensor.Datatype;
import dev.gyre.serve.tensor.Tensor;
import dev.gyre.serve.tensor.TensorData;
import dev.gyre.serve.tensor.TensorSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Open Inference Protocol (v2, as KServe and Triton speak it) in its REST JSON form: reads inference requests and
 * writes responses, errors and metadata.
 *
 * <p>Requests are read with Jackson's streaming parser straight into the primitive arrays of {@link TensorData}: no
 * tree, no boxing, the array sized from the declared shape. Everything the protocol fixes is checked and reported as
 * {@link GyreException#invalid} naming the JSON location (e.g. {@code inputs[0].data[3]: expected a number for
 * datatype FP32, found "abc"}): required and unknown fields, the datatype name, the shape, the element count, the
 * type and range of each element, and a limit on the elements of one request. {@code data} may be flat or nested
 * (then each level must have its dimension's length). Floating-point data also takes {@code null} and the strings
 * {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"}, since JSON has no numbers for them; integral data takes
 * integral numbers written with a fraction or exponent ({@code 2.0}, {@code 1e3}).
 *
 * <p>Not supported: the binary tensor data extension ({@code binary_data_size}), which is refused; an output's
 * {@code parameters} (e.g. {@code binary_data}) are read and dropped, so outputs always come back as JSON.
 *
 * <p>Responses write NaN as {@code null} and infinities as the strings {@code "Infinity"} and {@code "-Infinity"},
 * which this reader takes back, so no value is lost on a round trip; unsigned 64-bit values are written unsigned.
 */
public final class OipJson {

    /** The most elements (all inputs together) one request may carry unless a caller sets its own limit. */
    public static final int DEFAULT_MAX_ELEMENTS = 10_000_000;

    private static final int MAX_LIMIT = Integer.MAX_VALUE - 16;
    private static final String INPUT_FIELDS = "name, shape, datatype, parameters, data";
    private static final int NAME = 1;
    private static final int SHAPE = 2;
    private static final int DATATYPE = 4;
    private static final int PARAMETERS = 8;
    private static final int DATA = 16;

    private OipJson() {}

    /** Reads an inference request, at most {@link #DEFAULT_MAX_ELEMENTS} elements. */
    public static InferenceRequest readRequest(byte[] json) {
        return readRequest(json, DEFAULT_MAX_ELEMENTS);
    }

    /** Reads an inference request of at most {@code maxElements} elements over all its inputs. */
    public static InferenceRequest readRequest(byte[] json, int maxElements) {
        try (JsonParser parser = Json.FACTORY.createParser(json)) {
            return read(parser, maxElements);
        } catch (JsonProcessingException e) {
            throw Json.malformed(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads an inference request from a stream (not closed), at most {@link #DEFAULT_MAX_ELEMENTS} elements. */
    public static InferenceRequest readRequest(InputStream json) {
        return readRequest(json, DEFAULT_MAX_ELEMENTS);
    }

    /** Reads an inference request from a stream (not closed), at most {@code maxElements} elements. */
    public static InferenceRequest readRequest(InputStream json, int maxElements) {
        try (JsonParser parser = Json.FACTORY.createParser(json)) {
            return read(parser, maxElements);
        } catch (JsonProcessingException e) {
            throw Json.malformed(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InferenceRequest read(JsonParser parser, int maxElements) throws IOException {
        if (maxElements < 0 || maxElements > MAX_LIMIT) {
            throw new IllegalArgumentException("maxElements must be in [0, " + MAX_LIMIT + "]: " + maxElements);
        }
        if (parser.nextToken() == null) {
            throw GyreException.invalid("request body is empty; expected a JSON object with \"inputs\"");
        }
        Json.expect(parser, JsonToken.START_OBJECT, "request body", "a JSON object");
        String id = null;
        Map<String, Object> parameters = Map.of();
        List<Tensor> inputs = null;
        List<String> outputs = List.of();
        Set<String> seen = new HashSet<>();
        long[] budget = {maxElements};
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            if (!seen.add(field)) {
                throw GyreException.invalid("request body: duplicate field \"" + field + "\"");
            }
            switch (field) {
                case "id" -> {
                    if (parser.currentToken() != JsonToken.VALUE_STRING) {
                        throw Json.invalid("id", "expected a string, found " + Json.describe(parser));
                    }
                    id = parser.getText();
                }
                case "parameters" -> parameters = Json.readParameters(parser, "parameters");
                case "inputs" -> inputs = readInputs(parser, budget, maxElements);
                case "outputs" -> outputs = readOutputs(parser);
                default ->
                    throw GyreException.invalid(
                            "request body: unknown field \"" + field + "\"; expected id, parameters, inputs, outputs");
            }
        }
        if (parser.nextToken() != null) {
            throw GyreException.invalid("request body: unexpected " + Json.describe(parser)
                    + " after the JSON object at line "
                    + parser.currentTokenLocation().getLineNr() + ", column "
                    + parser.currentTokenLocation().getColumnNr());
        }
        if (inputs == null) {
            throw GyreException.invalid("request body: missing required field \"inputs\"");
        }
        return new InferenceRequest(id, inputs, outputs, parameters);
    }

    private static List<Tensor> readInputs(JsonParser parser, long[] budget, int maxElements) throws IOException {
        Json.expect(parser, JsonToken.START_ARRAY, "inputs", "an array of input tensors");
        List<Tensor> inputs = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            inputs.add(readInput(parser, "inputs[" + inputs.size() + "]", budget, maxElements));
        }
        return inputs;
    }

    private static Tensor readInput(JsonParser parser, String path, long[] budget, int maxElements) throws IOException {
        Json.expect(parser, JsonToken.START_OBJECT, path, "an input tensor object");
        int seen = 0;
        String name = null;
        long[] shape = null;
        Datatype datatype = null;
        Map<String, Object> parameters = Map.of();
        TensorData data = null;
        byte[] early = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            int bit =
                    switch (field) {
                        case "name" -> NAME;
                        case "shape" -> SHAPE;
                        case "datatype" -> DATATYPE;
                        case "parameters" -> PARAMETERS;
                        case "data" -> DATA;
                        default ->
                            throw Json.invalid(path, "unknown field \"" + field + "\"; expected " + INPUT_FIELDS);
                    };
            if ((seen & bit) != 0) {
                throw Json.invalid(path, "duplicate field \"" + field + "\"");
            }
            seen |= bit;
            parser.nextToken();
            switch (bit) {
                case NAME -> {
                    if (parser.currentToken() != JsonToken.VALUE_STRING) {
                        throw Json.invalid(path + ".name", "expected a string, found " + Json.describe(parser));
                    }
                    name = parser.getText();
                }
                case SHAPE -> {
                    shape = readShape(parser, path + ".shape");
                    long count = Tensor.elementCount(shape);
                    if (count < 0 || count > budget[0]) {
                        throw Json.invalid(
                                path + ".shape",
                                Arrays.toString(shape) + " has "
                                        + (count < 0 ? "too many" : Long.toString(count))
                                        + " elements, more than the limit of " + maxElements
                                        + " per request" + (budget[0] < maxElements ? " (all inputs together)" : ""));
                    }
                    budget[0] -= count;
                }
                case DATATYPE -> {
                    if (parser.currentToken() != JsonToken.VALUE_STRING) {
                        throw Json.invalid(path + ".datatype", "expected a string, found " + Json.describe(parser));
                    }
                    datatype = Datatype.ofWireName(parser.getText());
                    if (datatype == null) {
                        throw Json.invalid(
                                path + ".datatype",
                                "unknown datatype " + Json.quote(parser.getText()) + "; expected one of "
                                        + Datatype.wireNames());
                    }
                }
                case PARAMETERS -> {
                    parameters = Json.readParameters(parser, path + ".parameters");
                    if (parameters.containsKey("binary_data_size")) {
                        throw Json.invalid(
                                path + ".parameters.binary_data_size",
                                "the binary tensor data extension is not supported; send the data as JSON");
                    }
                }
                default -> {
                    if (shape != null && datatype != null) {
                        data = readData(parser, path, datatype, shape);
                    } else {
                        early = Json.copyValue(parser);
                    }
                }
            }
        }
        for (int bit : new int[] {NAME, SHAPE, DATATYPE, DATA}) {
            if ((seen & bit) == 0) {
                String field =
                        switch (bit) {
                            case NAME -> "name";
                            case SHAPE -> "shape";
                            case DATATYPE -> "datatype";
                            default -> "data";
                        };
                throw Json.invalid(path, "missing required field \"" + field + "\"");
            }
        }
        if (data == null) {
            try (JsonParser buffered = Json.FACTORY.createParser(early)) {
                buffered.nextToken();
                data = readData(buffered, path, datatype, shape);
            }
        }
        return new Tensor(name, datatype, shape, data, parameters);
    }

    private static long[] readShape(JsonParser parser, String path) throws IOException {
        Json.expect(parser, JsonToken.START_ARRAY, path, "an array of non-negative integers");
        long[] shape = new long[4];
        int rank = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT
                    || parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    || parser.getLongValue() < 0) {
                throw Json.invalid(
                        path + "[" + rank + "]", "expected a non-negative integer, found " + Json.describe(parser));
            }
            if (rank == 64) {
                throw Json.invalid(path, "more than 64 dimensions");
            }
            if (rank == shape.length) {
                shape = Arrays.copyOf(shape, rank * 2);
            }
            shape[rank++] = parser.getLongValue();
        }
        return Arrays.copyOf(shape, rank);
    }

    /** Reads {@code data} (current token: its start), flat or nested, into exactly as many elements as the shape. */
    private static TensorData readData(JsonParser parser, String path, Datatype datatype, long[] shape)
            throws IOException {
        String dataPath = path + ".data";
        Json.expect(parser, JsonToken.START_ARRAY, dataPath, "an array");
        int count = (int) Tensor.elementCount(shape);
        ElementBuffer buffer = new ElementBuffer(datatype, count);
        JsonToken first = parser.nextToken();
        if (first == JsonToken.START_ARRAY) {
            if (shape.length < 2) {
                throw Json.invalid(
                        dataPath + "[0]",
                        "expected " + elementKind(datatype) + " for datatype " + datatype + ", found an array"
                                + " (nested data needs a shape of two or more dimensions, this is "
                                + Arrays.toString(shape) + ")");
            }
            int[] index = new int[shape.length];
            readNested(parser, dataPath, buffer, shape, 0, index);
            return buffer.build();
        }
        int i = 0;
        for (JsonToken token = first; token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (i == count) {
                throw tooMany(parser, dataPath, shape, count);
            }
            String problem = buffer.add(parser);
            if (problem != null) {
                throw Json.invalid(dataPath + "[" + i + "]", problem);
            }
            i++;
        }
        if (i != count) {
            throw Json.invalid(
                    dataPath, "has " + i + " elements but shape " + Arrays.toString(shape) + " needs " + count);
        }
        return buffer.build();
    }

    /** Counts the rest of an over-long flat array for the message. */
    private static GyreException tooMany(JsonParser parser, String path, long[] shape, int count) throws IOException {
        long found = count;
        for (JsonToken token = parser.currentToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (token == JsonToken.START_ARRAY || token == JsonToken.START_OBJECT) {
                parser.skipChildren();
            }
            found++;
        }
        return Json.invalid(path, "has " + found + " elements but shape " + Arrays.toString(shape) + " needs " + count);
    }

    /** Reads the nested array at {@code depth} (current token: its first element). */
    private static void readNested(
            JsonParser parser, String dataPath, ElementBuffer buffer, long[] shape, int depth, int[] index)
            throws IOException {
        boolean leaf = depth == shape.length - 1;
        int i = 0;
        for (JsonToken token = parser.currentToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            index[depth] = i;
            if (i == shape[depth]) {
                throw Json.invalid(
                        path(dataPath, index, depth),
                        "has more than " + shape[depth] + " elements but shape " + Arrays.toString(shape) + " needs "
                                + shape[depth] + " at dimension " + depth);
            }
            if (leaf) {
                String problem = buffer.add(parser);
                if (problem != null) {
                    throw Json.invalid(path(dataPath, index, depth + 1), problem);
                }
            } else {
                if (token != JsonToken.START_ARRAY) {
                    throw Json.invalid(
                            path(dataPath, index, depth + 1),
                            "expected an array (nested data for shape " + Arrays.toString(shape) + "), found "
                                    + Json.describe(parser));
                }
                parser.nextToken();
                readNested(parser, dataPath, buffer, shape, depth + 1, index);
            }
            i++;
        }
        if (i != shape[depth]) {
            throw Json.invalid(
                    path(dataPath, index, depth),
                    "has " + i + " elements but shape " + Arrays.toString(shape) + " needs " + shape[depth]
                            + " at dimension " + depth);
        }
    }

    /** The JSON path of the array at {@code depth}, e.g. {@code inputs[0].data[1][2]} for depth 2. */
    private static String path(String dataPath, int[] index, int depth) {
        StringBuilder path = new StringBuilder(dataPath);
        for (int d = 0; d < depth; d++) {
            path.append('[').append(index[d]).append(']');
        }
        return path.toString();
    }

    private static String elementKind(Datatype datatype) {
        return switch (datatype) {
            case BOOL -> "a boolean";
            case BYTES -> "a string";
            case FP16, FP32, FP64 -> "a number";
            default -> "an integer";
        };
    }

    private static List<String> readOutputs(JsonParser parser) throws IOException {
        Json.expect(parser, JsonToken.START_ARRAY, "outputs", "an array of requested outputs");
        List<String> names = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            String path = "outputs[" + names.size() + "]";
            Json.expect(parser, JsonToken.START_OBJECT, path, "an object with \"name\"");
            String name = null;
            boolean parameters = false;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "name" -> {
                        if (name != null) {
                            throw Json.invalid(path, "duplicate field \"name\"");
                        }
                        if (parser.currentToken() != JsonToken.VALUE_STRING) {
                            throw Json.invalid(path + ".name", "expected a string, found " + Json.describe(parser));
                        }
                        name = parser.getText();
                    }
                    case "parameters" -> {
                        if (parameters) {
                            throw Json.invalid(path, "duplicate field \"parameters\"");
                        }
                        parameters = true;
                        Json.readParameters(parser, path + ".parameters");
                    }
                    default -> throw Json.invalid(path, "unknown field \"" + field + "\"; expected name, parameters");
                }
            }
            if (name == null) {
                throw Json.invalid(path, "missing required field \"name\"");
            }
            if (names.contains(name)) {
                throw Json.invalid(path + ".name", "output \"" + name + "\" is requested more than once");
            }
            names.add(name);
        }
        return names;
    }

    /**
     * Writes an inference response: {@code model_name}, {@code model_version} and {@code id} (each left out when
     * null), {@code parameters} (left out when empty) and {@code outputs}, each with {@code name}, {@code datatype},
     * {@code shape}, its {@code parameters} when it has any, and flat row-major {@code data}.
     */
    public static byte[] writeResponse(InferenceResponse response) {
        return write(generator -> {
            generator.writeStartObject();
            generator.writeStringField("model_name", response.modelName());
            if (response.modelVersion() != null) {
                generator.writeStringField("model_version", response.modelVersion());
            }
            if (response.id() != null) {
                generator.writeStringField("id", response.id());
            }
            if (!response.parameters().isEmpty()) {
                generator.writeFieldName("parameters");
                Json.writeMap(generator, response.parameters());
            }
            generator.writeArrayFieldStart("outputs");
            for (Tensor output : response.outputs()) {
                generator.writeStartObject();
                generator.writeStringField("name", output.name());
                generator.writeStringField("datatype", output.datatype().wireName());
                generator.writeFieldName("shape");
                long[] shape = output.shape();
                generator.writeArray(shape, 0, shape.length);
                if (!output.parameters().isEmpty()) {
                    generator.writeFieldName("parameters");
                    Json.writeMap(generator, output.parameters());
                }
                generator.writeArrayFieldStart("data");
                Json.writeElements(
                        generator,
                        output.datatype(),
                        output.data(),
                        0,
                        output.data().length(),
                        Json.NonFinite.NULL_NAN_STRING_INFINITY);
                generator.writeEndArray();
                generator.writeEndObject();
            }
            generator.writeEndArray();
            generator.writeEndObject();
        });
    }

    /** Writes the protocol's error body, {@code {"error": message}}. */
    public static byte[] writeError(String message) {
        return write(generator -> {
            generator.writeStartObject();
            generator.writeStringField("error", message);
            generator.writeEndObject();
        });
    }

    /**
     * Writes the model metadata response: {@code name}, {@code versions}, {@code platform}, and {@code inputs} and
     * {@code outputs} each with {@code name}, {@code datatype} and {@code shape} ({@code -1} for any size).
     */
    public static byte[] writeModelMetadata(String name, List<String> versions, ModelMetadata metadata) {
        return write(generator -> {
            generator.writeStartObject();
            generator.writeStringField("name", name);
            generator.writeArrayFieldStart("versions");
            for (String version : versions) {
                generator.writeString(version);
            }
            generator.writeEndArray();
            generator.writeStringField("platform", metadata.platform());
            writeSpecs(generator, "inputs", metadata.inputs());
            writeSpecs(generator, "outputs", metadata.outputs());
            generator.writeEndObject();
        });
    }

    private static void writeSpecs(JsonGenerator generator, String field, List<TensorSpec> specs) throws IOException {
        generator.writeArrayFieldStart(field);
        for (TensorSpec spec : specs) {
            generator.writeStartObject();
            generator.writeStringField("name", spec.name());
            generator.writeStringField("datatype", spec.datatype().wireName());
            generator.writeFieldName("shape");
            long[] shape = spec.shape();
            generator.writeArray(shape, 0, shape.length);
            generator.writeEndObject();
        }
        generator.writeEndArray();
    }

    /** Writes the server metadata response: {@code name}, {@code version} and {@code extensions}. */
    public static byte[] writeServerMetadata(String name, String version, List<String> extensions) {
        return write(generator -> {
            generator.writeStartObject();
            generator.writeStringField("name", name);
            generator.writeStringField("version", version);
            generator.writeArrayFieldStart("extensions");
            for (String extension : extensions) {
                generator.writeString(extension);
            }
            generator.writeEndArray();
            generator.writeEndObject();
        });
    }

    /** Something that writes one JSON document. */
    @FunctionalInterface
    interface Writer {
        void write(JsonGenerator generator) throws IOException;
    }

    /** Runs a writer into a byte array. */
    static byte[] write(Writer writer) {
        ByteArrayBuilder bytes = new ByteArrayBuilder(1024);
        try (JsonGenerator generator = Json.FACTORY.createGenerator(bytes)) {
            writer.write(generator);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] result = bytes.toByteArray();
        bytes.release();
        return result;
    }
}
