package dev.gyre.cli.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gyre.cli.client.TrackingClient;
import dev.gyre.core.data.DatasetVersion;
import dev.gyre.core.tracking.Dataset;
import dev.gyre.data.register.DatasetJson;
import dev.gyre.data.register.MlflowDatasets;
import dev.gyre.data.schema.SchemaFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The quickstart's data stage, through Gyre's REST API like any client: the first 70% of the sample becomes the
 * training data, registered as dataset {@value #DATASET_NAME}; its schema is inferred and saved as YAML; the
 * remaining rows stand for data that arrives later, validated against that schema (types, presence, ranges, domains)
 * and compared with the training data for drift (a JSON summary and an HTML report). Running it again registers the same bytes, so the dataset
 * version stays the same.
 */
final class QuickstartDataStage {

    static final String DATASET_NAME = "breast-cancer";
    static final double TRAINING_SHARE = 0.7;

    /** What the stage did, with the files it left in the quickstart folder. */
    record Outcome(
            DatasetVersion version,
            boolean created,
            LabeledData training,
            LabeledData later,
            Path trainingCsv,
            Path laterCsv,
            Path schemaFile,
            Validation validation,
            Drift drift,
            Path driftReport) {}

    /** The later slice against the schema: pass/fail, counts, the errors, and how many anomalies of each kind. */
    record Validation(
            boolean passed, int errors, int warnings, List<String> errorMessages, Map<String, Integer> kinds) {}

    /** The later slice against the training data. */
    record Drift(boolean datasetDrift, int drifted, int compared, List<String> driftedFeatures) {}

    private final TrackingClient client;
    private final ObjectMapper json = new ObjectMapper();

    QuickstartDataStage(TrackingClient client) {
        this.client = client;
    }

    Outcome run(LabeledData all, Path folder) {
        try {
            Files.createDirectories(folder);
            int split = (int) Math.round(all.rows() * TRAINING_SHARE);
            LabeledData training = all.slice(all.name(), 0, split);
            LabeledData later = all.slice(all.name() + "_later", split, all.rows());
            Path trainingCsv = folder.resolve("breast-cancer-training.csv").toAbsolutePath();
            Path laterCsv = folder.resolve("breast-cancer-later.csv").toAbsolutePath();
            training.writeCsv(trainingCsv);
            later.writeCsv(laterCsv);

            JsonNode registered = client.gyrePost(
                    "datasets/register",
                    client.object()
                            .put("name", DATASET_NAME)
                            .put("path", trainingCsv.toString())
                            .put("description", "gyre quickstart: the first 70% of " + BreastCancerData.ORIGIN));
            DatasetVersion version = DatasetJson.readVersion(registered.path("dataset_version"));

            String schemaYaml = client.gyrePostText(
                    "data/infer-schema",
                    client.object().put("path", trainingCsv.toString()).put("as", "yaml"));
            Path schemaFile = folder.resolve("breast-cancer.schema.yaml");
            Files.writeString(schemaFile, schemaYaml, StandardCharsets.UTF_8);

            ObjectNode validate = client.object().put("path", laterCsv.toString());
            validate.set("schema", json.readTree(SchemaFiles.toJson(SchemaFiles.fromYaml(schemaYaml, "schema"))));
            // Drift is the compare step's job below; validating against the reference too would compute it twice.
            Validation validation = validation(client.gyrePost("data/validate", validate));

            ObjectNode compare = client.object();
            compare.putObject("reference").put("path", trainingCsv.toString());
            compare.putObject("current").put("path", laterCsv.toString());
            Drift drift = drift(client.gyrePost("data/compare", compare));
            Path driftReport = folder.resolve("drift-report.html");
            Files.writeString(
                    driftReport,
                    client.gyrePostText("data/compare", compare.put("report", "html")),
                    StandardCharsets.UTF_8);

            return new Outcome(
                    version,
                    registered.path("created").asBoolean(),
                    training,
                    later,
                    trainingCsv,
                    laterCsv,
                    schemaFile,
                    validation,
                    drift,
                    driftReport);
        } catch (IOException e) {
            throw new UncheckedIOException("quickstart data stage: " + e.getMessage(), e);
        }
    }

    /** The registered version as an MLflow dataset input of a training run ({@code runs/log-inputs} JSON). */
    ObjectNode trainingInput(DatasetVersion version) {
        Dataset dataset = MlflowDatasets.toMlflow(version);
        ObjectNode input = client.object();
        input.putArray("tags")
                .addObject()
                .put("key", MlflowDatasets.CONTEXT_TAG)
                .put("value", "training");
        input.putObject("dataset")
                .put("name", dataset.name())
                .put("digest", dataset.digest())
                .put("source_type", dataset.sourceType())
                .put("source", dataset.source())
                .put("schema", dataset.schema())
                .put("profile", dataset.profile());
        return input;
    }

    private static Validation validation(JsonNode report) {
        List<String> errors = new ArrayList<>();
        Map<String, Integer> kinds = new TreeMap<>();
        for (JsonNode anomaly : report.path("anomalies")) {
            kinds.merge(anomaly.path("kind").asText(), 1, Integer::sum);
            if (anomaly.path("severity").asText().equals("error")) {
                errors.add(anomaly.path("kind").asText() + ": "
                        + anomaly.path("message").asText());
            }
        }
        return new Validation(
                report.path("passed").asBoolean(),
                report.path("errors").asInt(),
                report.path("warnings").asInt(),
                errors,
                kinds);
    }

    private static Drift drift(JsonNode comparison) {
        List<String> drifted = new ArrayList<>();
        for (JsonNode feature : comparison.path("features")) {
            if (feature.path("drifted").asBoolean()) {
                drifted.add(feature.path("feature").asText());
            }
        }
        return new Drift(
                comparison.path("dataset_drift").asBoolean(),
                comparison.path("drifted_features").asInt(),
                comparison.path("compared_features").asInt(),
                drifted);
    }
}
