package dev.gyre.data.quality;

import java.util.Locale;

/**
 * A feature that alone predicts the label almost perfectly, well above the majority-class baseline: often a
 * proxy of the label that will not exist at prediction time.
 *
 * @param accuracy the feature's accuracy on the labeled rows
 * @param baseline the accuracy of always predicting the majority class
 */
public record LeakageCandidate(
        Severity severity, String column, LeakageMethod method, double accuracy, double baseline, long distinctValues)
        implements Finding {

    @Override
    public String summary() {
        return "feature '" + column + "' alone predicts the label with accuracy " + Percent.of(accuracy)
                + " (baseline " + Percent.of(baseline) + ", " + method.name().toLowerCase(Locale.ROOT)
                + ")";
    }
}
