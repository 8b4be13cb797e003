package dev.gyre.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gyre.core.registry.ModelAlias;
import dev.gyre.core.registry.ModelVersion;
import dev.gyre.core.registry.ModelVersionStatus;
import dev.gyre.core.registry.RegisteredModel;
import dev.gyre.core.registry.Stage;
import dev.gyre.core.tracking.Dataset;
import dev.gyre.core.tracking.DatasetInput;
import dev.gyre.core.tracking.Experiment;
import dev.gyre.core.tracking.LifecycleStage;
import dev.gyre.core.tracking.Metric;
import dev.gyre.core.tracking.Param;
import dev.gyre.core.tracking.Run;
import dev.gyre.core.tracking.RunData;
import dev.gyre.core.tracking.RunInfo;
import dev.gyre.core.tracking.RunStatus;
import dev.gyre.core.tracking.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * MLflow's JSON shapes for experiments, runs and registered models, both ways: parsing what a tracking server
 * returns into Gyre's domain records, and writing records back out for {@code --json}. Field names are MLflow's
 * ({@code experiment_id}, {@code run_uuid}…), metric values may be {@code "NaN"}/{@code "Infinity"}, int64s may be
 * strings, as MLflow's protobuf-JSON allows.
 */
public final class MlflowJson {

    private final ObjectMapper mapper = new ObjectMapper();

    public ObjectNode object() {
        return mapper.createObjectNode();
    }

    public ArrayNode array() {
        return mapper.createArrayNode();
    }

