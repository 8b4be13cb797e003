package dev.gyre.server.json;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.gyre.core.registry.ModelAlias;
import dev.gyre.core.registry.ModelVersion;
import dev.gyre.core.registry.RegisteredModel;
import dev.gyre.core.tracking.Dataset;
import dev.gyre.core.tracking.DatasetInput;
import dev.gyre.core.tracking.Experiment;
import dev.gyre.core.tracking.Metric;
import dev.gyre.core.tracking.Param;
import dev.gyre.core.tracking.Run;
import dev.gyre.core.tracking.RunInfo;
import dev.gyre.core.tracking.Tag;
import dev.gyre.store.artifact.ArtifactStore.FileInfo;
import java.io.IOException;
import java.util.List;

/**
 * Writes domain records as MLflow's REST API JSON, i.e. what MLflow's {@code message_to_json} makes of its protos:
 * snake_case names, absent (null) fields and empty lists omitted, int64 fields as JSON numbers, ids and model
 * versions as strings, non-finite doubles as {@code "NaN"} / {@code "Infinity"} / {@code "-Infinity"}, and
 * {@code RunInfo} carrying both {@code run_id} and the deprecated {@code run_uuid}.
 */
public final class MlflowWire {

    private MlflowWire() {}

    // ---- tracking

    public static void experiment(JsonGenerator g, Experiment e) throws IOException {
        g.writeStartObject();
        g.writeStringField("experiment_id", e.experimentId());
        g.writeStringField("name", e.name());
        stringIfPresent(g, "artifact_location", e.artifactLocation());
        g.writeStringField("lifecycle_stage", e.lifecycleStage().wireName());
        g.writeNumberField("last_update_time", e.lastUpdateTime());
        g.writeNumberField("creation_time", e.creationTime());
        tags(g, "tags", e.tags());
        g.writeEndObject();
    }

