package dev.gyre.serve.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gyre.core.error.ErrorCode;
import dev.gyre.core.error.GyreException;
import dev.gyre.serve.TestModels;
import dev.gyre.serve.runtime.ModelMetadata;
import dev.gyre.serve.runtime.ModelRuntime;
import dev.gyre.serve.runtime.XGBoostModelRuntime;
import dev.gyre.serve.tensor.Datatype;
import dev.gyre.serve.tensor.Tensor;
import dev.gyre.serve.tensor.TensorData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DynamicBatcherTest {

    private static XGBoostModelRuntime model;

    @BeforeAll
    static void loadModel() throws Exception {
        model = XGBoostModelRuntime.load(TestModels.bareRegressionModel());
    }

    @AfterAll
    static void closeModel() {
        model.close();
    }

    @Test
    void concurrentRequestsGetExactlyTheirOwnRowsBack() throws Exception {
        Gate gate = new Gate(model);
        List<int[]> sizes = new CopyOnWriteArrayList<>();
        DynamicBatcher batcher = new DynamicBatcher(
                gate,
                new BatchSettings(16, Duration.ZERO, 1000, Duration.ofSeconds(30), 1),
                (requests, rows, nanos) -> {
                    sizes.add(new int[] {requests, rows});
                });
        int threads = 8;
        int perThread = 60;
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<Integer>> checked = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long seed = t;
                checked.add(pool.submit(() -> {
                    Random random = new Random(seed);
                    int ok = 0;
                    for (int i = 0; i < perThread; i++) {
                        Tensor input = rows(random, 1 + random.nextInt(4));
                        float[] expected = values(model.infer(List.of(input)).getFirst());
                        float[] batched = values(
                                batcher.infer(List.of(input), System.nanoTime()).getFirst());
                        assertThat(batched).containsExactly(expected);
                        ok++;
                    }
                    return ok;
                }));
            }
            // The first call holds the model until requests from every thread are queued behind it.
            gate.awaitQueued(batcher, threads - 1);
            gate.open();
            int total = 0;
            for (Future<Integer> future : checked) {
                total += future.get(60, TimeUnit.SECONDS);
            }
            assertThat(total).isEqualTo(threads * perThread);
        }
        assertThat(sizes).anySatisfy(size -> assertThat(size[0]).isGreaterThan(1));
        assertThat(sizes).allSatisfy(size -> assertThat(size[1]).isLessThanOrEqualTo(16));
        assertThat(batcher.queueDepth()).isZero();
    }

    @Test
    void upToTheConfiguredNumberOfBatchesRunAtOnceAndEveryAnswerStaysRight() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch twoInside = new CountDownLatch(2);
        ModelRuntime slow = new ModelRuntime() {
            @Override
            public ModelMetadata metadata() {
                return model.metadata();
            }

            @Override
            public List<Tensor> infer(List<Tensor> inputs) {
                most.accumulateAndGet(running.incrementAndGet(), Math::max);
                try {
                    // The first call waits (5 s at most) for a second one to be scoring at the same time: a batcher
                    // that ran one batch at a time would keep it waiting, and the maximum below would stay 1.
                    twoInside.countDown();
                    twoInside.await(5, TimeUnit.SECONDS);
                    Thread.sleep(3);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    running.decrementAndGet();
                }
                return model.infer(inputs);
            }

            @Override
            public void close() {}
        };
        DynamicBatcher batcher = new DynamicBatcher(
                slow, new BatchSettings(4, Duration.ZERO, 1000, Duration.ofSeconds(30), 2), BatchObserver.NONE);
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<Integer>> checked = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                long seed = 100 + t;
                checked.add(pool.submit(() -> {
                    Random random = new Random(seed);
                    for (int i = 0; i < 40; i++) {
                        Tensor input = rows(random, 1 + random.nextInt(3));
                        float[] expected = values(model.infer(List.of(input)).getFirst());
                        assertThat(values(batcher.infer(List.of(input), System.nanoTime())
                                        .getFirst()))
                                .containsExactly(expected);
                    }
                    return 40;
                }));
            }
            for (Future<Integer> future : checked) {
                assertThat(future.get(60, TimeUnit.SECONDS)).isEqualTo(40);
            }
        }
        assertThat(most.get()).isEqualTo(2);
        assertThat(batcher.queueDepth()).isZero();
    }

    @Test
    void aFullQueueRefusesWithResourceExhausted() throws Exception {
        Gate gate = new Gate(model);
        DynamicBatcher batcher = new DynamicBatcher(
                gate, new BatchSettings(64, Duration.ZERO, 2, Duration.ofSeconds(30), 1), BatchObserver.NONE);
        try (ExecutorService pool = Executors.newFixedThreadPool(3)) {
            List<Future<List<Tensor>>> waiting = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                waiting.add(pool.submit(() -> batcher.infer(List.of(rows(new Random(1), 1)), System.nanoTime())));
            }
            gate.awaitQueued(batcher, 2);
            assertThatThrownBy(() -> batcher.infer(List.of(rows(new Random(2), 1)), System.nanoTime()))
                    .isInstanceOfSatisfying(
                            GyreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_EXHAUSTED))
                    .hasMessageContaining("queue is full (2 requests waiting)");
            gate.open();
            for (Future<List<Tensor>> future : waiting) {
                assertThat(future.get(30, TimeUnit.SECONDS)).hasSize(1);
            }
        }
    }

    @Test
    void theTimeoutCountsFromArrivalNotFromTheStartOfTheBatch() throws Exception {
        Gate gate = new Gate(model);
        DynamicBatcher batcher = new DynamicBatcher(
                gate, new BatchSettings(64, Duration.ZERO, 100, Duration.ofMillis(300), 1), BatchObserver.NONE);
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            Future<List<Tensor>> leader =
                    pool.submit(() -> batcher.infer(List.of(rows(new Random(1), 1)), System.nanoTime()));
            gate.awaitEntered();
            long start = System.nanoTime();
            Future<List<Tensor>> follower = pool.submit(() -> batcher.infer(List.of(rows(new Random(2), 1)), start));
            // The follower waits behind the held leader and must give up 300 ms after it arrived.
            assertThatThrownBy(() -> follower.get(10, TimeUnit.SECONDS))
                    .cause()
                    .isInstanceOfSatisfying(
                            GyreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DEADLINE_EXCEEDED))
                    .hasMessageContaining("timed out after 300 ms");
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(waited).isBetween(250L, 3_000L);
            gate.open();
            assertThat(leader.get(10, TimeUnit.SECONDS)).hasSize(1);
        }
        // A request that arrived long ago is refused before it is scored.
        assertThatThrownBy(() ->
                        batcher.infer(List.of(rows(new Random(3), 1)), System.nanoTime() - TimeUnit.SECONDS.toNanos(1)))
                .isInstanceOfSatisfying(
                        GyreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DEADLINE_EXCEEDED));
    }

    @Test
    void aBadRequestInABatchFailsAloneAndTheOthersAreScored() throws Exception {
        // A runtime that refuses any batch containing the value 13 (as a pipeline refuses a bad timestamp).
        ModelRuntime picky = new ModelRuntime() {
            @Override
            public ModelMetadata metadata() {
                return model.metadata();
            }

            @Override
            public List<Tensor> infer(List<Tensor> inputs) {
                for (float value : values(inputs.getFirst())) {
                    if (value == 13) {
                        throw GyreException.invalid("13 is not allowed");
                    }
                }
                return model.infer(inputs);
            }

            @Override
            public void close() {}
        };
        Gate gate = new Gate(picky);
        AtomicInteger batches = new AtomicInteger();
        DynamicBatcher batcher = new DynamicBatcher(
                gate,
                new BatchSettings(64, Duration.ZERO, 100, Duration.ofSeconds(30), 1),
                (requests, rows, nanos) -> batches.incrementAndGet());
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            Future<List<Tensor>> first = pool.submit(() -> batcher.infer(List.of(row(1, 2, 3)), System.nanoTime()));
            gate.awaitEntered();
            Future<List<Tensor>> good = pool.submit(() -> batcher.infer(List.of(row(4, 5, 6)), System.nanoTime()));
            Future<List<Tensor>> bad = pool.submit(() -> batcher.infer(List.of(row(13, 0, 0)), System.nanoTime()));
            Future<List<Tensor>> alsoGood = pool.submit(() -> batcher.infer(List.of(row(7, 8, 9)), System.nanoTime()));
            gate.awaitQueued(batcher, 3);
            gate.open();
            assertThat(values(first.get(10, TimeUnit.SECONDS).getFirst()))
                    .containsExactly(values(model.infer(List.of(row(1, 2, 3))).getFirst()));
            assertThat(values(good.get(10, TimeUnit.SECONDS).getFirst()))
                    .containsExactly(values(model.infer(List.of(row(4, 5, 6))).getFirst()));
            assertThat(values(alsoGood.get(10, TimeUnit.SECONDS).getFirst()))
                    .containsExactly(values(model.infer(List.of(row(7, 8, 9))).getFirst()));
            assertThatThrownBy(() -> bad.get(10, TimeUnit.SECONDS))
                    .cause()
                    .isInstanceOf(GyreException.class)
                    .hasMessage("13 is not allowed");
        }
    }

    private static Tensor rows(Random random, int rows) {
        float[] values = new float[rows * 3];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextInt(10);
        }
        return Tensor.of(XGBoostModelRuntime.INPUT, Datatype.FP32, new long[] {rows, 3}, new TensorData.Floats(values));
    }

    private static Tensor row(float a, float b, float c) {
        return Tensor.of(
                XGBoostModelRuntime.INPUT, Datatype.FP32, new long[] {1, 3}, new TensorData.Floats(new float[] {a, b, c
                }));
    }

    private static float[] values(Tensor tensor) {
        return ((TensorData.Floats) tensor.data()).values();
    }

    /** A real runtime whose first call waits until the test opens the gate, so that requests queue behind it. */
    private static final class Gate implements ModelRuntime {
        private final ModelRuntime delegate;
        private final CountDownLatch entered = new CountDownLatch(1);
        private final CountDownLatch open = new CountDownLatch(1);

        Gate(ModelRuntime delegate) {
            this.delegate = delegate;
        }

        @Override
        public ModelMetadata metadata() {
            return delegate.metadata();
        }

        @Override
        public List<Tensor> infer(List<Tensor> inputs) {
            entered.countDown();
            try {
                open.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return delegate.infer(inputs);
        }

        void awaitEntered() throws InterruptedException {
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        }

        void awaitQueued(DynamicBatcher batcher, int requests) throws InterruptedException {
            awaitEntered();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (batcher.queueDepth() < requests && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(batcher.queueDepth()).isGreaterThanOrEqualTo(requests);
        }

        void open() {
            open.countDown();
        }

        @Override
        public void close() {}
    }
}
