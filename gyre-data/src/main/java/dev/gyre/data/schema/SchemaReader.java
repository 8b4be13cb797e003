package dev.gyre.data.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gyre.core.error.GyreException;
import dev.gyre.data.drift.DriftMethod;
import dev.gyre.data.read.GyreType;
import dev.gyre.data.schema.Expectation.Between;
import dev.gyre.data.schema.Expectation.ColumnExpectation;
import dev.gyre.data.schema.Expectation.DatasetExpectation;
import dev.gyre.data.schema.Expectation.InSet;
import dev.gyre.data.schema.Expectation.NotNull;
import dev.gyre.data.schema.Expectation.Regex;
import dev.gyre.data.schema.Expectation.RowCountBetween;
import dev.gyre.data.schema.Expectation.Unique;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns a parsed schema file (a YAML or JSON tree) into a {@link Schema}, checking every key on the way so that a
 * mistake in a hand-edited file fails with its file and key path ({@code columns[3].expectations[0].between.mostly})
 * instead of being ignored: a misspelt key silently dropped is a check silently not run.
 */
final class SchemaReader {

    private static final List<String> TOP_KEYS = List.of("format", "columns", "expectations");
    private static final List<String> COLUMN_KEYS = List.of(
            "name",
            "type",
            "presence",
            "domain",
            "range",
            "allow_nan",
            "allow_infinity",
            "drift",
            "skew",
            "expectations");
    private static final List<String> BOUNDS_KEYS = List.of("min", "max");
    private static final List<String> RULE_KEYS = List.of("method", "threshold");
    private static final Map<String, List<String>> EXPECTATION_KEYS = Map.of(
            "not_null", List.of("mostly"),
            "between", List.of("min", "max", "mostly"),
            "in_set", List.of("values", "mostly"),
            "regex", List.of("pattern", "mostly"),
            "unique", List.of("mostly"),
            "row_count_between", List.of("min", "max"));
    private static final List<String> COLUMN_EXPECTATIONS = List.of("not_null", "between", "in_set", "regex", "unique");

    private final String origin;
    private final RegexSyntax regexes;

    SchemaReader(String origin, RegexSyntax regexes) {
        this.origin = origin;
        this.regexes = regexes;
    }

