package dev.gyre.train.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Trains and closes 200 small models and prints the resident set before and after, so a leak of XGBoost's native
 * matrices or boosters shows as growth. Only printed, not asserted: RSS depends on the allocator and the JIT.
 */
class NativeMemoryTest {

    @Test
    void trainingAndClosingInALoopReleasesNativeMemory() {
        TrainingData data = Datasets.iris();
        TrainerSettings settings = TrainerSettings.defaults().withRounds(5).withThreads(1);
        XGBoostTrainer trainer = new XGBoostTrainer();
        for (int i = 0; i < 20; i++) {
            trainer.train(data, settings).close();
        }
        long before = ResourceMeter.residentSetBytes();
        long half = before;
        for (int i = 0; i < 200; i++) {
            try (TrainedModel model = trainer.train(data, settings)) {
                assertThat(model.history()).hasSize(5);
            }
            if (i == 99) {
                half = ResourceMeter.residentSetBytes();
            }
        }
        long after = ResourceMeter.residentSetBytes();
        System.out.printf(
                "RSS before 200 train/close: %d KiB, after 100: %+d KiB, after 200: %+d KiB (heap used %d MiB)%n",
                before >> 10,
                (half - before) >> 10,
                (after - before) >> 10,
                (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
    }
}
