package dev.gyre.serve.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.gyre.core.error.GyreException;
import dev.gyre.serve.runtime.ModelMetadata;
import dev.gyre.serve.tensor.Datatype;
import dev.gyre.serve.tensor.Tensor;
import dev.gyre.serve.tensor.TensorData;
import dev.gyre.serve.tensor.TensorSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * MLflow's scoring protocol ({@code POST /invocations} of the MLflow 2.x pyfunc scoring server), so that clients and
 * tools written for MLflow models can score Gyre-served ones unchanged.
 *
 * <p>A JSON body has exactly one of {@code dataframe_split} ({@code {"columns": [...], "data": [[...], ...],
 * "index"?}}), {@code dataframe_records} ({@code [{column: value}, ...]}), {@code instances} (a list of records, or
 * for a tensor model a list of rows or values) or {@code inputs} (an object of column to list of values, or for a
 * tensor model a nested list, or an object of input name to nested list), and may carry {@code params}, which must be
 * empty since no served model takes any. A CSV body ({@code text/csv}) is a header row and rows, quoted as RFC 4180
 * says; an empty field, quoted or not, is a missing value (as pandas reads it).
 *
 * <p>How the values map onto the model's inputs depends on {@link ModelMetadata#tabular()}:
 *
 * <ul>
 *   <li>a tabular model (a Gyre package) gets one 1-D tensor per column, named by the column and of the datatype
 *       declared for it: {@code FP64} takes numbers and null (NaN), {@code BOOL} booleans, {@code BYTES} strings and
 *       null. A value of the wrong kind is refused naming its row and column, an unknown column naming all unknown
 *       columns and the model's; a column left out is left out (the {@code InputValidator} reports it). A row that
 *       lacks a column in record form gets a missing value there;
 *   <li>a matrix model (one input {@code [-1, F]}) gets one tensor {@code [N, F]} of its declared datatype from rows
 *       of {@code F} values (records: their values in the order of the first record's keys);
 *   <li>any other tensor model takes {@code inputs} or {@code instances} as nested lists, their nesting giving the
 *       shape.
 * </ul>
 *
 * <p>Every problem is a {@link GyreException#invalid} naming where it is. Predictions are written as MLflow writes
 * them: {@code {"predictions": ...}}, NaN and infinities as {@code null}.
 */
public final class MlflowScoring {

    /** The most values one request may carry unless a caller sets its own limit. */
    public static final int DEFAULT_MAX_ELEMENTS = OipJson.DEFAULT_MAX_ELEMENTS;

    private static final String FORMATS = "dataframe_split, dataframe_records, instances, inputs";
    private static final int MAX_RANK = 32;

    private MlflowScoring() {}

    /** Reads a JSON scoring request for this model, at most {@link #DEFAULT_MAX_ELEMENTS} values. */
    public static List<Tensor> readJson(byte[] body, ModelMetadata metadata) {
        return readJson(body, metadata, DEFAULT_MAX_ELEMENTS);
    }

    /** Reads a JSON scoring request for this model, at most {@code maxElements} values. */
    public static List<Tensor> readJson(byte[] body, ModelMetadata metadata, int maxElements) {
        try (JsonParser parser = Json.FACTORY.createParser(body)) {
            return new Request(metadata, maxElements).readJson(parser);
        } catch (JsonProcessingException e) {
            throw Json.malformed(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a CSV scoring request (UTF-8, header row first) for this model, at most {@link #DEFAULT_MAX_ELEMENTS}. */
    public static List<Tensor> readCsv(byte[] body, ModelMetadata metadata) {
        return readCsv(body, metadata, DEFAULT_MAX_ELEMENTS);
    }

    /** Reads a CSV scoring request (UTF-8, header row first) for this model, at most {@code maxElements} values. */
    public static List<Tensor> readCsv(byte[] body, ModelMetadata metadata, int maxElements) {
        return new Request(metadata, maxElements).readCsv(new String(body, StandardCharsets.UTF_8));
    }

    /**
     * Writes {@code {"predictions": ...}}: one 1-D output as a flat list, one output of more dimensions as nested
     * lists, several outputs as one record per row ({@code [{"probability": 0.1, "label": "bad"}, ...]}, what MLflow
     * answers for a data frame). NaN and infinities are written as {@code null}.
     */
    public static byte[] writePredictions(List<Tensor> outputs) {
        for (Tensor output : outputs) {
            if (output.rows() != outputs.getFirst().rows()) {
                throw new IllegalArgumentException(
                        "outputs " + outputs.getFirst() + " and " + output + " have different numbers of rows");
            }
        }
        return OipJson.write(generator -> {
            generator.writeStartObject();
            generator.writeFieldName("predictions");
            if (outputs.isEmpty()) {
                generator.writeStartArray();
                generator.writeEndArray();
            } else if (outputs.size() == 1) {
                Tensor output = outputs.getFirst();
                Json.writeNested(generator, output.datatype(), output.data(), output.shape(), Json.NonFinite.NULL);
            } else {
                writeRecords(generator, outputs);
            }
            generator.writeEndObject();
        });
    }

    private static void writeRecords(JsonGenerator generator, List<Tensor> outputs) throws IOException {
        generator.writeStartArray();
        int rows = outputs.getFirst().rows();
        for (int row = 0; row < rows; row++) {
            generator.writeStartObject();
            for (Tensor output : outputs) {
                generator.writeFieldName(output.name());
                long[] shape = output.shape();
                if (shape.length <= 1) {
                    Json.writeElements(generator, output.datatype(), output.data(), row, row + 1, Json.NonFinite.NULL);
                } else {
                    Json.writeNested(
                            generator,
                            output.datatype(),
                            output.data(),
                            shape,
                            1,
                            row * output.rowWidth(),
                            Json.NonFinite.NULL);
                }
            }
            generator.writeEndObject();
        }
        generator.writeEndArray();
    }

    /** The state of reading one request: the model's declaration, the columns read so far, the value budget. */
    private static final class Request {
        private final ModelMetadata metadata;
        private final int maxElements;
        private final Map<String, TensorSpec> specs = new HashMap<>();
        /** The single {@code [-1, F]} input of a matrix model; null for other models. */
        private final TensorSpec matrix;

        private final Map<String, ElementBuffer> columns = new LinkedHashMap<>();
        private final Set<String> unknown = new LinkedHashSet<>();
        private long budget;

        Request(ModelMetadata metadata, int maxElements) {
            this.metadata = metadata;
            this.maxElements = maxElements;
            this.budget = maxElements;
            for (TensorSpec spec : metadata.inputs()) {
                specs.put(spec.name(), spec);
            }
            this.matrix = !metadata.tabular()
                            && metadata.inputs().size() == 1
                            && metadata.inputs().getFirst().shape().length == 2
                    ? metadata.inputs().getFirst()
                    : null;
        }

        // ---- JSON ----

        List<Tensor> readJson(JsonParser parser) throws IOException {
            if (parser.nextToken() == null) {
                throw GyreException.invalid("request body is empty; expected a JSON object with one of " + FORMATS);
            }
            Json.expect(parser, JsonToken.START_OBJECT, "request body", "a JSON object with one of " + FORMATS);
            String format = null;
            List<Tensor> tensors = null;
            boolean params = false;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "dataframe_split", "dataframe_records", "instances", "inputs" -> {
                        if (format != null) {
                            throw GyreException.invalid("request body: has both \"" + format + "\" and \"" + field
                                    + "\"; send exactly one of " + FORMATS);
                        }
                        format = field;
                        tensors = switch (field) {
                            case "dataframe_split" -> readSplit(parser);
                            case "dataframe_records" -> readRecordsFormat(parser, field);
                            case "instances" -> readInstances(parser);
                            default -> readInputs(parser);
                        };
                    }
                    case "params" -> {
                        if (params) {
                            throw GyreException.invalid("request body: duplicate field \"params\"");
                        }
                        params = true;
                        readParams(parser);
                    }
                    default ->
                        throw GyreException.invalid("request body: unknown field \"" + field
                                + "\"; send exactly one of " + FORMATS + " (and optionally params)");
                }
            }
            if (parser.nextToken() != null) {
                throw GyreException.invalid(
                        "request body: unexpected " + Json.describe(parser) + " after the JSON object");
            }
            if (format == null) {
                throw GyreException.invalid("request body: has none of " + FORMATS + "; send exactly one of them");
            }
            return tensors;
        }

        private static void readParams(JsonParser parser) throws IOException {
            if (parser.currentToken() == JsonToken.VALUE_NULL) {
                return;
            }
            Json.expect(parser, JsonToken.START_OBJECT, "params", "an object");
            if (parser.nextToken() != JsonToken.END_OBJECT) {
                throw GyreException.invalid(
                        "params: this model takes no params, but the request sets \"" + parser.currentName() + "\"");
            }
        }

        private List<Tensor> readSplit(JsonParser parser) throws IOException {
            Json.expect(parser, JsonToken.START_OBJECT, "dataframe_split", "an object with columns and data");
            List<String> names = null;
            byte[] early = null;
            boolean data = false;
            List<Tensor> tensors = null;
            Set<String> seen = new HashSet<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                if (!seen.add(field)) {
                    throw GyreException.invalid("dataframe_split: duplicate field \"" + field + "\"");
                }
                switch (field) {
                    case "columns" -> names = readColumnNames(parser);
                    case "index" -> parser.skipChildren();
                    case "data" -> {
                        data = true;
                        if (names == null && matrix == null) {
                            early = Json.copyValue(parser);
                        } else {
                            tensors = readSplitData(parser, names);
                        }
                    }
                    default ->
                        throw GyreException.invalid(
                                "dataframe_split: unknown field \"" + field + "\"; expected columns, data, index");
                }
            }
            if (!data) {
                throw GyreException.invalid("dataframe_split: missing required field \"data\"");
            }
            if (matrix != null && names != null && features() >= 0 && names.size() != features()) {
                throw GyreException.invalid(
                        "dataframe_split: has " + names.size() + " columns but " + modelTakes(features()));
            }
            if (early != null) {
                if (names == null) {
                    throw GyreException.invalid("dataframe_split: missing required field \"columns\"");
                }
                try (JsonParser buffered = Json.FACTORY.createParser(early)) {
                    buffered.nextToken();
                    tensors = readSplitData(buffered, names);
                }
            }
            return tensors;
        }

        private static List<String> readColumnNames(JsonParser parser) throws IOException {
            Json.expect(parser, JsonToken.START_ARRAY, "dataframe_split.columns", "an array of column names");
            List<String> names = new ArrayList<>();
            Set<String> distinct = new HashSet<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                JsonToken token = parser.currentToken();
                if (token != JsonToken.VALUE_STRING && token != JsonToken.VALUE_NUMBER_INT) {
                    throw Json.invalid(
                            "dataframe_split.columns[" + names.size() + "]",
                            "expected a column name, found " + Json.describe(parser));
                }
                String name = parser.getText();
                if (!distinct.add(name)) {
                    throw Json.invalid("dataframe_split.columns", "column " + Json.quote(name) + " appears twice");
                }
                names.add(name);
            }
            return names;
        }

        private List<Tensor> readSplitData(JsonParser parser, List<String> names) throws IOException {
            if (matrix != null) {
                int width = features();
                String reason = width >= 0 ? featuresText(width) : null;
                if (names != null) {
                    if (width >= 0 && names.size() != width) {
                        throw GyreException.invalid(
                                "dataframe_split: has " + names.size() + " columns but " + modelTakes(width));
                    }
                    if (width < 0) {
                        width = names.size();
                        reason = " but there are " + width + " columns";
                    }
                }
                return List.of(readRows(parser, "dataframe_split.data", width, reason));
            }
            requireTabular("dataframe_split");
            ElementBuffer[] buffers = new ElementBuffer[names.size()];
            for (int j = 0; j < buffers.length; j++) {
                buffers[j] = column(names.get(j), 0);
            }
            failOnUnknown();
            Json.expect(parser, JsonToken.START_ARRAY, "dataframe_split.data", "an array of rows");
            int row = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                String path = "dataframe_split.data[" + row + "]";
                Json.expect(parser, JsonToken.START_ARRAY, path, "a row (an array of values)");
                take(buffers.length);
                int j = 0;
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    if (j == buffers.length) {
                        throw Json.invalid(
                                path,
                                "row " + row + " has " + countRest(parser, j) + " values but there are "
                                        + buffers.length + " columns");
                    }
                    String problem = buffers[j].add(parser);
                    if (problem != null) {
                        throw cell(row, names.get(j), problem);
                    }
                    j++;
                }
                if (j != buffers.length) {
                    throw Json.invalid(
                            path, "row " + row + " has " + j + " values but there are " + buffers.length + " columns");
                }
                row++;
            }
            return columnTensors(row);
        }

        private List<Tensor> readRecordsFormat(JsonParser parser, String path) throws IOException {
            if (matrix == null) {
                requireTabular(path);
            }
            Json.expect(parser, JsonToken.START_ARRAY, path, "an array of records");
            return readRecords(parser, path);
        }

        /** Records (current token: the array's start); a tabular or matrix model. */
        private List<Tensor> readRecords(JsonParser parser, String path) throws IOException {
            int row = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                String rowPath = path + "[" + row + "]";
                Json.expect(parser, JsonToken.START_OBJECT, rowPath, "a record (an object of column to value)");
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    ElementBuffer buffer = column(name, row);
                    if (buffer == null) {
                        parser.skipChildren();
                        continue;
                    }
                    if (buffer.size() > row) {
                        throw Json.invalid(rowPath, "column " + Json.quote(name) + " appears twice");
                    }
                    take(1);
                    String problem = buffer.add(parser);
                    if (problem != null) {
                        throw cell(row, name, problem);
                    }
                }
                fill(row + 1);
                row++;
            }
            failOnUnknown();
            return matrix != null ? List.of(matrixOfColumns(row, path)) : columnTensors(row);
        }

        private List<Tensor> readInstances(JsonParser parser) throws IOException {
            Json.expect(parser, JsonToken.START_ARRAY, "instances", "an array");
            if (metadata.tabular()) {
                return readRecords(parser, "instances");
            }
            if (metadata.inputs().size() != 1) {
                throw GyreException.invalid(
                        "instances: this model takes " + metadata.inputs().size() + " inputs (" + inputList()
                                + "); send \"inputs\" as an object of input name to values");
            }
            return List.of(readTensor(parser, "instances", metadata.inputs().getFirst()));
        }

        private List<Tensor> readInputs(JsonParser parser) throws IOException {
            if (metadata.tabular()) {
                Json.expect(parser, JsonToken.START_OBJECT, "inputs", "an object of column name to list of values");
                Set<String> seen = new HashSet<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    String path = "inputs." + name;
                    if (!seen.add(name)) {
                        throw GyreException.invalid("inputs: column " + Json.quote(name) + " appears twice");
                    }
                    ElementBuffer buffer = column(name, 0);
                    if (buffer == null) {
                        parser.skipChildren();
                        continue;
                    }
                    Json.expect(parser, JsonToken.START_ARRAY, path, "a list of the column's values");
                    int row = 0;
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        take(1);
                        String problem = buffer.add(parser);
                        if (problem != null) {
                            throw cell(row, name, problem);
                        }
                        row++;
                    }
                }
                failOnUnknown();
                List<Tensor> tensors = new ArrayList<>();
                for (Map.Entry<String, ElementBuffer> column : columns.entrySet()) {
                    tensors.add(Tensor.of(
                            column.getKey(),
                            column.getValue().type(),
                            new long[] {column.getValue().size()},
                            column.getValue().build()));
                }
                return tensors;
            }
            if (parser.currentToken() == JsonToken.START_ARRAY) {
                if (metadata.inputs().size() != 1) {
                    throw GyreException.invalid(
                            "inputs: this model takes " + metadata.inputs().size() + " inputs (" + inputList()
                                    + "); send an object of input name to values");
                }
                return List.of(readTensor(parser, "inputs", metadata.inputs().getFirst()));
            }
            Json.expect(parser, JsonToken.START_OBJECT, "inputs", "a nested list or an object of input name to values");
            List<Tensor> tensors = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                TensorSpec spec = specs.get(name);
                if (spec == null) {
                    throw GyreException.invalid(
                            "inputs: unknown input " + Json.quote(name) + "; the model takes " + inputList());
                }
                if (!seen.add(name)) {
                    throw GyreException.invalid("inputs: input " + Json.quote(name) + " appears twice");
                }
                Json.expect(parser, JsonToken.START_ARRAY, "inputs." + name, "a (nested) list of values");
                tensors.add(readTensor(parser, "inputs." + name, spec));
            }
            return tensors;
        }

        // ---- columns (tabular models, and records for a matrix model) ----

        /** The buffer of a column, made on first sight with {@code rows} missing values before; null if unknown. */
        private ElementBuffer column(String name, int rows) {
            ElementBuffer buffer = columns.get(name);
            if (buffer != null) {
                return buffer;
            }
            Datatype datatype;
            if (matrix != null) {
                datatype = matrix.datatype();
                if (features() >= 0 && columns.size() == features()) {
                    throw GyreException.invalid("column " + Json.quote(name) + ": the records have more than "
                            + features() + " columns but " + modelTakes(features()));
                }
            } else {
                TensorSpec spec = specs.get(name);
                if (spec == null) {
                    unknown.add(name);
                    return null;
                }
                datatype = spec.datatype();
            }
            buffer = new ElementBuffer(datatype, Math.max(rows, 16));
            for (int row = 0; row < rows; row++) {
                String problem = buffer.addMissing();
                if (problem != null) {
                    throw cell(row, name, problem);
                }
            }
            columns.put(name, buffer);
            return buffer;
        }

        /** Gives every column that has fewer than {@code rows} values a missing value. */
        private void fill(int rows) {
            for (Map.Entry<String, ElementBuffer> column : columns.entrySet()) {
                if (column.getValue().size() < rows) {
                    String problem = column.getValue().addMissing();
                    if (problem != null) {
                        throw cell(rows - 1, column.getKey(), problem);
                    }
                }
            }
        }

        private void failOnUnknown() {
            if (unknown.isEmpty()) {
                return;
            }
            String names = unknown.stream().map(Json::quote).collect(Collectors.joining(", "));
            throw GyreException.invalid("unknown column" + (unknown.size() == 1 ? " " : "s ") + names
                    + "; the model's columns are " + specNames());
        }

        private List<Tensor> columnTensors(int rows) {
            List<Tensor> tensors = new ArrayList<>(columns.size());
            for (Map.Entry<String, ElementBuffer> column : columns.entrySet()) {
                tensors.add(Tensor.of(
                        column.getKey(),
                        column.getValue().type(),
                        new long[] {rows},
                        column.getValue().build()));
            }
            return tensors;
        }

        private Tensor matrixOfColumns(int rows, String path) {
            int width = columns.size();
            if (features() >= 0 && width != features() && rows > 0) {
                throw GyreException.invalid(
                        path + ": the records have " + width + " columns but " + modelTakes(features()));
            }
            if (rows == 0) {
                width = Math.max(features(), 0);
            }
            List<TensorData> parts = new ArrayList<>(width);
            for (ElementBuffer buffer : columns.values()) {
                parts.add(buffer.build());
            }
            long[] shape = {rows, width};
            return Tensor.of(matrix.name(), matrix.datatype(), shape, interleave(parts, rows, matrix.datatype()));
        }

        // ---- rows and nested lists (tensor models) ----

        /** Rows of {@code width} values (or as wide as the first row when negative) into one {@code [N, width]}. */
        private Tensor readRows(JsonParser parser, String path, int width, String reason) throws IOException {
            Json.expect(parser, JsonToken.START_ARRAY, path, "an array of rows");
            ElementBuffer buffer = new ElementBuffer(matrix.datatype(), 64);
            int row = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                String rowPath = path + "[" + row + "]";
                Json.expect(parser, JsonToken.START_ARRAY, rowPath, "a row (an array of values)");
                int j = 0;
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    if (j == width) {
                        throw Json.invalid(rowPath, "row " + row + " has " + countRest(parser, j) + " values" + reason);
                    }
                    take(1);
                    String problem = buffer.add(parser);
                    if (problem != null) {
                        throw Json.invalid(rowPath + "[" + j + "]", problem);
                    }
                    j++;
                }
                if (width < 0) {
                    width = j;
                    reason = " but row 0 has " + width;
                } else if (j != width) {
                    throw Json.invalid(rowPath, "row " + row + " has " + j + " values" + reason);
                }
                row++;
            }
            long[] shape = {row, Math.max(width, features())};
            if (row == 0 && shape[1] < 0) {
                shape[1] = 0;
            }
            return Tensor.of(matrix.name(), matrix.datatype(), shape, buffer.build());
        }

        /** A nested list (current token: its start) as one tensor, its nesting giving the shape. */
        private Tensor readTensor(JsonParser parser, String path, TensorSpec spec) throws IOException {
            Nested nested = new Nested(parser, path, spec);
            nested.array(0);
            int rank = nested.leaf >= 0 ? nested.leaf + 1 : nested.deepest + 1;
            long[] shape = Arrays.copyOf(nested.dims, rank);
            long[] declared = spec.shape();
            if (rank == declared.length - 1 && declared[declared.length - 1] == 1) {
                shape = Arrays.copyOf(shape, rank + 1);
                shape[rank] = 1;
            }
            return Tensor.of(spec.name(), spec.datatype(), shape, nested.buffer.build());
        }

        /** Reads nested arrays, checking that they are rectangular and fit the declared shape. */
        private final class Nested {
            final JsonParser parser;
            final String path;
            final TensorSpec spec;
            final long[] declared;
            final ElementBuffer buffer;
            final long[] dims = new long[MAX_RANK];
            final int[] index = new int[MAX_RANK];
            int leaf = -1;
            int deepest;

            Nested(JsonParser parser, String path, TensorSpec spec) {
                this.parser = parser;
                this.path = path;
                this.spec = spec;
                this.declared = spec.shape();
                this.buffer = new ElementBuffer(spec.datatype(), 64);
                Arrays.fill(dims, -1);
            }

            void array(int depth) throws IOException {
                if (depth == MAX_RANK) {
                    throw Json.invalid(at(depth), "nested more than " + MAX_RANK + " deep");
                }
                deepest = Math.max(deepest, depth);
                int n = 0;
                for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                    index[depth] = n;
                    if (token == JsonToken.START_ARRAY) {
                        if (leaf >= 0 && leaf <= depth) {
                            throw Json.invalid(
                                    at(depth + 1),
                                    "expected a value for datatype " + spec.datatype()
                                            + ", found an array (the lists are not nested equally deep)");
                        }
                        array(depth + 1);
                    } else {
                        if (leaf < 0 && deepest > depth || leaf >= 0 && leaf != depth) {
                            throw Json.invalid(
                                    at(depth + 1),
                                    "expected an array (the lists are not nested equally deep), found "
                                            + Json.describe(parser));
                        }
                        leaf = depth;
                        take(1);
                        String problem = buffer.add(parser);
                        if (problem != null) {
                            throw Json.invalid(at(depth + 1), problem);
                        }
                    }
                    n++;
                }
                close(depth, n);
            }

            private void close(int depth, int n) {
                int rank = leaf + 1;
                boolean comparable = leaf >= 0
                        && (rank == declared.length
                                || rank == declared.length - 1 && declared[declared.length - 1] == 1);
                if (comparable && depth > 0 && declared[depth] >= 0 && n != declared[depth]) {
                    if (depth == 1 && declared.length == 2) {
                        throw Json.invalid(
                                at(depth), "row " + index[0] + " has " + n + " values" + featuresText(declared[1]));
                    }
                    throw Json.invalid(
                            at(depth),
                            "has " + n + " values but the model takes " + declared[depth] + " at dimension " + depth
                                    + " (input '" + spec.name() + "' shape " + spec.shapeText() + ")");
                }
                if (dims[depth] < 0) {
                    dims[depth] = n;
                } else if (dims[depth] != n) {
                    throw Json.invalid(
                            at(depth),
                            "has " + n + " values but the lists before it at this depth have " + dims[depth]);
                }
            }

            private String at(int depth) {
                StringBuilder text = new StringBuilder(path);
                for (int d = 0; d < depth; d++) {
                    text.append('[').append(index[d]).append(']');
                }
                return text.toString();
            }
        }

        // ---- CSV ----

        List<Tensor> readCsv(String text) {
            Csv csv = new Csv(text);
            List<String> header = csv.next();
            if (header == null) {
                throw GyreException.invalid("CSV body is empty; expected a header row of column names, then rows");
            }
            Set<String> distinct = new HashSet<>();
            for (int j = 0; j < header.size(); j++) {
                String name = header.get(j);
                if (name == null) {
                    throw GyreException.invalid("CSV header: column " + (j + 1) + " has no name");
                }
                if (!distinct.add(name)) {
                    throw GyreException.invalid("CSV header: column " + Json.quote(name) + " appears twice");
                }
            }
            ElementBuffer matrixBuffer = null;
            ElementBuffer[] buffers = new ElementBuffer[header.size()];
            if (matrix != null) {
                if (features() >= 0 && header.size() != features()) {
                    throw GyreException.invalid(
                            "CSV header: has " + header.size() + " columns but " + modelTakes(features()));
                }
                matrixBuffer = new ElementBuffer(matrix.datatype(), 64);
            } else {
                requireTabular("CSV");
                for (int j = 0; j < buffers.length; j++) {
                    buffers[j] = column(header.get(j), 0);
                }
                failOnUnknown();
            }
            int row = 0;
            for (List<String> record = csv.next(); record != null; record = csv.next()) {
                String where = "CSV row " + row + " (line " + csv.recordLine + ")";
                if (record.size() != header.size()) {
                    throw GyreException.invalid(
                            where + ": has " + record.size() + " fields but the header has " + header.size());
                }
                take(record.size());
                for (int j = 0; j < record.size(); j++) {
                    String problem = (matrixBuffer != null ? matrixBuffer : buffers[j]).addCell(record.get(j));
                    if (problem != null) {
                        throw GyreException.invalid(where + ", column " + Json.quote(header.get(j)) + ": " + problem);
                    }
                }
                row++;
            }
            if (matrixBuffer != null) {
                long[] shape = {row, header.size()};
                return List.of(Tensor.of(matrix.name(), matrix.datatype(), shape, matrixBuffer.build()));
            }
            return columnTensors(row);
        }

        // ---- shared ----

        private void take(int values) {
            budget -= values;
            if (budget < 0) {
                throw GyreException.invalid(
                        "the request has more than " + maxElements + " values, the limit of one request");
            }
        }

        private int features() {
            return (int) matrix.shape()[1];
        }

        /** {@code " but the model takes 4 features (input 'x' shape [-1, 4])"}. */
        private String featuresText(long width) {
            return " but " + modelTakes(width);
        }

        /** {@code "the model takes 4 features (input 'x' shape [-1, 4])"}. */
        private String modelTakes(long width) {
            return "the model takes " + width + " feature" + (width == 1 ? "" : "s") + " (input '" + matrix.name()
                    + "' shape " + matrix.shapeText() + ")";
        }

        private void requireTabular(String format) {
            if (!metadata.tabular()) {
                throw GyreException.invalid(format + ": this model takes tensors (" + inputList()
                        + "), not a table; send \"inputs\" or \"instances\" as nested lists");
            }
        }

        private String specNames() {
            List<TensorSpec> inputs = metadata.inputs();
            String names = inputs.stream().limit(30).map(TensorSpec::name).collect(Collectors.joining(", "));
            return inputs.size() > 30 ? names + ", … (" + inputs.size() + " in all)" : names;
        }

        private String inputList() {
            return metadata.inputs().stream().map(TensorSpec::toString).collect(Collectors.joining(", "));
        }

        private static GyreException cell(int row, String column, String problem) {
            return GyreException.invalid("row " + row + ", column " + Json.quote(column) + ": " + problem);
        }

        /** Counts the values of the rest of an array (current token: the first one past what was read). */
        private static long countRest(JsonParser parser, int read) throws IOException {
            long count = read;
            for (JsonToken token = parser.currentToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                if (token == JsonToken.START_ARRAY || token == JsonToken.START_OBJECT) {
                    parser.skipChildren();
                }
                count++;
            }
            return count;
        }
    }

    /** Columns of one representation interleaved into rows: {@code [rows, columns]} row-major. */
    private static TensorData interleave(List<TensorData> columns, int rows, Datatype datatype) {
        int width = columns.size();
        if (width == 0) {
            return new ElementBuffer(datatype, 0).build();
        }
        return switch (columns.getFirst()) {
            case TensorData.Bools _ -> {
                boolean[] out = new boolean[rows * width];
                for (int j = 0; j < width; j++) {
                    boolean[] column = ((TensorData.Bools) columns.get(j)).values();
                    for (int r = 0; r < rows; r++) {
                        out[r * width + j] = column[r];
                    }
                }
                yield new TensorData.Bools(out);
            }
            case TensorData.Ints _ -> {
                int[] out = new int[rows * width];
                for (int j = 0; j < width; j++) {
                    int[] column = ((TensorData.Ints) columns.get(j)).values();
                    for (int r = 0; r < rows; r++) {
                        out[r * width + j] = column[r];
                    }
                }
                yield new TensorData.Ints(out);
            }
            case TensorData.Longs _ -> {
                long[] out = new long[rows * width];
                for (int j = 0; j < width; j++) {
                    long[] column = ((TensorData.Longs) columns.get(j)).values();
                    for (int r = 0; r < rows; r++) {
                        out[r * width + j] = column[r];
                    }
                }
                yield new TensorData.Longs(out);
            }
            case TensorData.Floats _ -> {
                float[] out = new float[rows * width];
                for (int j = 0; j < width; j++) {
                    float[] column = ((TensorData.Floats) columns.get(j)).values();
                    for (int r = 0; r < rows; r++) {
                        out[r * width + j] = column[r];
                    }
                }
                yield new TensorData.Floats(out);
            }
            case TensorData.Doubles _ -> {
                double[] out = new double[rows * width];
                for (int j = 0; j < width; j++) {
                    double[] column = ((TensorData.Doubles) columns.get(j)).values();
                    for (int r = 0; r < rows; r++) {
                        out[r * width + j] = column[r];
                    }
                }
                yield new TensorData.Doubles(out);
            }
            case TensorData.Texts _ -> {
                String[] out = new String[rows * width];
                for (int j = 0; j < width; j++) {
                    String[] column = ((TensorData.Texts) columns.get(j)).values();
                    for (int r = 0; r < rows; r++) {
                        out[r * width + j] = column[r];
                    }
                }
                yield new TensorData.Texts(out);
            }
        };
    }

    /** An RFC 4180 reader: records of fields, {@code "} quoting with {@code ""} for a quote; null for empty. */
    private static final class Csv {
        private final String text;
        private int pos;
        private int line = 1;
        int recordLine;

        Csv(String text) {
            this.text = !text.isEmpty() && text.charAt(0) == '\uFEFF' ? text.substring(1) : text;
        }

        /** The next record's fields (null for an empty one), skipping blank lines; null at the end. */
        List<String> next() {
            while (pos < text.length() && (text.charAt(pos) == '\n' || text.charAt(pos) == '\r')) {
                newline();
            }
            if (pos >= text.length()) {
                return null;
            }
            recordLine = line;
            List<String> fields = new ArrayList<>();
            while (true) {
                fields.add(pos < text.length() && text.charAt(pos) == '"' ? quoted() : unquoted());
                if (pos >= text.length()) {
                    return fields;
                }
                char c = text.charAt(pos);
                if (c == ',') {
                    pos++;
                } else {
                    newline();
                    return fields;
                }
            }
        }

        private String unquoted() {
            int start = pos;
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == ',' || c == '\n' || c == '\r') {
                    break;
                }
                pos++;
            }
            return pos == start ? null : text.substring(start, pos);
        }

        private String quoted() {
            int opened = line;
            pos++;
            StringBuilder field = new StringBuilder();
            while (true) {
                if (pos >= text.length()) {
                    throw GyreException.invalid("CSV line " + opened + ": a quoted field is not closed");
                }
                char c = text.charAt(pos);
                if (c == '"') {
                    if (pos + 1 < text.length() && text.charAt(pos + 1) == '"') {
                        field.append('"');
                        pos += 2;
                        continue;
                    }
                    pos++;
                    break;
                }
                if (c == '\n') {
                    line++;
                }
                field.append(c);
                pos++;
            }
            if (pos < text.length() && ",\r\n".indexOf(text.charAt(pos)) < 0) {
                throw GyreException.invalid("CSV line " + line + ": unexpected character "
                        + Json.quote(String.valueOf(text.charAt(pos))) + " after a closing quote (a quote inside a"
                        + " quoted field is written \"\")");
            }
            return field.isEmpty() ? null : field.toString();
        }

        private void newline() {
            if (text.charAt(pos) == '\r' && pos + 1 < text.length() && text.charAt(pos + 1) == '\n') {
                pos++;
            }
            pos++;
            line++;
        }
    }
}
