package dev.gyre.train.tune;

import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Random search: {@code trials} independent candidates, each trained once with the full round budget (early stopping
 * is the runner's). Simple and embarrassingly parallel, and with few important parameters it finds good regions as
 * fast as a grid while never wasting trials on an unimportant axis. Trial {@code k} is candidate {@code k}.
 *
 * @param sampler draws the candidates
 * @param trials how many candidates, at least 1
 * @param rounds boosting rounds per trial, at least 1
 * @param threads native threads per trial, at least 1
 */
public record RandomSearch(ParameterSampler sampler, int trials, int rounds, int threads) implements SearchSchedule {

    public RandomSearch {
        Objects.requireNonNull(sampler, "sampler");
        if (trials < 1 || rounds < 1 || threads < 1) {
            throw new IllegalArgumentException("trials, rounds and threads must be at least 1");
        }
    }

    @Override
    public List<Trial> firstRung() {
        return IntStream.rangeClosed(1, trials)
                .mapToObj(number -> new Trial(number, sampler.sample(number), rounds, threads, 0))
                .toList();
    }

    @Override
    public List<Trial> nextRung(List<TrialResult> finished) {
        return List.of();
    }

    @Override
    public int plannedTrials() {
        return trials;
    }
}
