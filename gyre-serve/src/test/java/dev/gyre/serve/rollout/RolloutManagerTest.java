package dev.gyre.serve.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gyre.core.error.GyreException;
import dev.gyre.serve.TestModels;
import dev.gyre.serve.batch.BatchSettings;
import dev.gyre.serve.inference.InferenceService;
import dev.gyre.serve.inference.RequestContext;
import dev.gyre.serve.log.PredictionLog;
import dev.gyre.serve.protocol.InferenceRequest;
import dev.gyre.serve.protocol.InferenceResponse;
import dev.gyre.serve.repository.ModelLoader;
import dev.gyre.serve.repository.ModelRepository;
import dev.gyre.serve.repository.ModelSource;
import dev.gyre.serve.repository.RepositoryEvents;
import dev.gyre.serve.tensor.Datatype;
import dev.gyre.serve.tensor.Tensor;
import dev.gyre.serve.tensor.TensorData;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

/** Rollouts on real packages: a stable version (4 rounds) and a candidate (12 rounds) that scores differently. */
class RolloutManagerTest {

    @TempDir
    Path dir;

    private ModelRepository repository;
    private InferenceService service;
    private RolloutManager rollouts;
    private String candidate;
    private final List<String> history = new ArrayList<>();

    @BeforeEach
    void serve() throws Exception {
        Path stable = TestModels.binaryPackage(dir.resolve("stable"), 4);
        candidate = TestModels.binaryPackage(dir.resolve("candidate"), 12).toString();
        repository = ModelRepository.open(
                List.of(new ModelRepository.Entry("shapes", ModelSource.parse(stable.toString()))),
                new ModelLoader(null, null),
                BatchSettings.DEFAULTS,
                RepositoryEvents.NONE,
                Duration.ZERO);
        service = new InferenceService(
                repository, dev.gyre.serve.inference.InferenceObserver.NONE, PredictionLog.NONE, 1000);
        rollouts = new RolloutManager(repository, new ListRecorder(history), null);
    }

    @AfterEach
    void stop() {
        rollouts.close();
        repository.close();
    }

    @Test
    void aCanaryStepsUpAndIsPromotedUnderLoadWithoutAFailedRequest() throws Exception {
        double stableScore = probability(null);
        Load load = Load.start(service);
        RolloutPolicy policy = new RolloutPolicy(List.of(20, 60, 100), Duration.ofHours(1), 20, 0.01, 1_000);
        Rollout rollout = rollouts.start("shapes", candidate, RolloutMode.CANARY, policy, "tester", "try more rounds");
        assertThat(rollout.weightPercent()).isEqualTo(20);
        for (int step = 0; step < 3; step++) {
            awaitCandidateRequests(rollout, 25);
            CanaryAnalysis.Decision decision = rollouts.analyse("shapes");
            assertThat(decision.kind())
                    .as(decision.reason())
                    .isEqualTo(step < 2 ? CanaryAnalysis.Decision.Kind.ADVANCE : CanaryAnalysis.Decision.Kind.PROMOTE);
        }
        load.stop();

        assertThat(load.failures).isEmpty();
        assertThat(load.versions).contains("1");
        assertThat(repository.find("shapes").orElseThrow().rollout()).isNull();
        assertThat(probability(null)).isNotEqualTo(stableScore);
        assertThat(history)
                .first()
                .asString()
                .isEqualTo("created canary 1 -> candidate (20%) by tester: try more rounds");
        assertThat(history).element(1).asString().startsWith("step 60% by gyre-canary: passed 20%, next 60%");
        assertThat(history).element(2).asString().startsWith("step 100% by gyre-canary: passed 60%, next 100%");
        assertThat(history).last().asString().startsWith("PROMOTED by gyre-canary: passed the last step (100%)");
    }

    @Test
    void aCanaryOverItsLatencySloIsRolledBackWithoutAFailedRequest() throws Exception {
        double stableScore = probability(null);
        Load load = Load.start(service);
        RolloutPolicy policy = new RolloutPolicy(List.of(50, 100), Duration.ofHours(1), 20, 0.01, 0.000_001);
        Rollout rollout = rollouts.start("shapes", candidate, RolloutMode.CANARY, policy, "tester", "slo check");
        awaitCandidateRequests(rollout, 25);
        CanaryAnalysis.Decision decision = rollouts.analyse("shapes");
        load.stop();

        assertThat(decision.kind()).isEqualTo(CanaryAnalysis.Decision.Kind.ROLLBACK);
        assertThat(decision.reason()).startsWith("candidate p99 latency");
        assertThat(load.failures).isEmpty();
        assertThat(repository.find("shapes").orElseThrow().rollout()).isNull();
        assertThat(probability(null)).isEqualTo(stableScore);
        assertThat(rollout.candidate().tryAcquire())
                .as("the candidate is freed")
                .isFalse();
        assertThat(history).last().asString().startsWith("ROLLED_BACK by gyre-canary: candidate p99 latency");
    }

