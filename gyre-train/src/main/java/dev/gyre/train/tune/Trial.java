package dev.gyre.train.tune;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One training of one candidate: what a {@link TrialRunner} trains. Training with exactly these {@code params},
 * {@code rounds} and {@code threads} (and the project's seed and early stopping) reproduces the trial's model.
 *
 * @param number 1-based, unique within a search, in the order trials are started
 * @param params the sampled values by name, in search-space order: {@code Integer} (or {@code Long} beyond int),
 *     {@code Double}, or a choice's value as written ({@code String}, {@code Boolean}, number); unmodifiable
 * @param rounds the boosting-round budget of this trial, at least 1
 * @param threads native threads the trial may use, at least 1
 * @param rung the successive-halving rung, from 0; always 0 for random search
 */
public record Trial(int number, Map<String, Object> params, int rounds, int threads, int rung) {

    public Trial {
        if (number < 1 || rounds < 1 || threads < 1 || rung < 0) {
            throw new IllegalArgumentException("a trial needs number, rounds and threads >= 1 and rung >= 0, not "
                    + number + ", " + rounds + ", " + threads + ", " + rung);
        }
        params = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(params, "params")));
    }
}
