package dev.gyre.data.report;

import java.util.List;
import java.util.Objects;

/**
 * One named series of a chart: a fraction in [0, 1] per bin or category. Charts plot fractions, not counts, so two
 * datasets of different sizes can be read against each other.
 *
 * @param name the legend entry, e.g. "reference"
 * @param fractions one value per bin or category
 */
public record Series(String name, List<Double> fractions) {

    public Series {
        Objects.requireNonNull(name, "name");
        fractions = List.copyOf(fractions);
    }
}
