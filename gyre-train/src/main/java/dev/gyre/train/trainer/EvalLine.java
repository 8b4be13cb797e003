package dev.gyre.train.trainer;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses the line {@code Booster.evalSet} answers, e.g. {@code [3]\ttrain-logloss:0.21\tvalidation-logloss:0.25},
 * into {@link IterationMetrics}. Set names are this package's ({@code train}, {@code validation}, no hyphen), so
 * the first hyphen ends the set name and the last colon starts the value.
 */
final class EvalLine {

    private EvalLine() {}

    static IterationMetrics parse(int iteration, String line) {
        Map<String, Double> train = new LinkedHashMap<>();
        Map<String, Double> validation = new LinkedHashMap<>();
        for (String field : line.strip().split("\t")) {
            int hyphen = field.indexOf('-');
            int colon = field.lastIndexOf(':');
            if (field.startsWith("[") || hyphen < 0 || colon < hyphen) {
                continue;
            }
            String set = field.substring(0, hyphen);
            String metric = field.substring(hyphen + 1, colon);
            double value = number(field.substring(colon + 1));
            (set.equals("train") ? train : validation).put(metric, value);
        }
        return new IterationMetrics(iteration, train, validation);
    }

    private static double number(String text) {
        return switch (text.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "nan", "-nan" -> Double.NaN;
            case "inf", "+inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text.strip());
        };
    }
}