    public String pretty(JsonNode node) {
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Cannot print JSON", e);
        }
    }

    // ---- parsing -------------------------------------------------------------------------------------------

    public static Experiment experiment(JsonNode n) {
        return new Experiment(
                n.path("experiment_id").asText(),
                n.path("name").asText(),
                text(n, "artifact_location"),
                LifecycleStage.fromWire(n.path("lifecycle_stage").asText("active")),
                n.path("creation_time").asLong(),
                n.path("last_update_time").asLong(),
                list(n.path("tags"), MlflowJson::tag));
    }

    public static Run run(JsonNode n) {
        JsonNode info = n.path("info");
        JsonNode data = n.path("data");
        RunInfo runInfo = new RunInfo(
                info.hasNonNull("run_id")
                        ? info.get("run_id").asText()
                        : info.path("run_uuid").asText(),
                text(info, "run_name"),
                info.path("experiment_id").asText(),
                text(info, "user_id"),
                RunStatus.valueOf(info.path("status").asText("RUNNING")),
                info.path("start_time").asLong(),
                info.hasNonNull("end_time") ? info.get("end_time").asLong() : null,
                text(info, "artifact_uri"),
                LifecycleStage.fromWire(info.path("lifecycle_stage").asText("active")));
        RunData runData = new RunData(
                list(data.path("metrics"), MlflowJson::metric),
                list(
                        data.path("params"),
                        p -> new Param(p.path("key").asText(), p.path("value").asText())),
                list(data.path("tags"), MlflowJson::tag));
        return new Run(runInfo, runData, list(n.path("inputs").path("dataset_inputs"), MlflowJson::datasetInput));
    }

    public static Metric metric(JsonNode m) {
        JsonNode value = m.path("value");
        double v = value.isNumber()
                ? value.asDouble()
                : switch (value.asText()) {
                    case "NaN" -> Double.NaN;
                    case "Infinity" -> Double.POSITIVE_INFINITY;
                    case "-Infinity" -> Double.NEGATIVE_INFINITY;
                    default -> Double.parseDouble(value.asText());
                };
        return new Metric(
                m.path("key").asText(),
                v,
                m.path("timestamp").asLong(),
                m.path("step").asLong());
    }

    public static RegisteredModel registeredModel(JsonNode n) {
        return new RegisteredModel(
                n.path("name").asText(),
                n.path("creation_timestamp").asLong(),
                n.path("last_updated_timestamp").asLong(),
                text(n, "user_id"),
                text(n, "description"),
                list(n.path("latest_versions"), MlflowJson::modelVersion),
                list(n.path("tags"), MlflowJson::tag),
                list(
                        n.path("aliases"),
                        a -> new ModelAlias(
                                a.path("alias").asText(), a.path("version").asLong())));
    }

    public static ModelVersion modelVersion(JsonNode n) {
        return new ModelVersion(
                n.path("name").asText(),
                n.path("version").asLong(),
                n.path("creation_timestamp").asLong(),
                n.path("last_updated_timestamp").asLong(),
                text(n, "user_id"),
                Stage.fromWire(n.path("current_stage").asText("None")),
                text(n, "description"),
                text(n, "source"),
                text(n, "run_id"),
                ModelVersionStatus.valueOf(n.path("status").asText("READY")),
                text(n, "status_message"),
                text(n, "run_link"),
                list(n.path("tags"), MlflowJson::tag),
                list(n.path("aliases"), JsonNode::asText));
    }

    private static DatasetInput datasetInput(JsonNode n) {
        JsonNode d = n.path("dataset");
        return new DatasetInput(
                new Dataset(
                        d.path("name").asText(),
                        d.path("digest").asText(),
                        text(d, "source_type"),
                        text(d, "source"),
                        text(d, "schema"),
                        text(d, "profile")),
                list(n.path("tags"), MlflowJson::tag));
    }

    private static Tag tag(JsonNode t) {
        return new Tag(t.path("key").asText(), t.path("value").asText());
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }

    private static <T> List<T> list(JsonNode array, Function<JsonNode, T> parse) {
        List<T> items = new ArrayList<>();
        if (array.isArray()) {
            array.forEach(item -> items.add(parse.apply(item)));
        }
        return items;
    }

    // ---- writing -------------------------------------------------------------------------------------------

    public ObjectNode write(Experiment e) {
        ObjectNode n = object().put("experiment_id", e.experimentId())
                .put("name", e.name())
                .put("artifact_location", e.artifactLocation())
                .put("lifecycle_stage", e.lifecycleStage().wireName())
                .put("creation_time", e.creationTime())
                .put("last_update_time", e.lastUpdateTime());
        n.set("tags", tags(e.tags()));
        return n;
    }

    public ObjectNode write(Run r) {
        RunInfo i = r.info();
        ObjectNode info = object().put("run_id", i.runId())
                .put("run_uuid", i.runId())
                .put("run_name", i.runName())
                .put("experiment_id", i.experimentId())
                .put("user_id", i.userId())
                .put("status", i.status().name())
                .put("start_time", i.startTime())
                .put("artifact_uri", i.artifactUri())
                .put("lifecycle_stage", i.lifecycleStage().wireName());
        if (i.endTime() != null) {
            info.put("end_time", i.endTime());
        }
        ObjectNode data = object();
        ArrayNode metrics = data.putArray("metrics");
        for (Metric m : r.data().metrics()) {
            ObjectNode metric = metrics.addObject().put("key", m.key());
            if (Double.isFinite(m.value())) {
                metric.put("value", m.value());
            } else {
                metric.put("value", Double.isNaN(m.value()) ? "NaN" : m.value() > 0 ? "Infinity" : "-Infinity");
            }
            metric.put("timestamp", m.timestamp()).put("step", m.step());
        }
        ArrayNode params = data.putArray("params");
        r.data().params().forEach(p -> params.addObject().put("key", p.key()).put("value", p.value()));
        data.set("tags", tags(r.data().tags()));
        ObjectNode run = object();
        run.set("info", info);
        run.set("data", data);
        ArrayNode inputs = run.putObject("inputs").putArray("dataset_inputs");
        for (DatasetInput input : r.inputs()) {
            ObjectNode entry = inputs.addObject();
            entry.set("tags", tags(input.tags()));
            Dataset d = input.dataset();
            entry.putObject("dataset")
                    .put("name", d.name())
                    .put("digest", d.digest())
                    .put("source_type", d.sourceType())
                    .put("source", d.source())
                    .put("schema", d.schema())
                    .put("profile", d.profile());
        }
        return run;
    }

    public ObjectNode write(RegisteredModel m) {
        ObjectNode n = object().put("name", m.name())
                .put("creation_timestamp", m.creationTimestamp())
                .put("last_updated_timestamp", m.lastUpdatedTimestamp())
                .put("user_id", m.userId())
                .put("description", m.description());
        ArrayNode versions = n.putArray("latest_versions");
        for (ModelVersion v : m.latestVersions()) {
            ObjectNode version = versions.addObject()
                    .put("name", v.name())
                    .put("version", Long.toString(v.version()))
                    .put("creation_timestamp", v.creationTimestamp())
                    .put("current_stage", v.currentStage().wireName())
                    .put("source", v.source())
                    .put("run_id", v.runId())
                    .put("status", v.status().name());
            ArrayNode aliases = version.putArray("aliases");
            v.aliases().forEach(aliases::add);
        }
        n.set("tags", tags(m.tags()));
        ArrayNode aliases = n.putArray("aliases");
        m.aliases()
                .forEach(a -> aliases.addObject().put("alias", a.alias()).put("version", Long.toString(a.version())));
        return n;
    }

    private ArrayNode tags(List<Tag> tags) {
        ArrayNode array = array();
        tags.forEach(t -> array.addObject().put("key", t.key()).put("value", t.value()));
        return array;
    }
}
