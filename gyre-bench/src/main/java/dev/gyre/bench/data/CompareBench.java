package dev.gyre.bench.data;

import dev.gyre.data.drift.ProfileComparison;
import dev.gyre.data.drift.ProfileDrift;
import dev.gyre.data.profile.DatasetProfile;
import dev.gyre.data.profile.DatasetProfiler;
import dev.gyre.data.profile.ProfileJson;
import dev.gyre.data.read.DatasetSource;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Comparing two saved profiles, in one JVM: {@code ProfileDrift.compare} on profiles in memory, and the same after
 * reading both profiles from their JSON files (what {@code gyre data compare ref.json cur.json} does after the JVM
 * start). Profiles both datasets first and saves them as {@code REF.profile.json} and {@code CUR.profile.json} next
 * to the data, for a cold CLI run by {@code bench/data.sh}.
 *
 * <p>Usage: {@code CompareBench REF_DATA CUR_DATA [ROUNDS=50]}; the first {@code ROUNDS} calls are warm-up.
 */
public final class CompareBench {

    private CompareBench() {}

    public static void main(String[] args) throws Exception {
        Path refData = Path.of(args[0]);
        Path curData = Path.of(args[1]);
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        ProfileJson json = new ProfileJson();
        DatasetProfile reference = DatasetProfiler.profile(DatasetSource.of(refData));
        DatasetProfile current = DatasetProfiler.profile(DatasetSource.of(curData));
        Path refJson = refData.resolveSibling(refData.getFileName() + ".profile.json");
        Path curJson = curData.resolveSibling(curData.getFileName() + ".profile.json");
        json.write(reference, refJson);
        json.write(current, curJson);
        ProfileDrift drift = ProfileDrift.withDefaults();

        ProfileComparison first = drift.compare(reference, current);
        double firstCall = BenchResults.millis(() -> drift.compare(reference, current));
        for (int i = 0; i < rounds; i++) {
            BenchResults.sink = drift.compare(reference, current);
        }
        double[] inMemory = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            inMemory[i] = BenchResults.millis(() -> drift.compare(reference, current));
        }
        for (int i = 0; i < rounds; i++) {
            BenchResults.sink = drift.compare(json.read(refJson), json.read(curJson));
        }
        double[] fromJson = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            fromJson[i] = BenchResults.millis(() -> drift.compare(json.read(refJson), json.read(curJson)));
        }
        BenchResults.result(
                "bench",
                "compare_warm",
                "reference",
                refData.getFileName(),
                "features",
                reference.features().size(),
                "compared",
                first.drift().features().size(),
                "drifted",
                first.drift().driftedFeatures(),
                "ref_rows",
                reference.rowCount(),
                "cur_rows",
                current.rowCount(),
                "json_kb",
                (Files.size(refJson) + Files.size(curJson)) / 1024,
                "first_call_ms",
                BenchResults.ms(firstCall),
                "median_ms",
                BenchResults.ms(BenchResults.median(inMemory)),
                "from_json_median_ms",
                BenchResults.ms(BenchResults.median(fromJson)));
    }
}
