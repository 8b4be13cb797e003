package dev.gyre.data.report;

import static dev.gyre.data.testing.TestData.shared;
import static dev.gyre.data.testing.TestData.weatherAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gyre.data.drift.FeatureDrift;
import dev.gyre.data.drift.ProfileComparison;
import dev.gyre.data.drift.ProfileDrift;
import dev.gyre.data.profile.DatasetProfile;
import dev.gyre.data.profile.DatasetProfiler;
import dev.gyre.data.quality.ClassBalance;
import dev.gyre.data.quality.QualityChecks;
import dev.gyre.data.quality.QualityConfig;
import dev.gyre.data.quality.QualityReport;
import dev.gyre.data.read.DatasetSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML reports on real data: Seattle against New York weather, the Shuttle labels, and a hostile column name. */
class HtmlReportsTest {

    private static final String HOSTILE = "<script>alert(1)</script>";

    @TempDir
    static Path dir;

    private static DatasetProfile seattle;
    private static DatasetProfile newYork;
    private static ProfileComparison comparison;
    private static String comparisonHtml;

    @BeforeAll
    static void compareWeather() {
        seattle = DatasetProfiler.profile(DatasetSource.of(weatherAt(dir, "Seattle")));
        newYork = DatasetProfiler.profile(DatasetSource.of(weatherAt(dir, "New York")));
        comparison = ProfileDrift.withDefaults().compare(seattle, newYork);
        comparisonHtml = new ComparisonPage("seattle.csv", "new_york.csv", comparison, seattle, newYork, false).html();
    }

    @Test
    void comparisonHasAnOverlaidChartPerDriftedFeature() {
        List<FeatureDrift> drifted = comparison.drift().features().stream()
                .filter(FeatureDrift::drifted)
                .toList();
        assertThat(drifted).extracting(FeatureDrift::feature).contains("temp_max", "temp_min", "location");

        assertThat(HtmlChecks.count(comparisonHtml, "<svg")).isEqualTo(drifted.size());
        for (FeatureDrift feature : drifted) {
            assertThat(comparisonHtml)
                    .contains("<svg role=\"img\" viewBox=\"0 0 640 ")
                    .contains("<title>" + feature.feature() + "</title>");
        }
        assertThat(comparisonHtml)
                .contains("DATASET DRIFT")
                .contains("reference seattle.csv")
                .contains("current new_york.csv")
                .contains(">reference</text>")
                .contains(">current</text>")
                .contains("share of values")
                .contains("each dataset sums to 100%")
                .contains("Fractions, not counts");
        HtmlChecks.assertSelfContained(comparisonHtml);
    }

    @Test
    void driftTableRowsMatchTheComparison() {
        List<List<String>> rows = HtmlChecks.tableRows(comparisonHtml, "Drift by feature");
        List<FeatureDrift> features = comparison.drift().features();

        assertThat(rows).hasSize(features.size());
        for (int i = 0; i < rows.size(); i++) {
            FeatureDrift feature = features.get(i);
            List<String> row = rows.get(i);
            assertThat(row.get(0)).isEqualTo(feature.feature());
            assertThat(row.get(1))
                    .isEqualTo(comparison.types().get(feature.feature()).label());
            assertThat(row.get(2)).isEqualTo(feature.method().name().toLowerCase(Locale.ROOT));
            assertThat(Double.parseDouble(row.get(3))).isCloseTo(feature.statistic(), relative(feature.statistic()));
            if (feature.pValue() == null) {
                assertThat(row.get(4)).isEmpty();
            } else {
                assertThat(Double.parseDouble(row.get(4))).isCloseTo(feature.pValue(), relative(feature.pValue()));
            }
            assertThat(row.get(7)).contains(feature.drifted() ? ">DRIFT<" : ">ok<");
        }
    }

    @Test
    void chartingAllFeaturesDrawsOnePerComparedFeature() {
        String html = new ComparisonPage("a", "b", comparison, seattle, newYork, true).html();

        assertThat(HtmlChecks.count(html, "<svg"))
                .isEqualTo(comparison.drift().features().size());
        HtmlChecks.assertSelfContained(html);
    }

    @Test
    void aFileAgainstItselfChartsNothingAndSaysSo() {
        ProfileComparison same = ProfileDrift.withDefaults().compare(seattle, seattle);

        String html = new ComparisonPage("s", "s", same, seattle, seattle, false).html();

        assertThat(html)
                .contains("no dataset drift")
                .contains("No feature drifted")
                .doesNotContain("<svg");
        HtmlChecks.assertSelfContained(html);
    }

    @Test
    void profileHasAHistogramPerNumericFeatureAndTopValuesPerCategory() {
        String html = new ProfilePage("seattle.csv", seattle).html();

        List<List<String>> rows = HtmlChecks.tableRows(html, "Features");
        assertThat(rows)
                .extracting(r -> r.get(0))
                .containsExactly(seattle.features().stream().map(f -> f.name()).toArray(String[]::new));
        assertThat(rows.get(3).get(0)).isEqualTo("temp_max");
        assertThat(rows.get(3).get(5))
                .isEqualTo(AxisFormat.number(
                        seattle.feature("temp_max").orElseThrow().moments().min()));
        // location and weather are categories, the other five columns numbers or dates: one chart each.
        assertThat(HtmlChecks.count(html, "<svg")).isEqualTo(7);
        assertThat(html).contains("<title>rain, share: ").contains(">2012-01-01<");
        HtmlChecks.assertSelfContained(html);
    }

