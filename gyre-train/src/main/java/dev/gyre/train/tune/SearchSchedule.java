package dev.gyre.train.tune;

import dev.gyre.train.project.TuningSpec;
import java.util.List;

/**
 * Which trials a search method trains, rung by rung: the {@link Tuner} runs a whole rung, then asks for the next one
 * from its results. Implementations are immutable; the trials they return are numbered consecutively across rungs.
 */
public sealed interface SearchSchedule permits RandomSearch, SuccessiveHalving {

    /** The trials of rung 0. */
    List<Trial> firstRung();

    /**
     * The trials of the rung after the one whose results are {@code finished} (every trial of that rung, failed ones
     * included, as the previous call returned them); empty when the search is complete.
     */
    List<Trial> nextRung(List<TrialResult> finished);

    /** How many trials the whole schedule trains when no trial fails and no budget cuts it short. */
    int plannedTrials();

    /**
     * The schedule {@code spec} asks for, with candidates drawn with {@code seed}, {@code rounds} the full
     * boosting-round budget and {@code threads} native threads per trial.
     */
    static SearchSchedule of(TuningSpec spec, long seed, int rounds, int threads) {
        ParameterSampler sampler = new ParameterSampler(spec.space(), seed);
        return switch (spec.method()) {
            case RANDOM -> new RandomSearch(sampler, spec.trials(), rounds, threads);
            case HALVING -> new SuccessiveHalving(sampler, spec.trials(), rounds, threads);
        };
    }
}
