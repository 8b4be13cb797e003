package dev.gyre.train.trainer;

import dev.gyre.core.error.GyreException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How to train, as a project or a tuning trial states it. The fields every trainer shares are fields; library
 * specific hyper-parameters (XGBoost's {@code max_depth}, {@code eta}, …) travel in {@code params} and override the
 * trainer's defaults. Trainers that have no iterations (the baseline) ignore what does not apply to them.
 *
 * @param rounds maximum number of boosting rounds, at least 1
 * @param earlyStoppingRounds stop when the validation metric has not improved for this many rounds; 0 turns early
 *     stopping off (it needs a validation set otherwise)
 * @param seed the random seed; the same seed, data and settings give a byte-identical model
 * @param threads native threads to train with; 0 means one per available core
 * @param params library parameters by name: strings, numbers or booleans (a list of strings for {@code eval_metric})
 */
public record TrainerSettings(int rounds, int earlyStoppingRounds, long seed, int threads, Map<String, Object> params) {

    public TrainerSettings {
        if (rounds < 1) {
            throw GyreException.invalid("rounds must be at least 1, not " + rounds);
        }
        if (earlyStoppingRounds < 0) {
            throw GyreException.invalid("earlyStoppingRounds must be 0 (off) or positive, not " + earlyStoppingRounds);
        }
        if (threads < 0) {
            throw GyreException.invalid("threads must be 0 (one per core) or positive, not " + threads);
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : (params == null ? Map.<String, Object>of() : params).entrySet()) {
            if (entry.getKey() == null || entry.getKey().isBlank()) {
                throw GyreException.invalid("a parameter name cannot be empty");
            }
            if (entry.getValue() == null) {
                throw GyreException.invalid("parameter '" + entry.getKey() + "' has no value");
            }
            copy.put(entry.getKey(), entry.getValue());
        }
        params = Collections.unmodifiableMap(copy);
    }

    /** 100 rounds, no early stopping, seed 42, one thread per core, no extra parameters. */
    public static TrainerSettings defaults() {
        return new TrainerSettings(100, 0, 42, 0, Map.of());
    }

    public TrainerSettings withRounds(int rounds) {
        return new TrainerSettings(rounds, earlyStoppingRounds, seed, threads, params);
    }

    public TrainerSettings withEarlyStoppingRounds(int earlyStoppingRounds) {
        return new TrainerSettings(rounds, earlyStoppingRounds, seed, threads, params);
    }

    public TrainerSettings withSeed(long seed) {
        return new TrainerSettings(rounds, earlyStoppingRounds, seed, threads, params);
    }

    public TrainerSettings withThreads(int threads) {
        return new TrainerSettings(rounds, earlyStoppingRounds, seed, threads, params);
    }

    /** These settings with {@code name} set to {@code value} (replacing an earlier value). */
    public TrainerSettings withParam(String name, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(params);
        copy.put(name, value);
        return new TrainerSettings(rounds, earlyStoppingRounds, seed, threads, copy);
    }

    /** The number of threads to use: {@link #threads()}, or the available cores when that is 0. */
    public int resolvedThreads() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }
}
