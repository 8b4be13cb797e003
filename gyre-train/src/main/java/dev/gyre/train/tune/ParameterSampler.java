package dev.gyre.train.tune;

import dev.gyre.train.project.ParameterRange;
import dev.gyre.train.project.ParameterRange.Choice;
import dev.gyre.train.project.ParameterRange.IntRange;
import dev.gyre.train.project.ParameterRange.LogUniform;
import dev.gyre.train.project.ParameterRange.Uniform;
import dev.gyre.train.project.SearchSpace;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Draws candidate parameter sets from a {@link SearchSpace}, reproducibly and independently of timing: candidate
 * {@code k} gets its own {@code new SplittableRandom(seed + k)} and draws the parameters in space order from it, so
 * its values depend only on the project seed, {@code k} and the space, never on how many trials run at once or which
 * finished first. {@code SplittableRandom}'s algorithm is fixed by its specification and it scrambles its seed, so
 * neighbouring seeds give unrelated streams on every JVM.
 *
 * <ul>
 *   <li>{@code int: [low, high]}: every whole number in the inclusive range equally likely; an {@code Integer}
 *       ({@code Long} when a bound lies beyond the int range).
 *   <li>{@code uniform: [low, high]}: a {@code Double} evenly spread over the range.
 *   <li>{@code log_uniform: [low, high]}: a {@code Double} whose logarithm is evenly spread, so each decade is
 *       equally likely.
 *   <li>{@code choice: [...]}: one of the values, as written, each equally likely.
 * </ul>
 *
 * @param space what to draw
 * @param seed the project seed
 */
public record ParameterSampler(SearchSpace space, long seed) {

    public ParameterSampler {
        Objects.requireNonNull(space, "space");
    }

    /** The parameters of candidate {@code candidate} (1-based), in space order; unmodifiable. */
    public Map<String, Object> sample(int candidate) {
        if (candidate < 1) {
            throw new IllegalArgumentException("candidates are numbered from 1, not " + candidate);
        }
        SplittableRandom random = new SplittableRandom(seed + candidate);
        Map<String, Object> params = new LinkedHashMap<>();
        space.parameters().forEach((name, range) -> params.put(name, draw(range, random)));
        return Collections.unmodifiableMap(params);
    }

    private static Object draw(ParameterRange range, SplittableRandom random) {
        return switch (range) {
            case IntRange(long low, long high) -> wholeNumber(low, high, random);
            case Uniform(double low, double high) -> random.nextDouble(low, high);
            case LogUniform(double low, double high) ->
                Math.clamp(Math.exp(random.nextDouble(Math.log(low), Math.log(high))), low, high);
            case Choice choice ->
                choice.values().get(random.nextInt(choice.values().size()));
        };
    }

    private static Number wholeNumber(long low, long high, SplittableRandom random) {
        long value;
        if (high < Long.MAX_VALUE) {
            value = random.nextLong(low, high + 1);
        } else if (low > Long.MIN_VALUE) {
            value = random.nextLong(low - 1, high) + 1;
        } else {
            value = random.nextLong();
        }
        boolean fitsInt = low >= Integer.MIN_VALUE && high <= Integer.MAX_VALUE;
        return fitsInt ? (Number) Math.toIntExact(value) : (Number) value;
    }
}
