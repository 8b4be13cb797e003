package dev.gyre.model.features;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gyre.core.error.GyreException;
import dev.gyre.model.features.PipelineStep.BucketMethod;
import dev.gyre.model.features.PipelineStep.ImputeStrategy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Reads and checks the {@code pipeline:} tree; every message names the step and key so users can fix the file. */
final class PipelineSpecReader {

    private static final List<String> TRANSFORMS = List.of(
            "impute", "standardize", "onehot", "ordinal", "frequency", "bucketize", "date_parts", "hash", "drop");

    private final String where;
    private final JsonNode options;

    private PipelineSpecReader(String where, JsonNode options) {
        this.where = where;
        this.options = options;
    }

    static PipelineSpec read(JsonNode tree) {
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            return PipelineSpec.auto();
        }
        if (tree.isTextual()) {
            if (tree.asText().equals("auto")) {
                return PipelineSpec.auto();
            }
            throw GyreException.invalid("pipeline: expected 'auto' or a list of steps, not '" + tree.asText() + "'");
        }
        if (!tree.isArray()) {
            throw GyreException.invalid("pipeline: expected 'auto' or a list of steps such as "
                    + "'- impute: {columns: [income], strategy: median}'");
        }
        List<PipelineStep> steps = new ArrayList<>();
        for (int i = 0; i < tree.size(); i++) {
            steps.add(step(i + 1, tree.get(i)));
        }
        return new PipelineSpec(steps);
    }

    private static PipelineStep step(int number, JsonNode node) {
        if (!node.isObject() || node.size() != 1) {
            throw GyreException.invalid("pipeline step " + number
                    + ": expected one transform with its options, e.g. '- standardize: {columns: [income]}'");
        }
        Map.Entry<String, JsonNode> only = node.properties().iterator().next();
        String transform = only.getKey();
        if (!TRANSFORMS.contains(transform)) {
            throw GyreException.invalid("pipeline step " + number + ": unknown transform '" + transform
                    + "' (expected one of " + String.join(", ", TRANSFORMS) + ")");
        }
        String where = "pipeline step " + number + " (" + transform + ")";
        if (!only.getValue().isObject()) {
            throw GyreException.invalid(where + ": expected options such as '{columns: [...]}'");
        }
        return new PipelineSpecReader(where, only.getValue()).step(transform);
    }

    private PipelineStep step(String transform) {
        return switch (transform) {
            case "impute" -> impute();
            case "standardize" -> {
                allow();
                yield new PipelineStep.Standardize(columns());
            }
            case "onehot" -> {
                allow("max_categories", "min_frequency");
                yield new PipelineStep.OneHot(
                        columns(), positiveInt("max_categories", Integer.MAX_VALUE), positiveInt("min_frequency", 1));
            }
            case "ordinal" -> {
                allow();
                yield new PipelineStep.Ordinal(columns());
            }
            case "frequency" -> {
                allow();
                yield new PipelineStep.Frequency(columns());
            }
            case "bucketize" -> bucketize();
            case "date_parts" -> {
                allow("parts");
                yield new PipelineStep.DateParts(columns(), parts());
            }
            case "hash" -> hash();
            case "drop" -> {
                allow();
                yield new PipelineStep.Drop(columns());
            }
            default -> throw new IllegalStateException(transform);
        };
    }

    private PipelineStep impute() {
        allow("strategy", "value");
        String text = text("strategy", "median");
        ImputeStrategy strategy;
        try {
            strategy = ImputeStrategy.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw fail("'strategy' is '" + text + "' (expected median, mean, most_frequent or constant)");
        }
        if (!text.equals(text.toLowerCase(Locale.ROOT))) {
            throw fail("'strategy' is '" + text + "' (expected median, mean, most_frequent or constant)");
        }
        JsonNode value = options.get("value");
        if (strategy == ImputeStrategy.CONSTANT) {
            if (value == null || !value.isNumber() || !Double.isFinite(value.asDouble())) {
                throw fail("strategy constant needs 'value', a finite number");
            }
            return new PipelineStep.Impute(columns(), strategy, value.asDouble());
        }
        if (value != null) {
            throw fail("'value' goes with strategy constant only");
        }
        return new PipelineStep.Impute(columns(), strategy, Double.NaN);
    }

    private PipelineStep bucketize() {
        allow("buckets", "method", "edges");
        JsonNode edges = options.get("edges");
        if (edges != null) {
            if (options.has("buckets") || options.has("method")) {
                throw fail("give either 'edges' or 'buckets' (with 'method'), not both");
            }
            if (!edges.isArray() || edges.isEmpty()) {
                throw fail("'edges' must be a non-empty list of numbers");
            }
            List<Double> values = new ArrayList<>();
            for (JsonNode edge : edges) {
                if (!edge.isNumber() || !Double.isFinite(edge.asDouble())) {
                    throw fail("'edges' must be a non-empty list of numbers");
                }
                if (!values.isEmpty() && edge.asDouble() <= values.getLast()) {
                    throw fail("'edges' must be strictly increasing");
                }
                values.add(edge.asDouble());
            }
            return new PipelineStep.Bucketize(columns(), values.size() + 1, BucketMethod.QUANTILE, values);
        }
        int buckets = positiveInt("buckets", 10);
        if (buckets < 2) {
            throw fail("'buckets' must be at least 2");
        }
        String method = text("method", "quantile");
        BucketMethod parsed =
                switch (method) {
                    case "quantile" -> BucketMethod.QUANTILE;
                    case "width" -> BucketMethod.WIDTH;
                    default -> throw fail("'method' is '" + method + "' (expected quantile or width)");
                };
        return new PipelineStep.Bucketize(columns(), buckets, parsed, List.of());
    }

    private PipelineStep hash() {
        allow("buckets");
        if (!options.has("buckets")) {
            throw fail("'buckets' is required: the number of hash buckets, e.g. 64");
        }
        int buckets = positiveInt("buckets", 0);
        if (buckets > PipelineStep.Hash.MAX_BUCKETS) {
            throw fail("'buckets' must be at most " + PipelineStep.Hash.MAX_BUCKETS);
        }
        return new PipelineStep.Hash(columns(), buckets);
    }

    private List<DatePart> parts() {
        JsonNode node = options.get("parts");
        if (node == null) {
            return PipelineStep.DateParts.DEFAULT_PARTS;
        }
        String expected = " (expected a list of year, month, day, day_of_week, day_of_year, hour, minute)";
        if (!node.isArray() || node.isEmpty()) {
            throw fail("'parts' must be a non-empty list" + expected);
        }
        List<DatePart> parts = new ArrayList<>();
        for (JsonNode item : node) {
            DatePart part = item.isTextual() ? DatePart.ofLabel(item.asText()) : null;
            if (part == null) {
                throw fail("'parts' has unknown part '" + item.asText() + "'" + expected);
            }
            if (parts.contains(part)) {
                throw fail("'parts' lists '" + part.label() + "' twice");
            }
            parts.add(part);
        }
        return parts;
    }

    private List<String> columns() {
        JsonNode node = options.get("columns");
        if (node == null) {
            throw fail("'columns' is required: a list of column names");
        }
        if (!node.isArray() || node.isEmpty()) {
            throw fail("'columns' must be a non-empty list of column names");
        }
        List<String> columns = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode item : node) {
            if (!item.isTextual() || item.asText().isEmpty()) {
                throw fail("'columns' must be a non-empty list of column names");
            }
            if (!seen.add(item.asText())) {
                throw fail("'columns' lists '" + item.asText() + "' twice");
            }
            columns.add(item.asText());
        }
        return columns;
    }

    /** Refuses any key but {@code columns} and {@code allowed}. */
    private void allow(String... allowed) {
        List<String> known = new ArrayList<>(List.of("columns"));
        known.addAll(List.of(allowed));
        for (String key : (Iterable<String>) () -> options.fieldNames()) {
            if (!known.contains(key)) {
                throw fail("unknown option '" + key + "' (expected " + String.join(", ", known) + ")");
            }
        }
    }

    private String text(String key, String fallback) {
        JsonNode node = options.get(key);
        if (node == null) {
            return fallback;
        }
        if (!node.isTextual()) {
            throw fail("'" + key + "' must be a word, not " + node);
        }
        return node.asText();
    }

    private int positiveInt(String key, int fallback) {
        JsonNode node = options.get(key);
        if (node == null) {
            return fallback;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < 1) {
            throw fail("'" + key + "' must be a whole number of at least 1, not " + node);
        }
        return node.asInt();
    }

    private GyreException fail(String message) {
        return GyreException.invalid(where + ": " + message);
    }
}
