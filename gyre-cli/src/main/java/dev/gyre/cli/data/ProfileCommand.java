package dev.gyre.cli.data;

import dev.gyre.cli.output.KnownRowCount;
import dev.gyre.cli.output.Progress;
import dev.gyre.cli.output.ProgressOptions;
import dev.gyre.cli.output.Table;
import dev.gyre.data.profile.DatasetProfile;
import dev.gyre.data.profile.DatasetProfiler;
import dev.gyre.data.profile.FeatureProfile;
import dev.gyre.data.profile.FrequentValue;
import dev.gyre.data.profile.Moments;
import dev.gyre.data.profile.ProfileJson;
import dev.gyre.data.read.DatasetFormat;
import dev.gyre.data.read.DatasetSource;
import dev.gyre.data.read.GyreType;
import dev.gyre.data.report.ProfilePage;
import dev.gyre.data.report.ReportFiles;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.time.Instant;
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
 * {@code gyre data profile FILE}: profiles a dataset in one pass and prints a per-feature summary, or the
 * versioned JSON profile (the form {@code ProfileJson} reads back and merges). Progress goes to stderr so stdout
 * stays pipeable; failures are {@code GyreException}s, which the CLI's error handler prints as one line.
 */
@Command(
        name = "profile",
        mixinStandardHelpOptions = true,
        description = {
            "Profile a dataset: counts, missing values, moments, quantiles, distinct and top values per feature.",
            "Prints a summary table, or the JSON profile with --json; --output saves the JSON profile, --html an HTML report."
        })
public final class ProfileCommand implements Callable<Integer> {

    /** Significant digits of the numbers in the table: enough to read, few enough to keep columns narrow. */
    private static final MathContext TABLE_DIGITS = new MathContext(6);

    @Parameters(
            index = "0",
            paramLabel = "FILE",
            description = "A .csv, .tsv, .parquet, .json or .jsonl file, or a folder of them.")
    Path file;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            description = "csv, parquet or json (default: from the file extension).")
    String format;

    @Option(names = "--json", description = "Print the JSON profile instead of the table.")
    boolean json;

    @Option(names = "--output", paramLabel = "FILE", description = "Also write the JSON profile to this file.")
    Path output;

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
        DatasetSource source = DatasetSource.of(file, format == null ? null : DatasetFormat.named(format));
        long start = System.nanoTime();
        DatasetProfile profile;
        boolean showProgress = progressOptions.enabled();
        try (Progress progress = Progress.start(
                err, showProgress, "profiling " + file.getFileName(), showProgress ? KnownRowCount.of(source) : -1)) {
            profile = DatasetProfiler.profile(source, progress.profilerListener());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        err.printf(
                Locale.ROOT,
                "profiled %d rows, %d features in %.2f s%n",
                profile.rowCount(),
                profile.features().size(),
                seconds);
        err.flush();
        ProfileJson profileJson = new ProfileJson();
        if (output != null) {
            profileJson.write(profile, output);
        }
        if (json) {
            out.print(profileJson.write(profile));
        } else {
            printSummary(out, profile);
        }
        if (html != null) {
            Path written =
                    ReportFiles.write(html, new ProfilePage(file.getFileName().toString(), profile).html());
            (json ? err : out).println("HTML report: " + written);
            err.flush();
        }
        out.flush();
        return 0;
    }

    private void printSummary(PrintWriter out, DatasetProfile profile) {
        out.println(file + ": " + profile.rowCount() + " rows, "
                + profile.features().size() + " features");
        Table table = new Table("FEATURE", "TYPE", "MISSING", "MIN", "MEAN", "MAX", "TOP VALUE", "DISTINCT");
        for (FeatureProfile feature : profile.features()) {
            Moments moments = feature.moments();
            boolean hasMoments = feature.type() != GyreType.STRING && moments.count() > 0;
            table.row(
                    feature.name(),
                    feature.type().label(),
                    percent(feature.counts().missingFraction()),
                    hasMoments ? value(feature.type(), moments.min()) : null,
                    hasMoments ? mean(feature.type(), moments.mean()) : null,
                    hasMoments ? value(feature.type(), moments.max()) : null,
                    topValue(feature),
                    "≈" + Math.round(feature.distinct().estimate()));
        }
        table.print(out, "");
    }

    private static String topValue(FeatureProfile feature) {
        List<FrequentValue> top = feature.topValues(1);
        if (top.isEmpty() || feature.counts().present() == 0) {
            return null;
        }
        FrequentValue value = top.getFirst();
        return value.value() + " ("
                + percent((double) value.count() / feature.counts().present()) + ")";
    }

    /** A value as its type reads: timestamps as UTC date-times (a date alone at midnight), numbers compact. */
    private static String value(GyreType type, double value) {
        if (type == GyreType.TIMESTAMP) {
            String instant = Instant.ofEpochMilli(Math.round(value)).toString();
            return instant.endsWith("T00:00:00Z") ? instant.substring(0, instant.length() - 10) : instant;
        }
        return new BigDecimal(value).round(TABLE_DIGITS).stripTrailingZeros().toPlainString();
    }

    /** The mean of a boolean is the share of {@code true}; of a timestamp, a (full) date-time. */
    private static String mean(GyreType type, double mean) {
        return switch (type) {
            case BOOLEAN -> percent(mean) + " true";
            case TIMESTAMP -> Instant.ofEpochMilli(Math.round(mean)).toString();
            default -> value(type, mean);
        };
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }
}
