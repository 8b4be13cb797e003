package dev.gyre.cli.quickstart;

import dev.gyre.cli.output.Formats;
import dev.gyre.cli.output.Table;
import dev.gyre.core.config.GyreConfig;
import dev.gyre.store.artifact.ArtifactPaths;
import dev.gyre.train.evaluate.ComparisonRow;
import dev.gyre.train.run.TrainingOutcome;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Prints what the quickstart did, and where and how to look at it. */
final class QuickstartReport {

    private final PrintWriter out;

    QuickstartReport(PrintWriter out) {
        this.out = out;
    }

    void printData(QuickstartDataStage.Outcome data) {
        var version = data.version();
        out.printf(
                "Dataset '%s' version %d (%s): %s, %d rows, digest %s%n",
                version.name(),
                version.version(),
                data.created() ? "new" : "unchanged",
                data.trainingCsv(),
                version.rowCount(),
                version.digest());
        out.printf("Schema inferred from it: %s%n", data.schemaFile());
        QuickstartDataStage.Validation validation = data.validation();
        out.printf(
                "Later data (%d rows, %s) against the schema: %s, %d errors, %d warnings%s%n",
                data.later().rows(),
                data.laterCsv().getFileName(),
                validation.passed() ? "PASSED" : "FAILED",
                validation.errors(),
                validation.warnings(),
                validation.kinds().isEmpty()
                        ? ""
                        : " ("
                                + validation.kinds().entrySet().stream()
                                        .map(e -> e.getValue() + " " + e.getKey())
                                        .collect(Collectors.joining(", "))
                                + ")");
        validation.errorMessages().forEach(line -> out.println("  error " + line));
        QuickstartDataStage.Drift drift = data.drift();
        out.printf(
                "Drift, later vs training data: %d of %d features drifted (%s)%s%n",
                drift.drifted(),
                drift.compared(),
                drift.datasetDrift() ? "dataset drift" : "no dataset drift",
                drift.driftedFeatures().isEmpty() ? "" : ": " + String.join(", ", drift.driftedFeatures()));
        out.printf("Drift report: %s%n%n", data.driftReport());
    }

    void print(QuickstartModelStage.Outcome outcome, GyreConfig config, String baseUrl, boolean serving) {
        TrainingOutcome training = outcome.training();
        out.printf("Project file: %s%n", outcome.projectFile());
        training.tuning()
                .ifPresent(tuning -> out.printf(
                        "Tuning: %d trials (child runs), best trial %d with %s, validation %s %s%n",
                        tuning.trials().size(),
                        tuning.best().trial().number(),
                        tuning.best().trial().params(),
                        tuning.best().outcome().orElseThrow().metric(),
                        Formats.metric(tuning.best().score())));
        out.printf(
                "Experiment '%s' (id %s), run %s: XGBoost with the best trial's params beside the majority and linear "
                        + "baselines, metrics on the "
                        + "held-out %s rows:%n",
                QuickstartModelStage.PROJECT_NAME, training.experimentId(), training.runId(), training.evaluatedOn());
        List<String> headers = new ArrayList<>(List.of("METRIC", "MODEL"));
        headers.addAll(training.report().comparison().competitors());
        Table table = new Table(headers);
        for (ComparisonRow row : training.report().comparison().rows()) {
            List<Object> cells = new ArrayList<>(List.of(row.metric(), Formats.metric(row.model())));
            row.others().forEach(other -> cells.add(Formats.metric(other.value())));
            table.row(cells);
        }
        table.print(out, "  ");
        out.println(training.gatePassed() ? "Gate passed:" : "Gate FAILED (the model is not registered):");
        training.reasons().forEach(reason -> out.println("  " + reason));
        if (training.registeredVersion().isPresent()) {
            out.printf(
                    "Registered model '%s' version %d as @%s, promoted to @%s%n",
                    QuickstartModelStage.MODEL_NAME,
                    training.registeredVersion().getAsLong(),
                    training.alias().orElseThrow(),
                    QuickstartModelStage.CHAMPION);
        }
        String runArtifacts = ArtifactPaths.proxiedRoot(training.modelUri().replaceFirst("/model$", ""));
        out.printf(
                "Model package: %s%nEvaluation report: %s%n%n",
                training.modelUri(),
                config.artifactsDestination().resolve(runArtifacts).resolve("evaluation/report.html"));

        String url = serving ? baseUrl : "http://" + config.host() + ":" + displayPort(config);
        out.printf(
                "Stored under %s (metadata %s, artifacts %s)%n",
                config.home(), config.backendStoreUri(), config.artifactsDestination());
        out.println("Where to look" + (serving ? ":" : " (start the server first: ./gyre server):"));
        out.println("  ./gyre runs list --experiment-name " + QuickstartModelStage.PROJECT_NAME);
        out.println("  ./gyre models show " + QuickstartModelStage.MODEL_NAME);
        out.println("  ./gyre data versions " + QuickstartDataStage.DATASET_NAME);
        out.println("  ./gyre tune " + outcome.projectFile());
        out.printf(
                "  curl -s '%s/api/2.0/mlflow/registered-models/alias?name=%s&alias=%s'%n",
                url, QuickstartModelStage.MODEL_NAME, QuickstartModelStage.CHAMPION);
        out.printf("  curl -s %s/api/2.0/mlflow-artifacts/artifacts/%s/model/MLmodel%n", url, runArtifacts);
        out.printf("  MLflow clients: MLFLOW_TRACKING_URI=%s%n", url);
        out.flush();
    }

    /** The port a later {@code gyre server} would use: the configured one, or 5000 when the run used a free port. */
    private static int displayPort(GyreConfig config) {
        return config.port() == 0 ? 5000 : config.port();
    }
}
