package dev.gyre.train.evaluate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The evaluation as JSON ({@code evaluation.json} among a run's artifacts), built field by field so the format is
 * explicit and stable (version {@link #FORMAT_VERSION}) rather than whatever the records' shape happens to be.
 *
 * <p>Numbers that are not finite are written as the strings {@code "NaN"}, {@code "Infinity"} and {@code
 * "-Infinity"}, as MLflow's REST API does: JSON has no such numbers, and {@code null} would lose the difference
 * between "not computed" and "computed as NaN" (an AUC on one class). {@link #readMetrics} reads them back.
 * Field names are snake_case. Stateless and thread-safe.
 */
public final class EvaluationJson {

    /** The version of the format written, in the {@code format_version} field. */
    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private EvaluationJson() {}

    /** The report as a pretty-printed JSON document. */
    public static String write(EvaluationReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format_version", FORMAT_VERSION);
        root.put("title", report.title());
        root.put("task", report.task().label());
        root.put("rows", report.metrics().rows());
        root.set("metrics", metrics(report.metrics().asMap()));
        root.set("details", details(report.metrics()));
        root.set("gate", gate(report.verdict()));
        root.set("comparison", comparison(report.comparison()));
        root.set("slices", slices(report.slices()));
        root.set("worst_errors", worstErrors(report.worstErrors()));
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code metrics} object of a document {@link #write} produced, with {@code "NaN"} read back as NaN. */
    public static Map<String, Double> readMetrics(String json) {
        try {
            JsonNode metrics = MAPPER.readTree(json).path("metrics");
            if (!metrics.isObject()) {
                throw new IllegalArgumentException("not an evaluation document: it has no 'metrics' object");
            }
            Map<String, Double> values = new LinkedHashMap<>();
            metrics.properties().forEach(e -> values.put(e.getKey(), number(e.getValue())));
            return values;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** A number written by this class: a JSON number, or one of the strings NaN, Infinity, -Infinity. */
    static double number(JsonNode node) {
        if (node.isNumber()) {
            return node.doubleValue();
        }
        return switch (node.asText()) {
            case "NaN" -> Double.NaN;
            case "Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> throw new IllegalArgumentException("not a number: " + node);
        };
    }

    private static void put(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        } else {
            node.put(field, Double.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
        }
    }

    private static ObjectNode metrics(Map<String, Double> metrics) {
        ObjectNode node = MAPPER.createObjectNode();
        metrics.forEach((name, value) -> put(node, name, value));
        return node;
    }

    private static ObjectNode details(TaskMetrics metrics) {
        ObjectNode node = MAPPER.createObjectNode();
        switch (metrics) {
            case BinaryMetrics binary -> {
                put(node, "threshold", binary.threshold());
                node.put("positives", binary.positives());
                node.set("confusion", confusion(binary.confusion()));
                node.set("roc", curve(binary.roc(), "fpr", "tpr"));
                node.set("precision_recall", curve(binary.precisionRecall(), "recall", "precision"));
                ArrayNode bins = node.putArray("calibration");
                for (CalibrationBin bin : binary.calibration()) {
                    ObjectNode b = bins.addObject();
                    put(b, "lower", bin.lower());
                    put(b, "upper", bin.upper());
                    b.put("count", bin.count());
                    put(b, "mean_predicted", bin.meanPredicted());
                    put(b, "observed_rate", bin.observedRate());
                }
                strings(node.putArray("notes"), binary.notes());
            }
            case MulticlassMetrics multiclass -> {
                strings(node.putArray("classes"), multiclass.classes());
                node.set("confusion", confusion(multiclass.confusion()));
                ArrayNode classes = node.putArray("per_class");
                for (ClassMetrics c : multiclass.perClass()) {
                    ObjectNode entry = classes.addObject();
                    entry.put("class", c.name());
                    put(entry, "precision", c.precision());
                    put(entry, "recall", c.recall());
                    put(entry, "f1", c.f1());
                    entry.put("support", c.support());
                }
            }
            case RegressionMetrics regression -> {
                node.set("residual_quantiles", metrics(regression.residualQuantiles()));
                ObjectNode histogram = node.putObject("residual_histogram");
                ArrayNode boundaries = histogram.putArray("boundaries");
                regression.residualHistogram().boundaries().forEach(boundaries::add);
                ArrayNode counts = histogram.putArray("counts");
                regression.residualHistogram().counts().forEach(counts::add);
            }
        }
        return node;
    }

    private static ObjectNode confusion(ConfusionMatrix matrix) {
        ObjectNode node = MAPPER.createObjectNode();
        strings(node.putArray("classes"), matrix.classes());
        ArrayNode counts = node.putArray("counts");
        for (List<Long> row : matrix.counts()) {
            ArrayNode r = counts.addArray();
            row.forEach(r::add);
        }
        return node;
    }

    private static ArrayNode curve(List<CurvePoint> points, String x, String y) {
        ArrayNode array = MAPPER.createArrayNode();
        for (CurvePoint point : points) {
            ObjectNode p = array.addObject();
            put(p, x, point.x());
            put(p, y, point.y());
            put(p, "threshold", point.threshold());
        }
        return array;
    }

    private static ObjectNode gate(GateVerdict verdict) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("passed", verdict.passed());
        node.put("summary", verdict.summary());
        ArrayNode checks = node.putArray("checks");
        for (TargetCheck check : verdict.checks()) {
            ObjectNode c = checks.addObject();
            c.put("target", check.target().toString());
            c.put("metric", check.target().metric());
            c.put("status", check.status().label());
            put(c, "measured", check.measured());
            c.put("reason", check.reason());
        }
        return node;
    }

    private static ObjectNode comparison(Comparison comparison) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("model", comparison.model());
        strings(node.putArray("competitors"), comparison.competitors());
        ArrayNode rows = node.putArray("rows");
        for (ComparisonRow row : comparison.rows()) {
            ObjectNode r = rows.addObject();
            r.put("metric", row.metric());
            r.put("direction", row.direction().label());
            put(r, "model", row.model());
            ArrayNode others = r.putArray("others");
            for (ComparisonEntry entry : row.others()) {
                ObjectNode o = others.addObject();
                o.put("name", entry.name());
                put(o, "value", entry.value());
                put(o, "delta", entry.delta());
                o.put("outcome", entry.outcome().name().toLowerCase(Locale.ROOT));
            }
        }
        return node;
    }

    private static ObjectNode slices(SliceAnalysis analysis) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("metric", analysis.metric());
        node.put("rows", analysis.rows());
        put(node, "overall", analysis.overall());
        ObjectNode settings = node.putObject("settings");
        settings.put("max_categories", analysis.settings().maxCategories());
        settings.put("bins", analysis.settings().bins());
        settings.put("min_size", analysis.settings().minSize());
        settings.put("max_worst", analysis.settings().maxWorst());
        node.set("worst", sliceArray(analysis.worst()));
        node.set("slices", sliceArray(analysis.slices()));
        return node;
    }

    private static ArrayNode sliceArray(List<Slice> slices) {
        ArrayNode array = MAPPER.createArrayNode();
        for (Slice slice : slices) {
            ObjectNode s = array.addObject();
            s.put("column", slice.column());
            s.put("value", slice.value());
            s.put("size", slice.size());
            put(s, "metric", slice.metric());
            put(s, "ci_low", slice.ciLow());
            put(s, "ci_high", slice.ciHigh());
            put(s, "gap", slice.gap());
            put(s, "mean_loss", slice.meanLoss());
            s.put("significant", slice.significant());
        }
        return array;
    }

    private static ObjectNode worstErrors(WorstErrors errors) {
        ObjectNode node = MAPPER.createObjectNode();
        strings(node.putArray("columns"), errors.columns());
        ArrayNode rows = node.putArray("rows");
        for (ErrorRow row : errors.rows()) {
            ObjectNode r = rows.addObject();
            r.put("row", row.row());
            put(r, "loss", row.loss());
            r.put("label", row.label());
            r.put("prediction", row.prediction());
            strings(r.putArray("values"), row.values());
        }
        return node;
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
