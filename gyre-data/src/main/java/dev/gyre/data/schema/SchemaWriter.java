package dev.gyre.data.schema;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gyre.data.read.GyreType;
import dev.gyre.data.schema.Expectation.Between;
import dev.gyre.data.schema.Expectation.InSet;
import dev.gyre.data.schema.Expectation.NotNull;
import dev.gyre.data.schema.Expectation.Regex;
import dev.gyre.data.schema.Expectation.RowCountBetween;
import dev.gyre.data.schema.Expectation.Unique;
import java.util.List;
import java.util.Locale;

/**
 * The tree form of a {@link Schema}, the inverse of {@link SchemaReader}: keys in a fixed order and defaults left
 * out (presence 0, NaN/∞ allowed, {@code mostly: 1}), so files stay short and diffs between versions small.
 */
final class SchemaWriter {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SchemaWriter() {}

    static ObjectNode tree(Schema schema) {
        ObjectNode root = NODES.objectNode();
        root.put("format", Schema.FORMAT);
        ArrayNode columns = root.putArray("columns");
        schema.columns().forEach(column -> columns.add(column(column)));
        if (!schema.expectations().isEmpty()) {
            ArrayNode expectations = root.putArray("expectations");
            for (Expectation.DatasetExpectation expectation : schema.expectations()) {
                expectations.add(expectation(expectation));
            }
        }
        return root;
    }

    private static ObjectNode column(ColumnSchema column) {
        ObjectNode node = NODES.objectNode();
        node.put("name", column.name());
        node.put("type", column.type().label());
        if (column.presence() > 0) {
            node.put("presence", column.presence());
        }
        if (!column.domain().isEmpty()) {
            strings(node.putArray("domain"), column.domain());
        }
        if (column.range() != null) {
            bounds(node.putObject("range"), column.range().min(), column.range().max());
        }
        if (column.type() == GyreType.NUMERIC || !column.allowNan()) {
            node.put("allow_nan", column.allowNan());
        }
        if (column.type() == GyreType.NUMERIC || !column.allowInfinity()) {
            node.put("allow_infinity", column.allowInfinity());
        }
        if (column.drift() != null) {
            rule(node.putObject("drift"), column.drift());
        }
        if (column.skew() != null) {
            rule(node.putObject("skew"), column.skew());
        }
        if (!column.expectations().isEmpty()) {
            ArrayNode expectations = node.putArray("expectations");
            column.expectations().forEach(expectation -> expectations.add(expectation(expectation)));
        }
        return node;
    }

    private static ObjectNode expectation(Expectation expectation) {
        ObjectNode node = NODES.objectNode();
        ObjectNode args = node.putObject(expectation.key());
        switch (expectation) {
            case NotNull n -> {}
            case Unique u -> {}
            case Between b -> bounds(args, b.min(), b.max());
            case InSet s -> strings(args.putArray("values"), s.values());
            case Regex r -> args.put("pattern", r.pattern());
            case RowCountBetween r -> {
                if (r.min() != null) {
                    args.put("min", r.min());
                }
                if (r.max() != null) {
                    args.put("max", r.max());
                }
            }
        }
        if (expectation instanceof Expectation.ColumnExpectation column && column.mostly() < 1) {
            args.put("mostly", column.mostly());
        }
        return node;
    }

    private static void bounds(ObjectNode node, Double min, Double max) {
        if (min != null) {
            number(node, "min", min);
        }
        if (max != null) {
            number(node, "max", max);
        }
    }

    /** Whole numbers as integers, so a range reads {@code min: 0}, not {@code min: 0.0}. */
    private static void number(ObjectNode node, String key, double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            node.put(key, (long) value);
        } else {
            node.put(key, value);
        }
    }

    private static void rule(ObjectNode node, DriftRule rule) {
        node.put("method", rule.method().name().toLowerCase(Locale.ROOT));
        if (rule.threshold() != null) {
            node.put("threshold", rule.threshold());
        }
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
