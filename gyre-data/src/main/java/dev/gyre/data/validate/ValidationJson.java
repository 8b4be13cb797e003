package dev.gyre.data.validate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gyre.data.quality.Severity;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON form of a {@link ValidationReport}, the one place its shape is defined: {@code passed}, counts per
 * severity, anomalies ({@code kind}, {@code severity}, {@code column} or {@code null}, {@code message},
 * {@code evidence}) and skipped checks, snake_case throughout. Non-finite numbers are written as {@code null}.
 * Instances hold their own {@link ObjectMapper} and are thread-safe.
 */
public final class ValidationJson {

    private final ObjectMapper mapper = new ObjectMapper();

    /** The report, pretty-printed; {@code dataset} names what was validated. */
    public String write(ValidationReport report, String dataset) {
        ObjectNode root = mapper.createObjectNode();
        root.put("dataset", dataset);
        root.put("passed", report.passed());
        root.put("row_count", report.rowCount());
        root.put("rows_checked", report.rowsChecked());
        root.put("errors", report.count(Severity.ERROR));
        root.put("warnings", report.count(Severity.WARNING));
        root.put("infos", report.count(Severity.INFO));
        ArrayNode anomalies = root.putArray("anomalies");
        for (Anomaly anomaly : report.anomalies()) {
            ObjectNode node = anomalies.addObject();
            node.put("kind", anomaly.kind().label());
            node.put("severity", anomaly.severity().name().toLowerCase(Locale.ROOT));
            node.put("column", anomaly.column());
            node.put("message", anomaly.message());
            ObjectNode evidence = node.putObject("evidence");
            anomaly.evidence().forEach((key, value) -> put(evidence, key, value));
        }
        ArrayNode skipped = root.putArray("skipped");
        for (SkippedCheck check : report.skipped()) {
            skipped.addObject()
                    .put("column", check.column())
                    .put("check", check.check())
                    .put("reason", check.reason());
        }
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain nodes always serialises", e);
        }
    }

    private static void put(ObjectNode node, String key, Object value) {
        switch (value) {
            case Double d when !Double.isFinite(d) -> node.putNull(key);
            case Double d -> node.put(key, d);
            case Long l -> node.put(key, l);
            case Integer i -> node.put(key, i);
            case Boolean b -> node.put(key, b);
            case List<?> list -> {
                ArrayNode array = node.putArray(key);
                for (Object item : list) {
                    if (item instanceof ValueCount(String v, long count)) {
                        array.addObject().put("value", v).put("count", count);
                    } else {
                        array.add(String.valueOf(item));
                    }
                }
            }
            case Map<?, ?> map -> {
                ObjectNode child = node.putObject(key);
                map.forEach((k, v) -> put(child, String.valueOf(k), v));
            }
            default -> node.put(key, String.valueOf(value));
        }
    }
}
