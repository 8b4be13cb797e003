package dev.gyre.train.tune;

import static dev.gyre.train.tune.ParameterSamplerTest.space;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gyre.train.project.ParameterRange;
import dev.gyre.train.project.SearchSpace;
import dev.gyre.train.project.TuningSpec;
import dev.gyre.train.project.TuningSpec.Method;
import dev.gyre.train.trainer.TrainedModel;
import dev.gyre.train.trainer.TrainerSettings;
import dev.gyre.train.trainer.TrainingData;
import dev.gyre.train.trainer.XGBoostTrainer;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The search end to end with the real XGBoost trainer, scored by validation logloss as the CLI's runner scores. */
class XGBoostTuningTest {

    private static final long SEED = 42;
    private static final int ROUNDS = 40;
    private static final int EARLY_STOPPING = 5;
    private static final SearchSpace SPACE = space(
            "max_depth", new ParameterRange.IntRange(3, 6),
            "eta", new ParameterRange.LogUniform(0.1, 0.5),
            "colsample_bytree", new ParameterRange.Uniform(0.5, 1.0));

    private final TrainingData data = BreastCancer.trainingData();

    @Test
    void randomSearchBeatsTheDefaultsAndItsBestParamsReproduceTheScore() {
        TuningSpec spec = new TuningSpec(Method.RANDOM, 8, Optional.empty(), 2, SPACE);

        TuningResult result = Tuner.search(spec, SEED, ROUNDS, 2, this::train, TuningListener.none());

        assertThat(result.trials()).hasSize(8).allSatisfy(trial -> assertThat(trial.succeeded())
                .isTrue());
        double defaults = logloss(new TrainerSettings(ROUNDS, EARLY_STOPPING, SEED, 1, Map.of()));
        assertThat(result.best().score()).isLessThanOrEqualTo(defaults);
        Trial best = result.best().trial();
        assertThat(train(new Trial(1, result.bestParams(), best.rounds(), best.threads(), 0))
                        .score())
                .isEqualTo(result.best().score());
    }

    @Test
    void successiveHalvingEndsWithOneFullTrainingOfAPromotedCandidate() {
        TuningSpec spec = new TuningSpec(Method.HALVING, 4, Optional.empty(), 2, SPACE);

        TuningResult result = Tuner.search(spec, SEED, 27, 2, this::train, TuningListener.none());

        assertThat(result.trials())
                .extracting(trial -> trial.trial().rung() + "@" + trial.trial().rounds())
                .containsExactly("0@3", "0@3", "0@3", "0@3", "1@9", "1@9", "2@27");
        Trial best = result.best().trial();
        assertThat(best.number()).isEqualTo(7);
        assertThat(train(new Trial(1, result.bestParams(), best.rounds(), best.threads(), 0))
                        .score())
                .isEqualTo(result.best().score());
    }

    /** The runner: trains with the trial's params and early stopping, scores the kept iteration's logloss. */
    private TrialOutcome train(Trial trial) {
        TrainerSettings settings =
                new TrainerSettings(trial.rounds(), EARLY_STOPPING, SEED, trial.threads(), trial.params());
        try (TrainedModel model = new XGBoostTrainer().train(data, settings)) {
            double logloss = model.bestMetrics().validation().get("logloss");
            return new TrialOutcome(logloss, "logloss", false, model.bestIteration(), null);
        }
    }

    private double logloss(TrainerSettings settings) {
        try (TrainedModel model = new XGBoostTrainer().train(data, settings)) {
            return model.bestMetrics().validation().get("logloss");
        }
    }
}