    @Test
    void qualityReportListsEveryFindingWithItsEvidence() {
        Path shuttle = shared("mlbench_Shuttle.csv");
        QualityReport report = new QualityChecks().run(shuttle, QualityConfig.forLabel("Class"));

        String html = new QualityPage(report).html();

        List<List<String>> rows = HtmlChecks.tableRows(html, "<h2>Findings</h2>");
        assertThat(rows).hasSize(report.findings().size());
        for (int i = 0; i < rows.size(); i++) {
            assertThat(rows.get(i).get(1))
                    .contains(">" + report.findings().get(i).severity().name() + "<");
            assertThat(rows.get(i).get(3))
                    .isEqualTo(Html.escape(report.findings().get(i).summary()));
        }
        ClassBalance balance = report.findings(ClassBalance.class).getFirst();
        List<List<String>> classes = HtmlChecks.tableRows(html, "<h2>Class balance</h2>");
        assertThat(classes).hasSize(balance.classes().size());
        assertThat(classes.getFirst().get(0))
                .isEqualTo(balance.classes().getFirst().label());
        assertThat(html).contains("<h2>Duplicate rows</h2>").contains("<svg");
        HtmlChecks.assertSelfContained(html);
    }

    @Test
    void userStringsAreEscapedEverywhere() throws IOException {
        Path reference = dir.resolve("hostile-reference.csv");
        Path current = dir.resolve("hostile-current.csv");
        Files.writeString(reference, csv("\"" + HOSTILE + "\",label\n", 0));
        Files.writeString(current, csv("\"" + HOSTILE + "\",label\n", 50));
        DatasetProfile ref = DatasetProfiler.profile(DatasetSource.of(reference));
        DatasetProfile cur = DatasetProfiler.profile(DatasetSource.of(current));
        ProfileComparison hostile = ProfileDrift.withDefaults().compare(ref, cur);
        assertThat(hostile.drift().features()).extracting(FeatureDrift::feature).contains(HOSTILE);

        List<String> pages = List.of(
                new ComparisonPage(HOSTILE, "\"&'", hostile, ref, cur, true).html(),
                new ProfilePage(HOSTILE, ref).html(),
                new QualityPage(new QualityChecks().run(reference, QualityConfig.forLabel("label"))).html());

        for (String html : pages) {
            assertThat(html)
                    .doesNotContain(HOSTILE)
                    .doesNotContain("<b>")
                    .contains("&lt;script&gt;alert(1)&lt;/script&gt;");
            HtmlChecks.assertSelfContained(html);
        }
        assertThat(pages.getFirst()).contains("&quot;&amp;&#39;").contains("&lt;b&gt;x");
    }

    @Test
    void anomalyTableTakesRowsOfStrings() {
        Html table = Sections.anomalyTable(List.of(
                List.of("out of range", "ERROR", "age", "3 values above 120", "max 131"),
                List.of("missing column", "WARNING", HOSTILE, "not in data", "")));

        String markup = table.markup();
        assertThat(HtmlChecks.count(markup, "<tr>")).isEqualTo(3);
        assertThat(markup)
                .contains("<span class=\"badge error\">ERROR</span>")
                .contains("<span class=\"badge warning\">WARNING</span>")
                .contains("&lt;script&gt;")
                .doesNotContain(HOSTILE);
        HtmlChecks.assertWellFormed(markup);
        assertThat(Sections.anomalyTable(List.of()).markup()).contains("No anomalies found.");
        assertThatThrownBy(() -> Sections.anomalyTable(List.of(List.of("too", "short"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reportFilesReplaceTheTargetWhole() throws IOException {
        Path target = dir.resolve("reports/nested/report.html");
        Files.createDirectories(target.getParent());
        Files.writeString(target, "old");

        Path written = ReportFiles.write(target, comparisonHtml);

        assertThat(written).isEqualTo(target.toAbsolutePath().normalize());
        assertThat(Files.readString(target)).isEqualTo(comparisonHtml);
        try (var files = Files.list(target.getParent())) {
            assertThat(files).containsExactly(written);
        }
    }

    /** 200 rows: a numeric column shifted by {@code shift} and a text label with markup in its values. */
    private static String csv(String header, int shift) {
        StringBuilder out = new StringBuilder(header);
        for (int i = 0; i < 200; i++) {
            out.append(i % 20 + shift)
                    .append(",\"<b>x")
                    .append(i % 3 + (shift > 0 ? 3 : 0))
                    .append("\"\n");
        }
        return out.toString();
    }

    private static org.assertj.core.data.Offset<Double> relative(double value) {
        return org.assertj.core.data.Offset.offset(Math.abs(value) * 1e-3 + 1e-300);
    }
}