    Schema read(JsonNode root) {
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new GyreException(
                    dev.gyre.core.error.ErrorCode.INVALID_PARAMETER_VALUE, origin + ": the file is empty");
        }
        mapping(root, "");
        onlyKeys(root, "", TOP_KEYS);
        JsonNode format = root.get("format");
        if (format == null) {
            throw error("format", "required (this version reads " + Schema.FORMAT + ")");
        }
        if (!format.isTextual() || !format.asText().equals(Schema.FORMAT)) {
            throw error("format", "unsupported format " + shown(format) + ", this version reads " + Schema.FORMAT);
        }
        List<ColumnSchema> columns = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        JsonNode columnNodes = root.get("columns");
        if (columnNodes == null) {
            throw error("columns", "required (a list of columns)");
        }
        sequence(columnNodes, "columns");
        for (int i = 0; i < columnNodes.size(); i++) {
            String path = "columns[" + i + "]";
            ColumnSchema column = column(columnNodes.get(i), path);
            String earlier = seen.putIfAbsent(column.name(), path);
            if (earlier != null) {
                throw error(path + ".name", "duplicate column " + quoted(column.name()) + " (also " + earlier + ")");
            }
            columns.add(column);
        }
        List<DatasetExpectation> expectations = new ArrayList<>();
        JsonNode expectationNodes = root.get("expectations");
        if (expectationNodes != null) {
            sequence(expectationNodes, "expectations");
            for (int i = 0; i < expectationNodes.size(); i++) {
                expectations.add(datasetExpectation(expectationNodes.get(i), "expectations[" + i + "]"));
            }
        }
        return new Schema(columns, expectations);
    }

    private ColumnSchema column(JsonNode node, String path) {
        mapping(node, path);
        onlyKeys(node, path, COLUMN_KEYS);
        String name = text(required(node, "name", path), path + ".name");
        if (name.isEmpty()) {
            throw error(path + ".name", "must not be empty");
        }
        String typePath = path + ".type";
        String typeLabel = text(required(node, "type", path), typePath);
        GyreType type = Arrays.stream(GyreType.values())
                .filter(t -> t.label().equals(typeLabel))
                .findFirst()
                .orElseThrow(() -> error(
                        typePath,
                        "unknown type " + quoted(typeLabel) + " (expected one of "
                                + Arrays.stream(GyreType.values())
                                        .map(GyreType::label)
                                        .collect(Collectors.joining(", "))
                                + ")"));
        double presence = node.has("presence") ? fraction(node.get("presence"), path + ".presence") : 0;
        List<String> domain = node.has("domain") ? domain(node.get("domain"), path + ".domain", type) : List.of();
        NumericRange range = null;
        if (node.has("range")) {
            if (type != GyreType.NUMERIC) {
                throw error(path + ".range", "a range needs a numeric column, not " + type.label());
            }
            Double[] bounds = bounds(node.get("range"), path + ".range", true);
            range = new NumericRange(bounds[0], bounds[1]);
        }
        boolean allowNan = !node.has("allow_nan") || bool(node.get("allow_nan"), path + ".allow_nan");
        boolean allowInfinity =
                !node.has("allow_infinity") || bool(node.get("allow_infinity"), path + ".allow_infinity");
        DriftRule drift = node.has("drift") ? rule(node.get("drift"), path + ".drift", type) : null;
        DriftRule skew = node.has("skew") ? rule(node.get("skew"), path + ".skew", type) : null;
        List<ColumnExpectation> expectations = new ArrayList<>();
        if (node.has("expectations")) {
            JsonNode list = node.get("expectations");
            sequence(list, path + ".expectations");
            for (int i = 0; i < list.size(); i++) {
                String itemPath = path + ".expectations[" + i + "]";
                ColumnExpectation expectation = columnExpectation(list.get(i), itemPath);
                String problem = ColumnSchema.unsupported(expectation, type);
                if (problem != null) {
                    throw error(itemPath, problem);
                }
                expectations.add(expectation);
            }
        }
        return new ColumnSchema(
                name, type, presence, domain, range, allowNan, allowInfinity, drift, skew, expectations);
    }

    private List<String> domain(JsonNode node, String path, GyreType type) {
        if (type != GyreType.STRING && type != GyreType.BOOLEAN) {
            throw error(path, "a domain needs a string or boolean column, not " + type.label());
        }
        List<String> values = values(node, path);
        if (type == GyreType.BOOLEAN) {
            for (int i = 0; i < values.size(); i++) {
                if (!values.get(i).equals("true") && !values.get(i).equals("false")) {
                    throw error(
                            path + "[" + i + "]", "a boolean domain holds true or false, was " + quoted(values.get(i)));
                }
            }
        }
        return values;
    }

    /** A non-empty list of scalars, as text (so {@code [1, 2]} is the domain {@code "1", "2"}). */
    private List<String> values(JsonNode node, String path) {
        sequence(node, path);
        if (node.isEmpty()) {
            throw error(path, "must list at least one value");
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode value = node.get(i);
            if (!value.isValueNode() || value.isNull()) {
                throw error(path + "[" + i + "]", "must be a plain value, was " + kind(value));
            }
            values.add(value.asText());
        }
        return values;
    }

    private DriftRule rule(JsonNode node, String path, GyreType type) {
        mapping(node, path);
        onlyKeys(node, path, RULE_KEYS);
        String methodPath = path + ".method";
        String label = text(required(node, "method", path), methodPath);
        DriftMethod method = Arrays.stream(DriftMethod.values())
                .filter(m -> m.name().toLowerCase(Locale.ROOT).equals(label))
                .findFirst()
                .orElseThrow(() -> error(
                        methodPath,
                        "unknown drift method " + quoted(label) + " (expected one of "
                                + Arrays.stream(DriftMethod.values())
                                        .map(m -> m.name().toLowerCase(Locale.ROOT))
                                        .collect(Collectors.joining(", "))
                                + ")"));
        boolean categorical = type == GyreType.STRING || type == GyreType.BOOLEAN;
        if (categorical ? !method.supportsCategorical() : !method.supportsNumeric()) {
            throw error(methodPath, label + " does not apply to a " + type.label() + " column");
        }
        Double threshold = null;
        if (node.has("threshold")) {
            threshold = finite(node.get("threshold"), path + ".threshold");
            if (threshold < 0) {
                throw error(
                        path + ".threshold",
                        "must be >= 0, was " + node.get("threshold").asText());
            }
        }
        return new DriftRule(method, threshold);
    }

    private ColumnExpectation columnExpectation(JsonNode node, String path) {
        String key = expectationKey(node, path);
        if (key.equals("row_count_between")) {
            throw error(
                    path, "row_count_between is a dataset-level expectation: list it under the top-level expectations");
        }
        JsonNode args = arguments(node, key, path);
        String argsPath = path + "." + key;
        double mostly = args.has("mostly") ? fraction(args.get("mostly"), argsPath + ".mostly") : 1;
        return switch (key) {
            case "not_null" -> new NotNull(mostly);
            case "unique" -> new Unique(mostly);
            case "between" -> {
                Double[] bounds = bounds(args, argsPath, false);
                if (bounds[0] == null && bounds[1] == null) {
                    throw error(argsPath, "needs min, max or both");
                }
                yield new Between(bounds[0], bounds[1], mostly);
            }
            case "in_set" -> new InSet(values(required(args, "values", argsPath), argsPath + ".values"), mostly);
            case "regex" -> {
                String patternPath = argsPath + ".pattern";
                String pattern = text(required(args, "pattern", argsPath), patternPath);
                if (pattern.isEmpty()) {
                    throw error(patternPath, "must not be empty");
                }
                String problem = regexes.problem(pattern);
                if (problem != null) {
                    throw error(patternPath, "invalid RE2 regular expression " + quoted(pattern) + ": " + problem);
                }
                yield new Regex(pattern, mostly);
            }
            default -> throw new IllegalStateException(key);
        };
    }

    private DatasetExpectation datasetExpectation(JsonNode node, String path) {
        String key = expectationKey(node, path);
        if (COLUMN_EXPECTATIONS.contains(key)) {
            throw error(path, key + " is a column expectation: list it under the column's expectations");
        }
        JsonNode args = arguments(node, key, path);
        String argsPath = path + "." + key;
        Long min = args.has("min") ? count(args.get("min"), argsPath + ".min") : null;
        Long max = args.has("max") ? count(args.get("max"), argsPath + ".max") : null;
        if (min == null && max == null) {
            throw error(argsPath, "needs min, max or both");
        }
        if (min != null && max != null && min > max) {
            throw error(argsPath, "min " + min + " > max " + max);
        }
        return new RowCountBetween(min, max);
    }

    /** The expectation's name: a plain string, or the single key of a one-key mapping. */
    private String expectationKey(JsonNode node, String path) {
        String key;
        if (node.isTextual()) {
            key = node.asText();
        } else if (node.isObject() && node.size() == 1) {
            key = node.fieldNames().next();
        } else {
            throw error(
                    path,
                    "must be an expectation name or a mapping with one expectation name as its key, was " + kind(node));
        }
        if (!EXPECTATION_KEYS.containsKey(key)) {
            throw error(
                    path,
                    "unknown expectation " + quoted(key) + " (expected one of "
                            + String.join(", ", new java.util.TreeSet<>(EXPECTATION_KEYS.keySet())) + ")");
        }
        return key;
    }

    /** The expectation's argument mapping, checked for unknown keys; empty for the plain-string form. */
    private JsonNode arguments(JsonNode node, String key, String path) {
        if (node.isTextual()) {
            return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        }
        JsonNode args = node.get(key);
        String argsPath = path + "." + key;
        if (args.isNull()) {
            return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        }
        mapping(args, argsPath);
        onlyKeys(args, argsPath, EXPECTATION_KEYS.get(key));
        return args;
    }

    /** {@code min} and {@code max} of a mapping; {@code onlyBounds} when it may hold nothing else. */
    private Double[] bounds(JsonNode node, String path, boolean onlyBounds) {
        mapping(node, path);
        if (onlyBounds) {
            onlyKeys(node, path, BOUNDS_KEYS);
        }
        Double min = node.has("min") ? finite(node.get("min"), path + ".min") : null;
        Double max = node.has("max") ? finite(node.get("max"), path + ".max") : null;
        if (min != null && max != null && min > max) {
            throw error(
                    path,
                    "min " + node.get("min").asText() + " > max "
                            + node.get("max").asText());
        }
        return new Double[] {min, max};
    }

    private JsonNode required(JsonNode node, String key, String path) {
        JsonNode value = node.get(key);
        if (value == null) {
            throw error(child(path, key), "required");
        }
        return value;
    }

    private void mapping(JsonNode node, String path) {
        if (!node.isObject()) {
            throw error(path, "must be a mapping, was " + kind(node));
        }
    }

    private void sequence(JsonNode node, String path) {
        if (!node.isArray()) {
            throw error(path, "must be a list, was " + kind(node));
        }
    }

    private void onlyKeys(JsonNode node, String path, List<String> allowed) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw error(child(path, name), "unknown key (expected one of " + String.join(", ", allowed) + ")");
            }
        }
    }

    private String text(JsonNode node, String path) {
        if (!node.isTextual()) {
            throw error(path, "must be a string, was " + kind(node));
        }
        return node.asText();
    }

    private boolean bool(JsonNode node, String path) {
        if (!node.isBoolean()) {
            throw error(path, "must be true or false, was " + kind(node));
        }
        return node.asBoolean();
    }

    private double finite(JsonNode node, String path) {
        if (!node.isNumber() || !Double.isFinite(node.asDouble())) {
            throw error(path, "must be a finite number, was " + kind(node));
        }
        return node.asDouble();
    }

    private double fraction(JsonNode node, String path) {
        double value = finite(node, path);
        if (value < 0 || value > 1) {
            throw error(path, "must be between 0 and 1, was " + node.asText());
        }
        return value;
    }

    private long count(JsonNode node, String path) {
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() < 0) {
            throw error(path, "must be a whole number >= 0, was " + kind(node));
        }
        return node.asLong();
    }

    private GyreException error(String path, String message) {
        return new GyreException(
                dev.gyre.core.error.ErrorCode.INVALID_PARAMETER_VALUE,
                origin + ": " + (path.isEmpty() ? "" : path + ": ") + message);
    }

    private static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** How a wrong value reads in a message: its kind and, for scalars, the value. */
    private static String kind(JsonNode node) {
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isNull()) {
            return "empty";
        }
        if (node.isTextual()) {
            return "string " + quoted(node.asText());
        }
        if (node.isBoolean()) {
            return "boolean " + node.asText();
        }
        return "number " + node.asText();
    }

    private static String shown(JsonNode node) {
        return node.isTextual() ? quoted(node.asText()) : kind(node);
    }

    private static String quoted(String text) {
        return "'" + text + "'";
    }
}
