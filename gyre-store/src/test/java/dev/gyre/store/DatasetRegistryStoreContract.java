package dev.gyre.store;

import static dev.gyre.store.StoreAssertions.assertInvalid;
import static dev.gyre.store.StoreAssertions.assertNotFound;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gyre.core.data.DatasetRegistration;
import dev.gyre.core.data.DatasetSummary;
import dev.gyre.core.data.DatasetVersion;
import dev.gyre.core.data.NewDatasetVersion;
import dev.gyre.core.page.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The {@link DatasetRegistryStore} contract: versioning by digest, idempotent re-registration, races, paging. */
public abstract class DatasetRegistryStoreContract extends StoreContractSupport {
    private static final String SCHEMA = "[{\"name\":\"x\",\"type\":\"numeric\",\"duckdb_type\":\"BIGINT\"}]";

    private DatasetRegistryStore datasets;

    @BeforeAll
    void bindStore() {
        datasets = stores.datasets();
    }

    private static NewDatasetVersion version(String name, String digest) {
        return new NewDatasetVersion(
                name, digest, "/data/" + name + ".csv", "csv", 3, SCHEMA, "{\"row_count\":3}", null);
    }

    private static String digest(int n) {
        return "sha256:" + String.format("%064x", n);
    }

    @Test
    void numbersVersionsPerNameAndReturnsTheExistingVersionForUnchangedBytes() {
        String name = unique("iris");
        DatasetRegistration first = datasets.register(new NewDatasetVersion(
                name, digest(1), "/data/iris.csv", "csv", 150, SCHEMA, "{\"row_count\":150}", "the original"));
        assertThat(first.created()).isTrue();
        DatasetVersion v1 = first.version();
        assertThat(v1.name()).isEqualTo(name);
        assertThat(v1.version()).isEqualTo(1);
        assertThat(v1.digest()).isEqualTo(digest(1));
        assertThat(v1.source()).isEqualTo("/data/iris.csv");
        assertThat(v1.format()).isEqualTo("csv");
        assertThat(v1.rowCount()).isEqualTo(150);
        assertThat(v1.schema()).isEqualTo(SCHEMA);
        assertThat(v1.description()).isEqualTo("the original");
        assertThat(v1.creationTime()).isPositive();

        DatasetRegistration again = datasets.register(version(name, digest(1)));
        assertThat(again.created()).isFalse();
        assertThat(again.version()).isEqualTo(v1);

        DatasetRegistration second = datasets.register(version(name, digest(2)));
        assertThat(second.created()).isTrue();
        assertThat(second.version().version()).isEqualTo(2);
        assertThat(second.version().description()).isNull();

        // Another name numbers from 1 even for the same bytes.
        String other = unique("iris-copy");
        assertThat(datasets.register(version(other, digest(1))).version().version())
                .isEqualTo(1);

        assertThat(datasets.getVersion(name, 1)).isEqualTo(v1);
        assertThat(datasets.getLatestVersion(name)).isEqualTo(second.version());
        assertThat(datasets.findVersionByDigest(name, digest(2))).contains(second.version());
        assertThat(datasets.findVersionByDigest(name, digest(3))).isEmpty();
        assertThat(datasets.getProfile(name, 1)).isEqualTo("{\"row_count\":150}");
    }

    @Test
    void storesLargeProfiles() {
        String name = unique("wide");
        String profile = "{\"features\":[\"" + "x".repeat(600_000) + "\"]}";
        datasets.register(
                new NewDatasetVersion(name, digest(7), "/data/wide.parquet", "parquet", 1, SCHEMA, profile, null));
        assertThat(datasets.getProfile(name, 1)).isEqualTo(profile);
    }

    @Test
    void reportsMissingNamesAndVersionsPrecisely() {
        String name = unique("known");
        datasets.register(version(name, digest(1)));
        assertNotFound(() -> datasets.getVersion(name, 2), "Dataset version (name=" + name + ", version=2) not found");
        assertNotFound(() -> datasets.getVersion("nope", 1), "Dataset 'nope' not found");
        assertNotFound(() -> datasets.getLatestVersion("nope"), "Dataset 'nope' not found");
        assertNotFound(() -> datasets.getProfile(name, 9), "Dataset version (name=" + name + ", version=9) not found");
        assertNotFound(() -> datasets.listVersions("nope", 10, null), "Dataset 'nope' not found");
    }

