package dev.gyre.serve.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gyre.core.error.GyreException;
import dev.gyre.serve.TestModels;
import dev.gyre.serve.batch.BatchSettings;
import dev.gyre.serve.runtime.InputValidator;
import dev.gyre.serve.runtime.PackageRuntime;
import dev.gyre.serve.tensor.Datatype;
import dev.gyre.serve.tensor.Tensor;
import dev.gyre.serve.tensor.TensorData;
import dev.gyre.store.MetadataStores;
import dev.gyre.store.TestDatabases;
import dev.gyre.store.artifact.LocalArtifactStore;
import dev.gyre.store.sql.SqlMetadataStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRepositoryTest {

    @TempDir
    Path dir;

    private MetadataStores stores;
    private LocalArtifactStore artifacts;

    @BeforeEach
    void openStores() throws Exception {
        stores = SqlMetadataStores.open(TestDatabases.h2Memory(), "mlflow-artifacts:/");
        artifacts = new LocalArtifactStore(Files.createDirectories(dir.resolve("artifacts")));
        stores.registry().createRegisteredModel("shapes", List.of(), null);
        for (int version = 1; version <= 2; version++) {
            Path local = TestModels.binaryPackage(dir.resolve("package-" + version), version == 1 ? 4 : 12);
            TestModels.upload(artifacts, local, "models/v" + version);
            stores.registry()
                    .createModelVersion("shapes", "mlflow-artifacts:/models/v" + version, null, List.of(), null, null);
        }
        stores.registry().setRegisteredModelAlias("shapes", "champion", 1);
    }

    @AfterEach
    void closeStores() {
        stores.close();
    }

    @Test
    void aLocalPackageIsServedUnderItsFolderName() throws Exception {
        Path local = TestModels.binaryPackage(dir.resolve("credit"), 4);
        try (ModelRepository repository =
                open(List.of(new ModelRepository.Entry("credit", ModelSource.parse(local.toString()))))) {
            ServedModel model = repository.find("credit").orElseThrow();
            assertThat(model.source().defaultName()).isEqualTo("credit");
            try (ServedModel.Lease lease = model.lease()) {
                assertThat(lease.version().version()).isEqualTo("1");
                assertThat(lease.version().runtime()).isInstanceOf(PackageRuntime.class);
                assertThat(lease.version().metadata().outputs())
                        .extracting(s -> s.name())
                        .containsExactly("probability", "label");
                List<Tensor> outputs = score(lease, 9, "round");
                assertThat(((TensorData.Texts) outputs.get(1).data()).values()).containsExactly("yes");
            }
        }
    }

    @Test
    void anAliasIsFollowedWithoutFailingARequestAndTheOldVersionIsFreed() throws Exception {
        try (ModelRepository repository =
                open(List.of(new ModelRepository.Entry("shapes", ModelSource.parse("models:/shapes@champion"))))) {
            ServedModel model = repository.find("shapes").orElseThrow();
            ServedVersion first = model.current();
            assertThat(first.version()).isEqualTo("1");
            double v1 = probability(model);

            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger served = new AtomicInteger();
            Set<String> versionsSeen = ConcurrentHashMap.newKeySet();
            List<Throwable> failures = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
                List<Future<?>> load = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    load.add(pool.submit(() -> {
                        while (running.get()) {
                            try (ServedModel.Lease lease = model.lease()) {
                                score(lease, 3, "square");
                                versionsSeen.add(lease.version().version());
                                served.incrementAndGet();
                            } catch (Throwable e) {
                                synchronized (failures) {
                                    failures.add(e);
                                }
                            }
                        }
                    }));
                }
                Thread.sleep(200);
                stores.registry().moveAlias("shapes", "champion", 2, "test", "hot reload under load");
                assertThat(repository.reloadChanged()).isEqualTo(1);
                Thread.sleep(200);
                running.set(false);
                for (Future<?> future : load) {
                    future.get(30, TimeUnit.SECONDS);
                }
            }

            assertThat(failures).isEmpty();
            assertThat(served.get()).isGreaterThan(10);
            assertThat(versionsSeen).containsExactlyInAnyOrder("1", "2");
            assertThat(model.current().version()).isEqualTo("2");
            assertThat(first.closed()).isTrue();
            assertThat(probability(model)).isNotEqualTo(v1);
            // Nothing moved since: a second poll switches nothing.
            assertThat(repository.reloadChanged()).isZero();
        }
    }

    @Test
    void aVersionThatCannotLoadLeavesTheCurrentOneServing() throws Exception {
        stores.registry().createModelVersion("shapes", "mlflow-artifacts:/models/missing", null, List.of(), null, null);
        List<String> failures = new ArrayList<>();
        RepositoryEvents events = new RepositoryEvents() {
            @Override
            public void reloadFailed(String model, String reason) {
                failures.add(model + ": " + reason);
            }
        };
        try (ModelRepository repository = ModelRepository.open(
                List.of(new ModelRepository.Entry("shapes", ModelSource.parse("models:/shapes@champion"))),
                new ModelLoader(stores.registry(), artifacts),
                BatchSettings.DEFAULTS,
                events,
                Duration.ZERO)) {
            stores.registry().moveAlias("shapes", "champion", 3, "test", "a broken version");
            assertThat(repository.reloadChanged()).isZero();
            assertThat(failures).singleElement().asString().startsWith("shapes: ");
            assertThat(repository.find("shapes").orElseThrow().current().version())
                    .isEqualTo("1");
        }
    }

    @Test
    void badSourcesAreNamed() {
        assertThatThrownBy(() -> ModelSource.parse("models:/shapes"))
                .isInstanceOf(GyreException.class)
                .hasMessageContaining("is not a model reference");
        assertThatThrownBy(() -> ModelSource.parse(dir.resolve("nowhere").toString()))
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> open(List.of(new ModelRepository.Entry("x", ModelSource.parse("models:/unknown/1")))))
                .isInstanceOf(GyreException.class)
                .hasMessageContaining("unknown");
        assertThatThrownBy(() -> open(List.of(new ModelRepository.Entry("x", ModelSource.parse(dir.toString())))))
                .hasMessageContaining("is a folder without gyre-model.json");
    }

    private ModelRepository open(List<ModelRepository.Entry> entries) {
        return ModelRepository.open(
                entries,
                new ModelLoader(stores.registry(), artifacts),
                BatchSettings.DEFAULTS,
                RepositoryEvents.NONE,
                Duration.ZERO);
    }

    private static double probability(ServedModel model) {
        try (ServedModel.Lease lease = model.lease()) {
            return ((TensorData.Doubles) score(lease, 5, "square").getFirst().data()).values()[0];
        }
    }

    private static List<Tensor> score(ServedModel.Lease lease, double size, String shape) {
        List<Tensor> inputs = InputValidator.validate(
                lease.version().metadata(),
                List.of(
                        Tensor.of("size", Datatype.FP64, new long[] {1}, new TensorData.Doubles(new double[] {size})),
                        Tensor.of(
                                "shape", Datatype.BYTES, new long[] {1}, new TensorData.Texts(new String[] {shape}))));
        return lease.version().batcher().infer(inputs, System.nanoTime());
    }
}
