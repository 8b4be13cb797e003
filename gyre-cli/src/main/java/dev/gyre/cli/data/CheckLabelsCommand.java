package dev.gyre.cli.data;

import dev.gyre.cli.output.KnownRowCount;
import dev.gyre.cli.output.Progress;
import dev.gyre.cli.output.ProgressOptions;
import dev.gyre.cli.output.Table;
import dev.gyre.data.quality.ClassBalance;
import dev.gyre.data.quality.ClassCount;
import dev.gyre.data.quality.ConflictGroup;
import dev.gyre.data.quality.ConstantFeature;
import dev.gyre.data.quality.DuplicateGroup;
import dev.gyre.data.quality.DuplicateRows;
import dev.gyre.data.quality.Finding;
import dev.gyre.data.quality.IdLikeColumn;
import dev.gyre.data.quality.LabelConflicts;
import dev.gyre.data.quality.LeakageCandidate;
import dev.gyre.data.quality.NearConstantFeature;
import dev.gyre.data.quality.QualityChecks;
import dev.gyre.data.quality.QualityConfig;
import dev.gyre.data.quality.QualityJson;
import dev.gyre.data.quality.QualityReport;
import dev.gyre.data.quality.Severity;
import dev.gyre.data.read.DatasetSource;
import dev.gyre.data.report.QualityPage;
import dev.gyre.data.report.ReportFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gyre data check-labels FILE --label COL}: runs the data-quality checks of {@code dev.gyre.data.quality}
 * and prints a summary (or the report as JSON). Exits 1 when any finding is an ERROR, so it can gate a pipeline;
 * bad input (missing file, unknown column) is one {@code gyre: …} line on stderr and exit 1 as well.
 */
@Command(
        name = "check-labels",
        mixinStandardHelpOptions = true,
        description = {
            "Check that a dataset is labeled consistently: conflicting labels, duplicate rows, class balance,",
            "constant features and leakage candidates. Exits 1 when any finding is an ERROR."
        })
public final class CheckLabelsCommand implements Callable<Integer> {

    static final int EXIT_FAILURE = 1;

    @Parameters(index = "0", paramLabel = "FILE", description = "A .csv, .tsv, .parquet, .json or .jsonl file.")
    Path file;

    @Option(names = "--label", required = true, paramLabel = "COL", description = "The label column.")
    String label;

    @Option(
            names = "--features",
            split = ",",
            paramLabel = "COL",
            description = "Feature columns (default: every column but the label).")
    List<String> features = List.of();

    @Option(
            names = "--rare-fraction",
            paramLabel = "F",
            defaultValue = "0.01",
            description = "A class below this share of rows is rare (default ${DEFAULT-VALUE}).")
    double rareFraction;

    @Option(
            names = "--rare-count",
            paramLabel = "N",
            defaultValue = "10",
            description = "A class with fewer rows than this is rare (default ${DEFAULT-VALUE}).")
    long rareCount;

    @Option(
            names = "--near-constant",
            paramLabel = "F",
            defaultValue = "0.99",
            description = "A feature whose top value covers this share of rows is near-constant (default"
                    + " ${DEFAULT-VALUE}).")
    double nearConstant;

    @Option(
            names = "--leakage-accuracy",
            paramLabel = "F",
            defaultValue = "0.99",
            description = "A feature predicting the label this well alone is a leakage candidate (default"
                    + " ${DEFAULT-VALUE}).")
    double leakageAccuracy;

    @Option(
            names = "--examples",
            paramLabel = "N",
            defaultValue = "5",
            description = "Example groups per finding (default ${DEFAULT-VALUE}).")
    int examples;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Option(
            names = "--html",
            paramLabel = "FILE",
            description = "Also write a self-contained HTML report (inline charts, no scripts) to this file.")
    Path html;

