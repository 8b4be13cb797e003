package dev.gyre.cli.data;

import dev.gyre.cli.CliContext;
import dev.gyre.cli.output.ProgressOptions;
import dev.gyre.cli.output.Table;
import dev.gyre.data.drift.DatasetDrift;
import dev.gyre.data.drift.DistributionSource;
import dev.gyre.data.drift.FeatureDrift;
import dev.gyre.data.drift.ProfileComparison;
import dev.gyre.data.drift.ProfileComparisonJson;
import dev.gyre.data.drift.ProfileDrift;
import dev.gyre.data.drift.TypeChange;
import dev.gyre.data.profile.DatasetProfile;
import dev.gyre.data.report.ComparisonPage;
import dev.gyre.data.report.ReportFiles;
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
 * {@code gyre data compare REFERENCE CURRENT}: drift between two datasets or saved profiles, computed from profiles
 * ({@link ProfileDrift}), so saved profiles need no data. An argument is a saved profile when its name ends in
 * {@code .json} and its first JSON field is {@code format_version}, the field {@code gyre data profile --output}
 * writes first; anything else is a dataset, profiled on the fly. Exits 1 on dataset drift, so it can gate a
 * pipeline, and 1 with one {@code gyre: …} line on bad input.
 */
@Command(
        name = "compare",
        mixinStandardHelpOptions = true,
        description = {
            "Compare a current dataset with a reference one: drift per feature and for the dataset.",
            "Each argument is a profile saved by 'gyre data profile --output' (a .json file whose first field is",
            "format_version) or a data file, profiled on the fly.",
            "Numeric features: Kolmogorov-Smirnov on the profiles' sketches, drift if p < 0.05 and, above 1000",
            "reference rows, D >= --min-effect; normed Wasserstein is shown too. String and boolean features:",
            "Jensen-Shannon (drift if >= 0.1) above 1000 reference rows, else chi-square or z-test (p < 0.05).",
            "The dataset drifts when at least half of the compared features drift.",
            "--html FILE writes a self-contained HTML report with overlaid reference/current histograms.",
            "Exit status: 0 no dataset drift, 1 dataset drift or bad input."
        })
public final class CompareCommand implements Callable<Integer> {

    static final int EXIT_DRIFT = 1;

    @Parameters(
            index = "0",
            paramLabel = "REFERENCE",
            description = "Reference: datasets:/NAME[/VERSION], a saved profile (.json) or a data file.")
    String reference;

    @Parameters(
            index = "1",
            paramLabel = "CURRENT",
            description = "Current: datasets:/NAME[/VERSION], a saved profile (.json) or a data file.")
    String current;

    @Mixin
    DriftOptions driftOptions = new DriftOptions();

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Option(names = "--html-all", description = "In the HTML report, chart every feature, not only drifted ones.")
    boolean htmlAll;

    @Option(
            names = "--html",
            paramLabel = "FILE",
            description = "Also write a self-contained HTML report (inline charts, no scripts) to this file.")
    Path html;

    @Mixin
    ProgressOptions progressOptions = new ProgressOptions();

    @Mixin
    DatasetStoreOptions store = new DatasetStoreOptions();

    @Spec
    CommandSpec spec;

    private final CliContext context;

    public CompareCommand() {
        this(CliContext.fromSystem());
    }

    public CompareCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ProfileDrift drift = driftOptions.drift();
        ProfileInputs inputs = new ProfileInputs(context, store).withProgress(err, progressOptions.enabled());
        DatasetProfile referenceProfile = inputs.load(reference, "reference " + shortName(reference));
        DatasetProfile currentProfile = inputs.load(current, "current " + shortName(current));
        ProfileComparison comparison = drift.compare(referenceProfile, currentProfile);
        if (json) {
            out.print(new ProfileComparisonJson().write(comparison, reference, current));
        } else {
            printReport(out, comparison);
        }
        if (html != null) {
            ComparisonPage page = new ComparisonPage(
                    shortName(reference), shortName(current), comparison, referenceProfile, currentProfile, htmlAll);
            Path written = ReportFiles.write(html, page.html());
            (json ? err : out).println("HTML report: " + written);
            err.flush();
        }
        out.flush();
        return comparison.drift().drifted() ? EXIT_DRIFT : 0;
    }

    /** {@code exact} when both profiles kept the feature's values (small data), {@code sketch} otherwise. */
    private static String source(ProfileComparison comparison, FeatureDrift feature) {
        DistributionSource source = comparison.sources().get(feature.feature());
        return source == null ? null : source.label();
    }

    /** A file's name, or a dataset reference as it is. */
    private static String shortName(String argument) {
        if (ProfileInputs.DatasetReference.parse(argument).isPresent()) {
            return argument;
        }
        Path name = Path.of(argument).getFileName();
        return name == null ? argument : name.toString();
    }

    private void printReport(PrintWriter out, ProfileComparison comparison) {
        out.println("reference " + reference + ", current " + current);
        DatasetDrift drift = comparison.drift();
        Table table = new Table("FEATURE", "TYPE", "METHOD", "FROM", "STATISTIC", "P-VALUE", "THRESHOLD", "W1/STD", "");
        for (FeatureDrift feature : drift.features()) {
            Double wasserstein = comparison.normedWasserstein().get(feature.feature());
            table.row(
                    feature.feature(),
                    comparison.types().get(feature.feature()).label(),
                    feature.method().label(),
                    source(comparison, feature),
                    number(feature.statistic()),
                    feature.pValue() == null ? null : number(feature.pValue()),
                    threshold(comparison, feature),
                    wasserstein == null ? null : number(wasserstein),
                    feature.drifted() ? "DRIFT" : "ok");
        }
        table.print(out, "");
        printNames(out, "only in reference", comparison.onlyInReference());
        printNames(out, "only in current", comparison.onlyInCurrent());
        for (TypeChange change : comparison.typeChanges()) {
            out.println("type changed: " + change.feature() + " "
                    + change.reference().label() + " -> " + change.current().label());
        }
        printNames(out, "without values on one side", comparison.withoutValues());
        out.printf(
                Locale.ROOT,
                "%d of %d features drifted (%.1f%%, threshold %.0f%%): %s%n",
                drift.driftedFeatures(),
                drift.features().size(),
                100 * drift.share(),
                100 * drift.threshold(),
                drift.drifted() ? "DATASET DRIFT" : "no dataset drift");
    }

    private static String threshold(ProfileComparison comparison, FeatureDrift feature) {
        if (!feature.method().pValueBased()) {
            return ">= " + number(feature.threshold());
        }
        String level = "p < " + number(feature.threshold());
        return comparison.minimumEffectApplied().contains(feature.feature())
                ? level + ", D >= " + number(comparison.ksMinimumEffect())
                : level;
    }

    private static void printNames(PrintWriter out, String label, List<String> names) {
        if (!names.isEmpty()) {
            out.println(label + ": " + String.join(", ", names));
        }
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.4g", value);
    }
}
