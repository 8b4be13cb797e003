package dev.gyre.cli.data;

import dev.gyre.cli.CliContext;
import dev.gyre.cli.output.Progress;
import dev.gyre.cli.output.ProgressOptions;
import dev.gyre.data.quality.Severity;
import dev.gyre.data.read.DatasetSource;
import dev.gyre.data.report.ReportFiles;
import dev.gyre.data.report.ValidationPage;
import dev.gyre.data.schema.Schema;
import dev.gyre.data.schema.SchemaFiles;
import dev.gyre.data.validate.Anomaly;
import dev.gyre.data.validate.DatasetValidator;
import dev.gyre.data.validate.SkippedCheck;
import dev.gyre.data.validate.ValidationJson;
import dev.gyre.data.validate.ValidationOptions;
import dev.gyre.data.validate.ValidationReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gyre data validate DATA --schema FILE}: checks a dataset against a schema and, optionally, against the
 * previous span (drift) and the training data (skew) with {@link DatasetValidator}. Exits 1 when any anomaly is an
 * error, so it gates a pipeline; warnings (new columns, drift, skew by default) leave the exit status 0. Bad input
 * is one {@code gyre: …} line and exit 1.
 */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description = {
            "Validate a dataset against a schema (see 'gyre data infer-schema'): columns, types, presence, domains,",
            "ranges, NaN/infinity, row counts and expectations (not_null, between, in_set, regex, unique).",
            "--reference adds drift against a previous span, --training skew against the training data; both take",
            "datasets:/NAME[/VERSION], a saved profile (.json) or a data file. DATA may also be a registered",
            "version (datasets:/NAME[/VERSION]): its stored profile is checked and row-level expectations are skipped.",
            "Exit status: 0 no error anomalies (warnings allowed), 1 error anomalies or bad input."
        })
public final class ValidateCommand implements Callable<Integer> {

    static final int EXIT_ERRORS = 1;

    @Parameters(
            index = "0",
            paramLabel = "DATA",
            description = "Data file or folder to validate, or datasets:/NAME[/VERSION].")
    String data;

    @Option(names = "--schema", required = true, paramLabel = "FILE", description = "Schema file (.yaml or .json).")
    Path schemaFile;

    @Option(names = "--reference", paramLabel = "INPUT", description = "Previous span, for drift.")
    String reference;

    @Option(names = "--training", paramLabel = "INPUT", description = "Training data, for skew.")
    String training;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Option(
            names = "--html",
            paramLabel = "FILE",
            description = "Also write a self-contained HTML report (anomaly table, no scripts) to this file.")
    Path html;

    @Mixin
    ProgressOptions progressOptions = new ProgressOptions();

    @Mixin
    DatasetStoreOptions store = new DatasetStoreOptions();

    @Mixin
    DriftOptions driftOptions = new DriftOptions();

    @Spec
    CommandSpec spec;

    private final CliContext context;

    public ValidateCommand() {
        this(CliContext.fromSystem());
    }

    public ValidateCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Schema schema = SchemaFiles.read(schemaFile);
        PrintWriter err = spec.commandLine().getErr();
        ProfileInputs inputs = new ProfileInputs(context, store).withProgress(err, progressOptions.enabled());
        driftOptions.drift(); // fails early on bad drift options
        ValidationOptions options =
                ValidationOptions.defaults().withDrift(driftOptions.config(), driftOptions.minEffect());
        if (reference != null) {
            options = options.withReference(inputs.load(reference, "reference " + reference));
        }
        if (training != null) {
            options = options.withTraining(inputs.load(training, "training " + training));
        }
        boolean registered = ProfileInputs.DatasetReference.parse(data).isPresent();
        PrintWriter out = spec.commandLine().getOut();
        ValidationReport report;
        try (Progress _ = Progress.start(err, progressOptions.enabled() && !registered, "validating " + data, -1)) {
            report = registered
                    ? DatasetValidator.validate(inputs.load(data), schema, options)
                    : DatasetValidator.validate(DatasetSource.of(Path.of(data)), schema, options);
        }
        if (json) {
            out.print(new ValidationJson().write(report, data));
        } else {
            print(out, report);
        }
        if (html != null) {
            Path written = ReportFiles.write(html, new ValidationPage(data, schemaFile.toString(), report).html());
            (json ? err : out).println("HTML report: " + written);
            err.flush();
        }
        out.flush();
        return report.passed() ? 0 : EXIT_ERRORS;
    }

    private void print(PrintWriter out, ValidationReport report) {
        out.println(data + ": " + report.rowCount() + " rows against schema " + schemaFile);
        printAnomalies(out, report.anomalies());
        for (SkippedCheck check : report.skipped()) {
            out.println("skipped: " + (check.column() == null ? "" : check.column() + " ") + check.check() + " ("
                    + check.reason() + ")");
        }
        out.printf(
                Locale.ROOT,
                "%s: %d errors, %d warnings%n",
                report.passed() ? "PASSED" : "FAILED",
                report.count(Severity.ERROR),
                report.count(Severity.WARNING));
    }

    /**
     * One aligned line per anomaly. Not a {@link dev.gyre.cli.output.Table}: it cuts cells at 60 characters, and
     * the message, with its example values, is the part people need whole.
     */
    private static void printAnomalies(PrintWriter out, List<Anomaly> anomalies) {
        if (anomalies.isEmpty()) {
            return;
        }
        int kindWidth = "KIND".length();
        int columnWidth = "COLUMN".length();
        for (Anomaly anomaly : anomalies) {
            kindWidth = Math.max(kindWidth, anomaly.kind().label().length());
            columnWidth = Math.max(columnWidth, column(anomaly).length());
        }
        String format = "%-8s  %-" + kindWidth + "s  %-" + columnWidth + "s  %s%n";
        out.printf(Locale.ROOT, format, "SEVERITY", "KIND", "COLUMN", "MESSAGE");
        for (Anomaly anomaly : anomalies) {
            out.printf(
                    Locale.ROOT,
                    format,
                    anomaly.severity().name(),
                    anomaly.kind().label(),
                    column(anomaly),
                    message(anomaly));
        }
    }

    private static String column(Anomaly anomaly) {
        return anomaly.column() == null ? "-" : anomaly.column();
    }

    /** The message without its leading {@code column: }, which the table already shows. */
    private static String message(Anomaly anomaly) {
        String prefix = anomaly.column() + ": ";
        return anomaly.column() != null && anomaly.message().startsWith(prefix)
                ? anomaly.message().substring(prefix.length())
                : anomaly.message();
    }
}