    @Test
    void validatesArgumentsAndWritesNothingOnBadInput() {
        String name = unique("bad");
        assertInvalid(() -> datasets.register(version("", digest(1))), "Dataset name cannot be empty.");
        assertInvalid(
                () -> datasets.register(version("a/../b", digest(1))),
                "Invalid dataset name: 'a/../b'. Names may be treated as files");
        assertInvalid(() -> datasets.register(version("semi;colon", digest(1))), "Invalid dataset name: 'semi;colon'");
        assertInvalid(
                () -> datasets.register(version("n".repeat(501), digest(1))),
                "Dataset name exceeds the maximum length of 500 characters");
        assertInvalid(() -> datasets.register(version(name, " ")), "Dataset digest cannot be empty.");
        assertInvalid(
                () -> datasets.register(version(name, "d".repeat(101))),
                "Dataset digest exceeds the maximum length of 100 characters");
        assertInvalid(
                () -> datasets.register(
                        new NewDatasetVersion(name, digest(1), "/a.csv", "csv", -1, SCHEMA, "{}", null)),
                "Dataset row count must not be negative, got -1");
        assertInvalid(
                () -> datasets.register(new NewDatasetVersion(name, digest(1), "/a.csv", "csv", 1, null, "{}", null)),
                "Dataset schema cannot be empty.");
        assertInvalid(
                () -> datasets.register(new NewDatasetVersion(name, digest(1), "/a.csv", "csv", 1, SCHEMA, "", null)),
                "Dataset profile cannot be empty.");
        assertInvalid(
                () -> datasets.register(
                        new NewDatasetVersion(name, digest(1), "/a.csv", "csv", 1, SCHEMA, "{}", "d".repeat(5001))),
                "had length 5001, which exceeded length limit of 5000");
        assertInvalid(() -> datasets.getVersion(name, 0), "Dataset version must be a positive integer, got 0");
        assertInvalid(() -> datasets.listDatasets(0, null), "It must be at least 1, but got value 0");
        assertInvalid(() -> datasets.listDatasets(1001, null), "It must be at most 1000, but got value 1001");
        assertInvalid(() -> datasets.listVersions(name, 10, "garbage!"), "Invalid page token");
        assertNotFound(() -> datasets.getLatestVersion(name), "Dataset '" + name + "' not found");
    }

    @Test
    void pagesThroughDatasetsAndVersions() {
        String prefix = unique("paged");
        for (int i = 0; i < 5; i++) {
            datasets.register(version(prefix + "-v", digest(100 + i)));
        }
        Page<DatasetVersion> first = datasets.listVersions(prefix + "-v", 2, null);
        assertThat(first.items()).extracting(DatasetVersion::version).containsExactly(5L, 4L);
        Page<DatasetVersion> second =
                datasets.listVersions(prefix + "-v", 2, first.nextPageToken().orElseThrow());
        assertThat(second.items()).extracting(DatasetVersion::version).containsExactly(3L, 2L);
        Page<DatasetVersion> last =
                datasets.listVersions(prefix + "-v", 2, second.nextPageToken().orElseThrow());
        assertThat(last.items()).extracting(DatasetVersion::version).containsExactly(1L);
        assertThat(last.nextPageToken()).isEmpty();

        List<DatasetSummary> all = new ArrayList<>();
        String token = null;
        do {
            Page<DatasetSummary> page = datasets.listDatasets(3, token);
            assertThat(page.items().size()).isLessThanOrEqualTo(3);
            all.addAll(page.items());
            token = page.nextPageToken().orElse(null);
        } while (token != null);
        assertThat(all).extracting(DatasetSummary::name).isSorted().doesNotHaveDuplicates();
        DatasetSummary summary = all.stream()
                .filter(s -> s.name().equals(prefix + "-v"))
                .findFirst()
                .orElseThrow();
        assertThat(summary.latestVersion()).isEqualTo(5);
        assertThat(summary.versionCount()).isEqualTo(5);
        assertThat(summary.lastUpdatedTime()).isGreaterThanOrEqualTo(summary.creationTime());
    }

    @Test
    void concurrentRegistrationsOfTheSameBytesYieldOneVersion() throws Exception {
        String name = unique("race-same");
        List<DatasetRegistration> results = race(8, i -> version(name, digest(42)));
        assertThat(results).extracting(r -> r.version().version()).containsOnly(1L);
        assertThat(results).filteredOn(DatasetRegistration::created).hasSize(1);
        assertThat(datasets.listVersions(name, 100, null).items()).hasSize(1);
    }

    @Test
    void concurrentRegistrationsOfDifferentBytesGetConsecutiveVersions() throws Exception {
        String name = unique("race-diff");
        List<DatasetRegistration> results = race(8, i -> version(name, digest(1000 + i)));
        assertThat(results).allMatch(DatasetRegistration::created);
        assertThat(results)
                .extracting(r -> r.version().version())
                .containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(datasets.getLatestVersion(name).version()).isEqualTo(8);
    }

    private interface VersionFor {
        NewDatasetVersion of(int i);
    }

    /** Runs {@code n} registrations released at the same moment. */
    private List<DatasetRegistration> race(int n, VersionFor versionFor) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(n)) {
            List<Future<DatasetRegistration>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                NewDatasetVersion v = versionFor.of(i);
                Callable<DatasetRegistration> task = () -> {
                    start.await();
                    return datasets.register(v);
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            List<DatasetRegistration> out = new ArrayList<>();
            for (Future<DatasetRegistration> f : futures) {
                out.add(f.get());
            }
            return out;
        }
    }
}
