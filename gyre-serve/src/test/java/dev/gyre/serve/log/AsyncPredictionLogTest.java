package dev.gyre.serve.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AsyncPredictionLogTest {

    private static PredictionRecord record(int i) {
        return new PredictionRecord("r" + i, i, "m", "1", "stable", List.of(), List.of(), 1_000);
    }

    @Test
    void everyOfferedRecordReachesTheSinkInOrderBeforeCloseReturns() {
        List<String> written = new CopyOnWriteArrayList<>();
        AsyncPredictionLog log =
                new AsyncPredictionLog(records -> records.forEach(r -> written.add(r.requestId())), 10_000);
        for (int i = 0; i < 5_000; i++) {
            log.offer(record(i));
        }
        log.close();

        assertThat(written).hasSize(5_000);
        assertThat(written.getFirst()).isEqualTo("r0");
        assertThat(written.getLast()).isEqualTo("r4999");
        assertThat(log.written()).isEqualTo(5_000);
        assertThat(log.dropped()).isZero();
        assertThat(PredictionLog.NONE.enabled()).isFalse();
        assertThat(log.enabled()).isTrue();
    }

    @Test
    void aStuckSinkMakesTheLogDropAndCountRecordsWithoutEverBlockingTheCaller() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AsyncPredictionLog log = new AsyncPredictionLog(records -> release.await(30, TimeUnit.SECONDS), 10);
        long start = System.nanoTime();
        for (int i = 0; i < 1_000; i++) {
            log.offer(record(i));
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        release.countDown();
        log.close();

        assertThat(millis).as("offering never waits for the sink").isLessThan(5_000);
        // At most one batch held by the stuck sink (the first record and the 10 queued behind it) and 10 more queued.
        assertThat(log.written()).isLessThanOrEqualTo(21);
        assertThat(log.written() + log.dropped()).isEqualTo(1_000);
    }

    @Test
    void aFailingSinkLosesItsBatchesAndTheLogKeepsGoing() {
        AsyncPredictionLog log = new AsyncPredictionLog(
                records -> {
                    throw new IllegalStateException("disk full");
                },
                100);
        for (int i = 0; i < 50; i++) {
            log.offer(record(i));
        }
        log.close();
        assertThat(log.failed()).isEqualTo(50);
        assertThat(log.written()).isZero();
    }
}