    @Mixin
    ProgressOptions progressOptions = new ProgressOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        QualityConfig defaults = QualityConfig.forLabel(label);
        QualityConfig config = defaults.withFeatures(features)
                .withRareClass(rareFraction, rareCount)
                .withNearConstantFraction(nearConstant)
                .withLeakage(leakageAccuracy, defaults.leakageMinLift())
                .withExamples(examples);
        QualityReport report;
        boolean showProgress = progressOptions.enabled();
        try (Progress _ = Progress.start(
                err, showProgress, "checking " + file.getFileName(), showProgress ? rowsFromMetadata() : -1)) {
            report = new QualityChecks().run(file, config);
        }
        if (json) {
            out.println(new QualityJson().write(report));
        } else {
            printSummary(out, report);
        }
        if (html != null) {
            Path written = ReportFiles.write(html, new QualityPage(report).html());
            (json ? err : out).println("HTML report: " + written);
            err.flush();
        }
        out.flush();
        return report.hasErrors() ? EXIT_FAILURE : 0;
    }

    /** The row count Parquet metadata gives for free; -1 otherwise, or when the file cannot be read here. */
    private long rowsFromMetadata() {
        try {
            return KnownRowCount.of(DatasetSource.of(file));
        } catch (RuntimeException e) {
            return -1; // the checks report a bad file properly
        }
    }

    private static void printSummary(PrintWriter out, QualityReport report) {
        out.println(report.file() + ": " + report.rows() + " rows, label '" + report.label() + "', "
                + report.features().size() + " features");
        for (Finding finding : report.findings()) {
            switch (finding) {
                case LabelConflicts conflicts -> printConflicts(out, conflicts);
                case DuplicateRows duplicates -> printDuplicates(out, duplicates);
                case ClassBalance balance -> printBalance(out, balance);
                default -> {}
            }
        }
        List<Finding> others = report.findings().stream()
                .filter(f -> !(f instanceof LabelConflicts || f instanceof DuplicateRows || f instanceof ClassBalance))
                .toList();
        if (!others.isEmpty()) {
            out.println();
            out.println("Feature checks:");
            Table table = new Table("SEVERITY", "CHECK", "COLUMN", "DETAIL");
            others.forEach(f -> table.row(f.severity(), checkName(f), column(f), detail(f)));
            table.print(out, "  ");
        }
        long errors = count(report, Severity.ERROR);
        long warnings = count(report, Severity.WARNING);
        out.println();
        out.println((errors > 0 ? "FAILED: " : "OK: ") + errors + " error(s), " + warnings + " warning(s)");
    }

    private static void printConflicts(PrintWriter out, LabelConflicts conflicts) {
        out.println();
        out.println(heading("Label conflicts", conflicts));
        if (!conflicts.examples().isEmpty()) {
            Table table = new Table("ROWS", "LABELS", "FEATURES");
            for (ConflictGroup group : conflicts.examples()) {
                table.row(group.rows(), counts(group.labelCounts()), values(group.features()));
            }
            table.print(out, "  ");
        }
    }

    private static void printDuplicates(PrintWriter out, DuplicateRows duplicates) {
        out.println();
        out.println(heading("Duplicate rows", duplicates));
        if (!duplicates.examples().isEmpty()) {
            Table table = new Table("COPIES", "ROW");
            for (DuplicateGroup group : duplicates.examples()) {
                table.row(group.copies(), values(group.values()));
            }
            table.print(out, "  ");
        }
    }

    private static void printBalance(PrintWriter out, ClassBalance balance) {
        out.println();
        out.println(heading("Class balance", balance));
        Table table = new Table("CLASS", "COUNT", "FRACTION", "");
        for (ClassCount count : balance.classes()) {
            table.row(count.label(), count.count(), percent(count.fraction()), count.rare() ? "rare" : "");
        }
        table.print(out, "  ");
        if (balance.unlabeledRows() > 0) {
            out.println("  " + balance.unlabeledRows() + " rows have no label");
        }
    }

    private static String heading(String title, Finding finding) {
        return title + ": " + finding.summary() + " [" + finding.severity() + "]";
    }

    private static String checkName(Finding finding) {
        return switch (finding) {
            case ConstantFeature _ -> "constant";
            case NearConstantFeature _ -> "near-constant";
            case LeakageCandidate _ -> "leakage";
            case IdLikeColumn _ -> "id-like";
            case LabelConflicts _ -> "label-conflicts";
            case DuplicateRows _ -> "duplicates";
            case ClassBalance _ -> "class-balance";
        };
    }

    private static String column(Finding finding) {
        return finding.column() == null ? "" : finding.column();
    }

    /** The evidence without the column name, short enough for a table cell. */
    private static String detail(Finding finding) {
        return switch (finding) {
            case ConstantFeature c -> "always " + c.value();
            case NearConstantFeature n -> n.topValue() + " in " + percent(n.topFraction()) + " of rows";
            case LeakageCandidate l ->
                "accuracy " + percent(l.accuracy()) + " vs baseline " + percent(l.baseline()) + " ("
                        + l.method().name().toLowerCase(Locale.ROOT) + ")";
            case IdLikeColumn i -> i.distinctValues() + " distinct in " + i.rows() + " rows; not checked for leakage";
            default -> finding.summary();
        };
    }

    private static long count(QualityReport report, Severity severity) {
        return report.findings().stream().filter(f -> f.severity() == severity).count();
    }

    private static String counts(Map<String, Long> labelCounts) {
        return labelCounts.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private static String values(Map<String, Object> values) {
        return values.entrySet().stream()
                .map(e -> e.getKey() + "=" + (e.getValue() == null ? "NULL" : e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.2f%%", 100 * fraction);
    }
}
