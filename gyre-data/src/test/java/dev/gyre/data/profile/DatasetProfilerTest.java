package dev.gyre.data.profile;

import static dev.gyre.data.testing.TestData.duckDb;
import static dev.gyre.data.testing.TestData.firstRow;
import static dev.gyre.data.testing.TestData.shared;
import static dev.gyre.data.testing.TestData.split;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import dev.gyre.data.read.DatasetSource;
import dev.gyre.data.read.GyreType;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetProfilerTest {

    private static final Path LENDING = shared("modeldata_lending_club.csv");
    /** KLL k=200 single-quantile rank error (99%), plus a little slack. */
    private static final double RANK_ERROR = 0.0165 + 0.002;

    @TempDir
    Path temp;

    @Test
    void exactStatsMatchDuckDbAggregates() {
        DatasetProfile profile = DatasetProfiler.profile(DatasetSource.of(LENDING));
        assertThat(profile.rowCount()).isEqualTo(9857);
        assertThat(profile.features()).hasSize(23);

        FeatureProfile income = profile.feature("annual_inc").orElseThrow();
        assertThat(income.type()).isEqualTo(GyreType.NUMERIC);
        double[] exact = firstRow("SELECT count(annual_inc), avg(annual_inc), stddev_samp(annual_inc), min(annual_inc),"
                + " max(annual_inc), count(*) FILTER (annual_inc = 0), count(DISTINCT annual_inc)"
                + " FROM read_csv('" + LENDING + "')");
        assertThat(income.counts().present()).isEqualTo((long) exact[0]);
        assertThat(income.moments().mean()).isCloseTo(exact[1], within(exact[1] * 1e-12));
        assertThat(income.moments().std()).isCloseTo(exact[2], within(exact[2] * 1e-9));
        assertThat(income.moments().min()).isEqualTo(exact[3]);
        assertThat(income.moments().max()).isEqualTo(exact[4]);
        assertThat(income.counts().zeros()).isEqualTo((long) exact[5]);
        assertThat(income.distinct().estimate()).isCloseTo(exact[6], within(exact[6] * 0.05));

        FeatureProfile state = profile.feature("addr_state").orElseThrow();
        assertThat(state.type()).isEqualTo(GyreType.STRING);
        double[] states = firstRow("SELECT count(DISTINCT addr_state), max(length(addr_state)), count(*)"
                + " FILTER (addr_state = 'CA') FROM read_csv('" + LENDING + "')");
        assertThat(state.distinct().estimate()).isCloseTo(states[0], within(0.5));
        assertThat(state.lengths().max()).isEqualTo((long) states[1]);
        assertThat(state.topValues(1)).singleElement().satisfies(top -> {
            assertThat(top.value()).isEqualTo("CA");
            assertThat(top.count()).isEqualTo((long) states[2]);
        });
    }

    @Test
    void quantilesAndHistogramsStayWithinTheKllRankError() {
        FeatureProfile rate = DatasetProfiler.profile(DatasetSource.of(LENDING))
                .feature("int_rate")
                .orElseThrow();
        List<Double> ranks = List.of(0.1, 0.25, 0.5, 0.75, 0.9);
        List<Double> estimates = rate.quantiles(ranks);
        for (int i = 0; i < ranks.size(); i++) {
            double rank = ranks.get(i);
            double[] bounds = firstRow("SELECT quantile_disc(int_rate, " + (rank - RANK_ERROR) + "), quantile_disc("
                    + "int_rate, " + (rank + RANK_ERROR) + ") FROM read_csv('" + LENDING + "')");
            assertThat(estimates.get(i)).as("quantile %s", rank).isBetween(bounds[0], bounds[1]);
        }
        List<HistogramBucket> histogram = rate.equalWidthHistogram(10);
        assertThat(histogram).hasSize(10);
        assertThat(histogram.stream().mapToDouble(HistogramBucket::count).sum()).isCloseTo(9857, within(1e-6));
        double low = histogram.get(2).low();
        double high = histogram.get(2).high();
        double exactCount = firstRow("SELECT count(*) FILTER (int_rate > " + low + " AND int_rate <= " + high
                + ") FROM read_csv('" + LENDING + "')")[0];
        assertThat(histogram.get(2).count()).isCloseTo(exactCount, within(9857 * 2 * RANK_ERROR));
        assertThat(rate.quantileHistogram(4)).extracting(HistogramBucket::count).containsOnly(9857 / 4.0);
    }

    @Test
    void profilesOfTwoPartsMergeIntoTheProfileOfTheWhole() {
        Path first = temp.resolve("first.csv");
        Path second = temp.resolve("second.csv");
        split(LENDING, 4000, first, second);

        DatasetProfile whole = DatasetProfiler.profile(DatasetSource.of(LENDING));
        DatasetProfile merged = DatasetProfile.merge(
                DatasetProfiler.profile(DatasetSource.of(first)), DatasetProfiler.profile(DatasetSource.of(second)));

        assertMergedMatches(merged, whole);
    }

    @Test
    void jsonRoundTripKeepsStatsAndMergeableSketches() {
        DatasetProfile profile = DatasetProfiler.profile(DatasetSource.of(LENDING));
        ProfileJson json = new ProfileJson();
        DatasetProfile loaded = json.read(json.write(profile), "memory");

        assertThat(loaded).isEqualTo(profile);
        assertThat(json.write(loaded)).isEqualTo(json.write(profile));
        DatasetProfile doubled = DatasetProfile.merge(loaded, profile);
        assertThat(doubled.rowCount()).isEqualTo(2 * 9857);
        assertThat(doubled.feature("Class")
                        .orElseThrow()
                        .topValues(1)
                        .getFirst()
                        .count())
                .isEqualTo(2
                        * profile.feature("Class")
                                .orElseThrow()
                                .topValues(1)
                                .getFirst()
                                .count());
    }

    @Test
    void specialValuesAndBothWaysOfFeedingSketchesAgreeWithDuckDb() {
        Path file = temp.resolve("special.parquet");
        duckDb("COPY (SELECT range AS id, CASE range % 10 WHEN 0 THEN NULL WHEN 1 THEN 'NaN'::DOUBLE"
                + " WHEN 2 THEN 'inf'::DOUBLE WHEN 3 THEN '-inf'::DOUBLE WHEN 4 THEN 0 ELSE range % 7 END AS x,"
                + " range % 3 = 0 AS flag, 'k' || (range % 5) AS key FROM range(20000)) TO '" + file
                + "' (FORMAT parquet)");

        DatasetProfile profile = DatasetProfiler.profile(DatasetSource.of(file));

        // Unique values: streamed one by one.
        FeatureProfile id = profile.feature("id").orElseThrow();
        assertThat(id.moments().mean()).isEqualTo(9999.5);
        assertThat(id.quantiles(List.of(0.5)).getFirst()).isCloseTo(10_000, within(20_000 * RANK_ERROR));
        assertThat(id.distinct().estimate()).isCloseTo(20_000, within(20_000 * 0.05));
        // Few distinct values: counted by DuckDB, fed once each with their counts.
        FeatureProfile x = profile.feature("x").orElseThrow();
        double[] exact = firstRow("SELECT count_if(x = 0), avg(x) FILTER (isfinite(x)) FROM '" + file + "'");
        assertThat(x.counts()).isEqualTo(new ValueCounts(18_000, 2_000, 2_000, 2_000, 2_000, (long) exact[0]));
        assertThat(x.moments().count()).isEqualTo(12_000);
        assertThat(x.moments().mean()).isCloseTo(exact[1], within(1e-12));
        assertThat(x.sketches().kllSketch().getN()).isEqualTo(12_000);
        assertThat(x.distinct().estimate()).as("0..6, NaN, +inf, -inf").isCloseTo(10, within(0.5));
        assertThat(x.quantiles(List.of(0.0, 1.0))).containsExactly(0.0, 6.0);
        FeatureProfile flag = profile.feature("flag").orElseThrow();
        assertThat(flag.type()).isEqualTo(GyreType.BOOLEAN);
        assertThat(flag.counts().zeros()).isEqualTo(13_333);
        assertThat(flag.moments().mean()).isCloseTo(6_667 / 20_000.0, within(1e-12));
        assertThat(flag.topValues(2))
                .extracting(FrequentValue::value, FrequentValue::count)
                .containsExactly(tuple("false", 13_333L), tuple("true", 6_667L));
        FeatureProfile key = profile.feature("key").orElseThrow();
        assertThat(key.topValues(10)).hasSize(5).allSatisfy(top -> assertThat(top.count())
                .isEqualTo(4_000));
        assertThat(key.lengths()).isEqualTo(new LengthStats(20_000, 2, 2, 40_000));
    }

    @Test
    void flightsParquetProfilesQuickly() {
        long start = System.nanoTime();
        DatasetProfile profile = DatasetProfiler.profile(DatasetSource.of(shared("flights-3m.parquet")));
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("flights-3m.parquet profiled in " + millis + " ms");
        assertThat(profile.rowCount()).isEqualTo(3_000_000);
        assertThat(profile.features())
                .allSatisfy(f -> assertThat(f.counts().total()).isEqualTo(3_000_000));
    }

    static void assertMergedMatches(DatasetProfile merged, DatasetProfile whole) {
        assertThat(merged.rowCount()).isEqualTo(whole.rowCount());
        for (FeatureProfile expected : whole.features()) {
            FeatureProfile actual = merged.feature(expected.name()).orElseThrow();
            assertThat(actual.counts()).as(expected.name()).isEqualTo(expected.counts());
            assertThat(actual.lengths()).as(expected.name()).isEqualTo(expected.lengths());
            Moments a = actual.moments();
            Moments e = expected.moments();
            assertThat(a.count()).isEqualTo(e.count());
            assertThat(a.min()).isEqualTo(e.min());
            assertThat(a.max()).isEqualTo(e.max());
            assertThat(a.mean()).as(expected.name()).isCloseTo(e.mean(), within(1e-9 * (1 + Math.abs(e.mean()))));
            assertThat(a.sumSquaredDeviations())
                    .isCloseTo(e.sumSquaredDeviations(), within(1e-9 * (1 + e.sumSquaredDeviations())));
            assertThat(actual.distinct().estimate())
                    .isCloseTo(
                            expected.distinct().estimate(),
                            within(0.04 * expected.distinct().estimate() + 1));
            List<Double> mergedMedian = actual.quantiles(List.of(0.5));
            if (!mergedMedian.isEmpty()) {
                List<Double> bounds = expected.quantiles(List.of(0.5 - 2 * RANK_ERROR, 0.5 + 2 * RANK_ERROR));
                assertThat(mergedMedian.getFirst()).as(expected.name()).isBetween(bounds.get(0), bounds.get(1));
            }
        }
    }
}
