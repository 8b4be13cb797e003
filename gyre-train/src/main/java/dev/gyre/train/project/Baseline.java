package dev.gyre.train.project;

import dev.gyre.model.Task;
import java.util.Locale;

/**
 * A simple model trained beside the real one, so that a score means something: a model that does not beat the
 * majority class (or the mean) has learnt nothing, and one that does not beat a linear model may not be worth its
 * complexity. The task's trivial baseline is always trained.
 */
public enum Baseline {
    /** Predicts the class shares of the training rows (classification). */
    MAJORITY,
    /** Predicts the training mean (regression). */
    MEAN,
    /** A regularised linear or logistic regression. */
    LINEAR;

    /** The name used in gyre.yaml. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The baseline that is always trained for {@code task}. */
    public static Baseline trivial(Task task) {
        return task.classification() ? MAJORITY : MEAN;
    }

    /** Whether this baseline can be trained for {@code task}. */
    public boolean appliesTo(Task task) {
        return switch (this) {
            case MAJORITY -> task.classification();
            case MEAN -> !task.classification();
            case LINEAR -> true;
        };
    }
}
