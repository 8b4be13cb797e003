package dev.gyre.cli.train;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gyre.cli.output.Table;
import dev.gyre.train.tune.TrialResult;
import dev.gyre.train.tune.TuningResult;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The trials table {@code gyre tune} prints before the final model's summary. */
final class TuningText {

    private TuningText() {}

    static void print(TuningResult tuning, PrintWriter out) {
        out.printf(
                "Tuning (%s): %d trials in %.1f s%s, best trial %d%n",
                tuning.method().name().toLowerCase(Locale.ROOT),
                tuning.trials().size(),
                tuning.wallMillis() / 1000.0,
                tuning.cutShort() ? ", cut short by the time budget" : "",
                tuning.best().trial().number());
        Table table = new Table("TRIAL", "RUNG", "ROUNDS", "PARAMS", "SCORE", "RUN ID", "BEST");
        for (TrialResult trial : tuning.trials()) {
            table.row(
                    trial.trial().number(),
                    trial.trial().rung(),
                    trial.trial().rounds(),
                    params(trial.trial().params()),
                    trial.outcome()
                            .map(o -> o.metric() + " " + ReportText.number(o.score()))
                            .orElse("failed: " + trial.failure().orElse("")),
                    trial.outcome().map(o -> o.runId()).orElse("-"),
                    trial == tuning.best() ? "*" : "");
        }
        table.print(out, "  ");
    }

    /** The search as JSON: method, whether the budget cut it short, the best trial, every trial. */
    static void json(TuningResult tuning, ObjectNode node) {
        node.put("method", tuning.method().name().toLowerCase(Locale.ROOT));
        node.put("cut_short", tuning.cutShort());
        node.put("best_trial", tuning.best().trial().number());
        ArrayNode trials = node.putArray("trials");
        for (TrialResult result : tuning.trials()) {
            ObjectNode trial = trials.addObject();
            trial.put("number", result.trial().number());
            trial.put("rung", result.trial().rung());
            trial.put("rounds", result.trial().rounds());
            ObjectNode params = trial.putObject("params");
            result.trial().params().forEach((key, value) -> params.putPOJO(key, value));
            result.outcome().ifPresent(outcome -> {
                trial.put("metric", outcome.metric());
                trial.put("score", outcome.score());
                trial.put("run_id", outcome.runId());
            });
            result.failure().ifPresent(failure -> trial.put("failure", failure));
        }
    }

    private static String params(Map<String, Object> params) {
        return params.entrySet().stream()
                .map(e -> e.getKey() + "=" + format(e.getValue()))
                .collect(Collectors.joining(" "));
    }

    private static String format(Object value) {
        return value instanceof Double number ? String.format(Locale.ROOT, "%.4g", number) : String.valueOf(value);
    }
}