    public static void run(JsonGenerator g, Run run) throws IOException {
        g.writeStartObject();
        g.writeFieldName("info");
        runInfo(g, run.info());
        g.writeFieldName("data");
        g.writeStartObject();
        if (!run.data().metrics().isEmpty()) {
            g.writeArrayFieldStart("metrics");
            for (Metric m : run.data().metrics()) {
                metric(g, m);
            }
            g.writeEndArray();
        }
        if (!run.data().params().isEmpty()) {
            g.writeArrayFieldStart("params");
            for (Param p : run.data().params()) {
                keyValue(g, p.key(), p.value());
            }
            g.writeEndArray();
        }
        tags(g, "tags", run.data().tags());
        g.writeEndObject();
        g.writeFieldName("inputs");
        g.writeStartObject();
        if (!run.inputs().isEmpty()) {
            g.writeArrayFieldStart("dataset_inputs");
            for (DatasetInput input : run.inputs()) {
                datasetInput(g, input);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    public static void runInfo(JsonGenerator g, RunInfo info) throws IOException {
        g.writeStartObject();
        g.writeStringField("run_id", info.runId());
        g.writeStringField("run_uuid", info.runId());
        stringIfPresent(g, "run_name", info.runName());
        g.writeStringField("experiment_id", info.experimentId());
        stringIfPresent(g, "user_id", info.userId());
        g.writeStringField("status", info.status().name());
        g.writeNumberField("start_time", info.startTime());
        if (info.endTime() != null) {
            g.writeNumberField("end_time", info.endTime());
        }
        stringIfPresent(g, "artifact_uri", info.artifactUri());
        g.writeStringField("lifecycle_stage", info.lifecycleStage().wireName());
        g.writeEndObject();
    }

    public static void metric(JsonGenerator g, Metric m) throws IOException {
        g.writeStartObject();
        g.writeStringField("key", m.key());
        doubleField(g, "value", m.value());
        g.writeNumberField("timestamp", m.timestamp());
        g.writeNumberField("step", m.step());
        g.writeEndObject();
    }

    /** A metric with its run, as {@code metrics/get-history-bulk} returns it. */
    public static void metricWithRun(JsonGenerator g, Metric m, String runId) throws IOException {
        g.writeStartObject();
        g.writeStringField("key", m.key());
        doubleField(g, "value", m.value());
        g.writeNumberField("timestamp", m.timestamp());
        g.writeNumberField("step", m.step());
        g.writeStringField("run_id", runId);
        g.writeEndObject();
    }

    public static void datasetInput(JsonGenerator g, DatasetInput input) throws IOException {
        g.writeStartObject();
        tags(g, "tags", input.tags());
        Dataset d = input.dataset();
        g.writeObjectFieldStart("dataset");
        g.writeStringField("name", d.name());
        g.writeStringField("digest", d.digest());
        g.writeStringField("source_type", d.sourceType());
        g.writeStringField("source", d.source());
        stringIfPresent(g, "schema", d.schema());
        stringIfPresent(g, "profile", d.profile());
        g.writeEndObject();
        g.writeEndObject();
    }

    public static void fileInfo(JsonGenerator g, String path, FileInfo f) throws IOException {
        g.writeStartObject();
        g.writeStringField("path", path);
        g.writeBooleanField("is_dir", f.isDir());
        if (f.fileSize() != null) {
            g.writeNumberField("file_size", f.fileSize());
        }
        g.writeEndObject();
    }

    // ---- registry

    public static void registeredModel(JsonGenerator g, RegisteredModel m) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", m.name());
        g.writeNumberField("creation_timestamp", m.creationTimestamp());
        g.writeNumberField("last_updated_timestamp", m.lastUpdatedTimestamp());
        stringIfPresent(g, "user_id", m.userId());
        stringIfPresent(g, "description", m.description());
        if (!m.latestVersions().isEmpty()) {
            g.writeArrayFieldStart("latest_versions");
            for (ModelVersion v : m.latestVersions()) {
                modelVersion(g, v);
            }
            g.writeEndArray();
        }
        tags(g, "tags", m.tags());
        if (!m.aliases().isEmpty()) {
            g.writeArrayFieldStart("aliases");
            for (ModelAlias a : m.aliases()) {
                g.writeStartObject();
                g.writeStringField("alias", a.alias());
                g.writeStringField("version", Long.toString(a.version()));
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    public static void modelVersion(JsonGenerator g, ModelVersion v) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", v.name());
        g.writeStringField("version", Long.toString(v.version()));
        g.writeNumberField("creation_timestamp", v.creationTimestamp());
        g.writeNumberField("last_updated_timestamp", v.lastUpdatedTimestamp());
        stringIfPresent(g, "user_id", v.userId());
        g.writeStringField("current_stage", v.currentStage().wireName());
        stringIfPresent(g, "description", v.description());
        stringIfPresent(g, "source", v.source());
        stringIfPresent(g, "run_id", v.runId());
        g.writeStringField("status", v.status().name());
        stringIfPresent(g, "status_message", v.statusMessage());
        tags(g, "tags", v.tags());
        stringIfPresent(g, "run_link", v.runLink());
        if (!v.aliases().isEmpty()) {
            g.writeArrayFieldStart("aliases");
            for (String alias : v.aliases()) {
                g.writeString(alias);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    // ---- helpers

    public static void tags(JsonGenerator g, String field, List<Tag> tags) throws IOException {
        if (tags.isEmpty()) {
            return;
        }
        g.writeArrayFieldStart(field);
        for (Tag t : tags) {
            keyValue(g, t.key(), t.value());
        }
        g.writeEndArray();
    }

    /** A double as protobuf's JSON writes it: non-finite values as strings. */
    public static void doubleField(JsonGenerator g, String field, double value) throws IOException {
        if (Double.isNaN(value)) {
            g.writeStringField(field, "NaN");
        } else if (value == Double.POSITIVE_INFINITY) {
            g.writeStringField(field, "Infinity");
        } else if (value == Double.NEGATIVE_INFINITY) {
            g.writeStringField(field, "-Infinity");
        } else {
            g.writeNumberField(field, value);
        }
    }

    private static void keyValue(JsonGenerator g, String key, String value) throws IOException {
        g.writeStartObject();
        g.writeStringField("key", key);
        stringIfPresent(g, "value", value);
        g.writeEndObject();
    }

    private static void stringIfPresent(JsonGenerator g, String field, String value) throws IOException {
        if (value != null) {
            g.writeStringField(field, value);
        }
    }
}
