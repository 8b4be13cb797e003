package dev.gyre.train.trainer;

/**
 * Fits one kind of model. Every project trains its chosen model together with the {@link LinearTrainer linear} and
 * {@link BaselineTrainer baseline} ones, so every result is read against something simple. Implementations are
 * stateless and may be shared between threads; each call owns the native memory it allocates and frees all of it
 * except what the returned model holds.
 */
public interface Trainer {

    /** A short lower-case name recorded with the run: {@code xgboost}, {@code linear}, {@code baseline}. */
    String name();

    /**
     * Trains on {@code data} with {@code settings}. {@code GyreException} with code {@code INVALID_PARAMETER_VALUE}
     * naming the culprit for unknown or ill-typed parameters and settings that cannot apply. The caller closes the
     * returned model.
     */
    TrainedModel train(TrainingData data, TrainerSettings settings);

    /** {@link #train(TrainingData, TrainerSettings)}, telling {@code rounds} of each finished round. */
    default TrainedModel train(TrainingData data, TrainerSettings settings, RoundListener rounds) {
        return train(data, settings);
    }
}