    @Test
    void abRoutingIsStickyPerKeyAndShadowNeverAnswers() throws Exception {
        double stableScore = probability(null);
        rollouts.start(
                "shapes",
                candidate,
                RolloutMode.AB,
                new RolloutPolicy(List.of(50), Duration.ofHours(1), 0, 0, 0),
                "tester",
                "a/b");
        Map<String, Double> first = new ConcurrentHashMap<>();
        int onCandidate = 0;
        for (int user = 0; user < 200; user++) {
            double score = probability("user-" + user);
            first.put("user-" + user, score);
            if (score != stableScore) {
                onCandidate++;
            }
        }
        for (int user = 0; user < 200; user++) {
            assertThat(probability("user-" + user)).isEqualTo(first.get("user-" + user));
        }
        assertThat(onCandidate).isBetween(60, 140);
        rollouts.abort("shapes", "tester", "enough");

        Rollout shadow = rollouts.start(
                "shapes", candidate, RolloutMode.SHADOW, RolloutPolicy.DEFAULT_CANARY, "tester", "shadow");
        for (int i = 0; i < 50; i++) {
            assertThat(probability("user-" + i)).isEqualTo(stableScore);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (shadow.shadowCompared() + shadow.shadowDropped() < 50 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(shadow.shadowCompared()).isPositive();
        assertThat(shadow.shadowAgreed()).isEqualTo(shadow.shadowCompared()); // both say "no" for a size-5 square
        assertThat(shadow.candidateStats().snapshot().requests()).isEqualTo(shadow.shadowCompared());
        assertThatThrownBy(() -> rollouts.start(
                        "shapes", candidate, RolloutMode.CANARY, RolloutPolicy.DEFAULT_CANARY, "tester", "again"))
                .isInstanceOf(GyreException.class)
                .hasMessageContaining("already has a rollout in progress (shadow, deployment");
        rollouts.promote("shapes", "tester", "shadow looked fine");
        assertThat(probability(null)).isNotEqualTo(stableScore);
    }

    @Test
    void operationsNeedARolloutAndAReason() {
        assertThatThrownBy(() -> rollouts.promote("shapes", "tester", "why"))
                .hasMessage("model 'shapes' has no rollout in progress");
        assertThatThrownBy(() ->
                        rollouts.start("shapes", candidate, RolloutMode.CANARY, RolloutPolicy.DEFAULT_CANARY, "t", " "))
                .hasMessageContaining("say why");
        assertThatThrownBy(() ->
                        rollouts.start("nope", candidate, RolloutMode.CANARY, RolloutPolicy.DEFAULT_CANARY, "t", "x"))
                .hasMessage("model 'nope' is not served here");
        assertThatThrownBy(() -> new RolloutPolicy(List.of(50, 20), Duration.ofSeconds(1), 0, 0, 0))
                .hasMessageContaining("must increase");
    }

    private void awaitCandidateRequests(Rollout rollout, long requests) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (rollout.candidateStats().snapshot().requests() < requests && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    private double probability(String routingKey) {
        InferenceResponse response =
                service.infer("shapes", null, request(), new RequestContext("t", routingKey, System.nanoTime()));
        return ((TensorData.Doubles) response.outputs().getFirst().data()).values()[0];
    }

    static InferenceRequest request() {
        return new InferenceRequest(
                null,
                List.of(
                        Tensor.of("size", Datatype.FP64, new long[] {1}, new TensorData.Doubles(new double[] {5})),
                        Tensor.of("shape", Datatype.BYTES, new long[] {1}, new TensorData.Texts(new String[] {"square"
                        }))),
                List.of(),
                Map.of());
    }

    /** Four threads scoring until stopped, counting failures and the versions that answered. */
    private static final class Load {
        final List<String> failures = new ArrayList<>();
        final java.util.Set<String> versions = ConcurrentHashMap.newKeySet();
        final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicInteger ok = new AtomicInteger();
        ExecutorService pool;
        List<Future<?>> futures = new ArrayList<>();

        static Load start(InferenceService service) {
            Load load = new Load();
            load.pool = Executors.newFixedThreadPool(4);
            for (int t = 0; t < 4; t++) {
                load.futures.add(load.pool.submit(() -> {
                    while (load.running.get()) {
                        try {
                            InferenceResponse response = service.infer(
                                    "shapes", null, request(), new RequestContext("load", null, System.nanoTime()));
                            load.versions.add(response.modelVersion());
                            load.ok.incrementAndGet();
                        } catch (RuntimeException e) {
                            synchronized (load.failures) {
                                load.failures.add(e.toString());
                            }
                        }
                    }
                }));
            }
            return load;
        }

        void stop() throws Exception {
            running.set(false);
            for (Future<?> future : futures) {
                future.get(30, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertThat(ok.get()).isPositive();
        }
    }

    /** Keeps the history as lines, in order. */
    private record ListRecorder(List<String> lines) implements RolloutRecorder {
        @Override
        public synchronized long created(RolloutStart start, String actor, String reason) {
            lines.add("created " + start.mode().label() + " " + start.stableVersion() + " -> "
                    + Path.of(start.candidateSource()).getFileName() + " ("
                    + start.policy().steps().getFirst() + "%) by "
                    + actor + ": " + reason);
            return 1;
        }

        @Override
        public synchronized void step(long id, int weightPercent, String kind, String actor, String reason) {
            lines.add(kind + " " + weightPercent + "% by " + actor + ": " + reason);
        }

        @Override
        public synchronized void finished(long id, Outcome outcome, String actor, String reason) {
            lines.add(outcome + " by " + actor + ": " + reason);
        }
    }
}
