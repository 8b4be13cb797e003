package dev.gyre.model.pack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gyre.core.error.GyreException;
import dev.gyre.model.MetricTarget;
import dev.gyre.model.Task;
import dev.gyre.model.frame.ValueKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads and writes {@code gyre-model.json}. Written by hand on Jackson's tree model, as the pipeline file is: the
 * file is a contract that later versions must keep reading, not a dump of classes. Metrics that are not finite are
 * written as {@code null} and read back as {@code NaN}.
 */
final class ManifestJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ManifestJson() {}

    static String write(PackageManifest manifest) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", ModelPackage.FORMAT_PREFIX + manifest.formatVersion());
        root.put("name", manifest.name());
        root.put("task", manifest.task().label());
        root.put("target", manifest.target());
        ArrayNode classes = root.putArray("classes");
        manifest.classes().forEach(classes::add);
        root.put("threshold", manifest.threshold());
        root.put("runtime", manifest.runtime());
        root.put("model_file", manifest.modelFile());
        ObjectNode signature = root.putObject("signature");
        writeFields(signature.putArray("inputs"), manifest.signature().inputs());
        writeFields(signature.putArray("outputs"), manifest.signature().outputs());
        ObjectNode targets = root.putObject("targets");
        ArrayNode quality = targets.putArray("quality");
        manifest.qualityTargets().forEach(t -> quality.add(t.toString()));
        ArrayNode serving = targets.putArray("serving");
        manifest.servingTargets().forEach(t -> serving.add(t.toString()));
        ObjectNode metrics = root.putObject("metrics");
        new TreeMap<>(manifest.metrics()).forEach((key, value) -> {
            if (Double.isFinite(value)) {
                metrics.put(key, value);
            } else {
                metrics.putNull(key);
            }
        });
        writeLineage(root.putObject("lineage"), manifest.lineage());
        root.put("created_at", manifest.createdAt());
        root.put("gyre_version", manifest.gyreVersion());
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }

    private static void writeFields(ArrayNode array, List<Signature.Field> fields) {
        for (Signature.Field field : fields) {
            ObjectNode node = array.addObject();
            node.put("name", field.name());
            node.put("kind", field.kind().label());
            node.put("required", field.required());
        }
    }

    private static void writeLineage(ObjectNode node, Lineage lineage) {
        node.put("project", lineage.project());
        node.put("project_digest", lineage.projectDigest());
        node.put("run_id", lineage.runId());
        node.put("git_commit", lineage.gitCommit());
        node.put("seed", lineage.seed());
        node.put("trainer", lineage.trainer());
        ObjectNode params = node.putObject("params");
        new TreeMap<>(lineage.params()).forEach(params::put);
        ArrayNode datasets = node.putArray("datasets");
        for (Lineage.DatasetUse use : lineage.datasets()) {
            ObjectNode dataset = datasets.addObject();
            dataset.put("role", use.role());
            dataset.put("name", use.name());
            if (use.version() == null) {
                dataset.putNull("version");
            } else {
                dataset.put("version", use.version());
            }
            dataset.put("digest", use.digest());
            dataset.put("source", use.source());
            dataset.put("rows", use.rows());
        }
    }

    /** The manifest in {@code json}; {@code where} names the file in error messages. */
    static PackageManifest read(String json, String where) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw GyreException.invalid(where + ": not JSON (" + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw GyreException.invalid(where + ": expected a JSON object");
        }
        Fields fields = new Fields(root, where);
        int version = formatVersion(fields.text("format"), where);
        try {
            JsonNode signature = fields.object("signature");
            JsonNode targets = fields.object("targets");
            JsonNode lineage = fields.object("lineage");
            return new PackageManifest(
                    version,
                    fields.text("name"),
                    Task.ofLabel(fields.text("task")),
                    fields.text("target"),
                    texts(fields.array("classes")),
                    fields.number("threshold"),
                    fields.text("runtime"),
                    fields.text("model_file"),
                    new Signature(
                            readFields(new Fields(signature, where + " signature").array("inputs")),
                            readFields(new Fields(signature, where + " signature").array("outputs"))),
                    targets(new Fields(targets, where + " targets").array("quality")),
                    targets(new Fields(targets, where + " targets").array("serving")),
                    metrics(fields.object("metrics")),
                    readLineage(new Fields(lineage, where + " lineage")),
                    fields.text("created_at"),
                    fields.text("gyre_version"));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw GyreException.invalid(where + ": " + e.getMessage());
        }
    }

    private static int formatVersion(String format, String where) {
        if (!format.startsWith(ModelPackage.FORMAT_PREFIX)) {
            throw GyreException.invalid(where + ": format '" + format + "' is not a Gyre model package");
        }
        int version;
        try {
            version = Integer.parseInt(format.substring(ModelPackage.FORMAT_PREFIX.length()));
        } catch (NumberFormatException e) {
            throw GyreException.invalid(where + ": format '" + format + "' has no version number");
        }
        if (version < 1 || version > ModelPackage.FORMAT_VERSION) {
            throw GyreException.invalid(where + ": package format " + format + " is newer than this Gyre reads ("
                    + ModelPackage.FORMAT_PREFIX + "1 to " + ModelPackage.FORMAT_PREFIX + ModelPackage.FORMAT_VERSION
                    + "); upgrade Gyre to load it");
        }
        return version;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static List<Signature.Field> readFields(JsonNode array) {
        List<Signature.Field> fields = new ArrayList<>();
        for (JsonNode node : array) {
            fields.add(new Signature.Field(
                    node.path("name").asText(),
                    ValueKind.ofLabel(node.path("kind").asText()),
                    node.path("required").asBoolean(true)));
        }
        return fields;
    }

    private static List<MetricTarget> targets(JsonNode array) {
        List<MetricTarget> targets = new ArrayList<>();
        array.forEach(node -> targets.add(MetricTarget.parse(node.asText())));
        return targets;
    }

    private static Map<String, Double> metrics(JsonNode object) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        object.properties()
                .forEach(e -> metrics.put(
                        e.getKey(), e.getValue().isNumber() ? e.getValue().asDouble() : Double.NaN));
        return metrics;
    }

    private static Lineage readLineage(Fields fields) {
        Map<String, String> params = new TreeMap<>();
        fields.object("params")
                .properties()
                .forEach(e -> params.put(e.getKey(), e.getValue().asText()));
        List<Lineage.DatasetUse> datasets = new ArrayList<>();
        for (JsonNode node : fields.array("datasets")) {
            datasets.add(new Lineage.DatasetUse(
                    node.path("role").asText(),
                    node.path("name").isNull() ? null : node.path("name").asText(),
                    node.path("version").isNull() ? null : node.path("version").asLong(),
                    node.path("digest").asText(),
                    node.path("source").asText(),
                    node.path("rows").asLong()));
        }
        return new Lineage(
                fields.text("project"),
                fields.optionalText("project_digest"),
                fields.optionalText("run_id"),
                fields.optionalText("git_commit"),
                fields.number("seed") == Math.rint(fields.number("seed")) ? (long) fields.number("seed") : 0,
                fields.text("trainer"),
                params,
                datasets);
    }

    /** Required-field access that names the file and the field when one is missing or of the wrong type. */
    private record Fields(JsonNode node, String where) {

        String text(String name) {
            JsonNode value = node.get(name);
            if (value == null || !value.isTextual()) {
                throw GyreException.invalid(where + ": field '" + name + "' must be a string");
            }
            return value.asText();
        }

        String optionalText(String name) {
            JsonNode value = node.get(name);
            return value == null || value.isNull() ? null : text(name);
        }

        double number(String name) {
            JsonNode value = node.get(name);
            if (value == null || !value.isNumber()) {
                throw GyreException.invalid(where + ": field '" + name + "' must be a number");
            }
            return value.asDouble();
        }

        JsonNode object(String name) {
            JsonNode value = node.get(name);
            if (value == null || !value.isObject()) {
                throw GyreException.invalid(where + ": field '" + name + "' must be an object");
            }
            return value;
        }

        JsonNode array(String name) {
            JsonNode value = node.get(name);
            if (value == null || !value.isArray()) {
                throw GyreException.invalid(where + ": field '" + name + "' must be an array");
            }
            return value;
        }
    }
}
