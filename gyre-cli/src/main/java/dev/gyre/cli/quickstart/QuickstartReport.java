package dev.gyre.cli.quickstart;

import dev.gyre.cli.output.Formats;
import dev.gyre.cli.output.Table;
import dev.gyre.core.config.GyreConfig;
import java.io.PrintWriter;
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

    void print(QuickstartRecorder.Outcome outcome, GyreConfig config, String baseUrl, boolean serving) {
        LabeledData data = outcome.data();
        out.printf(
                "Gyre quickstart: %s (%d rows, %d features; %d train / %d validation, stratified), "
                        + "dataset digest %s%n",
                data.name(),
                data.rows(),
                data.columns(),
                outcome.trainRows(),
                outcome.validationRows(),
                outcome.datasetDigest());
        out.printf(
                "Experiment '%s' (id %s): %d runs of logistic regression, %d epochs each%n%n",
                QuickstartRecorder.EXPERIMENT_NAME,
                outcome.experimentId(),
                outcome.runs().size(),
                outcome.best().hyperparameters().epochs());
        Table table = new Table("RUN ID", "NAME", "LR", "L2", "VAL AUC", "VAL ACC", "VAL LOG-LOSS", "BEST");
        for (QuickstartRecorder.RunResult run : outcome.runs()) {
            table.row(
                    run.runId(),
                    run.runName(),
                    run.hyperparameters().learningRate(),
                    run.hyperparameters().l2(),
                    Formats.metric(run.last().validationAuc()),
                    Formats.metric(run.last().validationAccuracy()),
                    Formats.metric(run.last().validationLogLoss()),
                    run == outcome.best() ? "*" : "");
        }
        table.print(out, "  ");
        out.printf(
                "%nBest run: %s (%s), val_auc %s%n",
                outcome.best().runName(),
                outcome.best().runId(),
                Formats.metric(outcome.best().last().validationAuc()));
        out.printf(
                "Registered model '%s' version %d from %s/model, alias '%s' -> version %d%n%n",
                QuickstartRecorder.MODEL_NAME,
                outcome.modelVersion(),
                outcome.best().artifactUri(),
                QuickstartRecorder.ALIAS,
                outcome.modelVersion());

        String url = serving ? baseUrl : "http://" + config.host() + ":" + displayPort(config);
        out.printf(
                "Stored under %s (metadata %s, artifacts %s)%n",
                config.home(), config.backendStoreUri(), config.artifactsDestination());
        out.println("Where to look" + (serving ? ":" : " (start the server first: ./gyre server):"));
        out.println("  ./gyre runs list --experiment-name " + QuickstartRecorder.EXPERIMENT_NAME
                + " --order-by \"metrics.val_auc DESC\"");
        out.println("  ./gyre models list");
        out.println("  ./gyre data versions " + QuickstartDataStage.DATASET_NAME);
        out.printf(
                "  curl -s '%s/api/2.0/mlflow/experiments/get-by-name?experiment_name=%s'%n",
                url, QuickstartRecorder.EXPERIMENT_NAME);
        out.printf(
                "  curl -s -X POST %s/api/2.0/mlflow/runs/search -H 'Content-Type: application/json' "
                        + "-d '{\"experiment_ids\":[\"%s\"],\"order_by\":[\"metrics.val_auc DESC\"]}'%n",
                url, outcome.experimentId());
        out.printf(
                "  curl -s '%s/api/2.0/mlflow/registered-models/alias?name=%s&alias=%s'%n",
                url, QuickstartRecorder.MODEL_NAME, QuickstartRecorder.ALIAS);
        out.printf(
                "  curl -s %s/api/2.0/mlflow-artifacts/artifacts/%s/model/coefficients.json%n",
                url, QuickstartRecorder.artifactPath(outcome.best().artifactUri()));
        out.printf("  MLflow clients: MLFLOW_TRACKING_URI=%s%n", url);
        out.flush();
    }

    /** The port a later {@code gyre server} would use: the configured one, or 5000 when the run used a free port. */
    private static int displayPort(GyreConfig config) {
        return config.port() == 0 ? 5000 : config.port();
    }
}
