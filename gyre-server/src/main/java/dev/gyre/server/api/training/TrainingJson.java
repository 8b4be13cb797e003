package dev.gyre.server.api.training;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The wire form of training jobs, snake_case like MLflow's: times in milliseconds since the epoch ({@code null} until
 * they happen), metrics that are not finite as {@code null} (as {@code gyre train --json} writes them), and
 * {@code outcome} or {@code error} only once the job has one. Stateless.
 */
final class TrainingJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private TrainingJson() {}

    /** {@code {"job": {...}}}. */
    static ObjectNode answer(JobRecord job) {
        ObjectNode root = NODES.objectNode();
        root.set("job", job(job));
        return root;
    }

    /** {@code {"jobs": [...]}}, in the order given. */
    static ObjectNode list(List<JobRecord> jobs) {
        ObjectNode root = NODES.objectNode();
        ArrayNode array = root.putArray("jobs");
        jobs.forEach(job -> array.add(job(job)));
        return root;
    }

    static ObjectNode job(JobRecord job) {
        ObjectNode node = NODES.objectNode();
        node.put("job_id", job.jobId());
        node.put("status", job.status().name());
        node.put("mode", job.mode().wireName());
        node.put("project", job.project());
        node.put("created_time", job.createdTime());
        optional(node, "started_time", job.startedTime());
        optional(node, "finished_time", job.finishedTime());
        ArrayNode steps = node.putArray("steps");
        job.steps().forEach(steps::add);
        job.outcome().ifPresent(outcome -> node.set("outcome", outcome(outcome)));
        job.error().ifPresent(error -> {
            ObjectNode e = node.putObject("error");
            e.put("error_code", error.code().name());
            e.put("message", error.message());
        });
        return node;
    }

    private static ObjectNode outcome(JobOutcome outcome) {
        ObjectNode node = NODES.objectNode();
        node.put("run_id", outcome.runId());
        node.put("experiment_id", outcome.experimentId());
        node.put("model_uri", outcome.modelUri());
        node.put("evaluated_on", outcome.evaluatedOn());
        metrics(node.putObject("metrics"), outcome.metrics());
        node.put("gate_passed", outcome.gatePassed());
        ArrayNode reasons = node.putArray("reasons");
        outcome.reasons().forEach(reasons::add);
        optional(node, "registered_version", outcome.registeredVersion());
        node.put("alias", outcome.alias().orElse(null));
        node.put("rows_without_target", outcome.rowsWithoutTarget());
        outcome.tuning().ifPresent(tuning -> {
            ObjectNode t = node.putObject("tuning");
            t.put("method", tuning.method());
            t.put("best_trial", tuning.bestTrial());
            t.put("trials", tuning.trials());
            t.put("failed_trials", tuning.failedTrials());
            t.put("cut_short", tuning.cutShort());
            ObjectNode params = t.putObject("best_params");
            tuning.bestParams().forEach((name, value) -> param(params, name, value));
        });
        return node;
    }

    static void metrics(ObjectNode node, Map<String, Double> metrics) {
        metrics.forEach((name, value) -> {
            if (Double.isFinite(value)) {
                node.put(name, value);
            } else {
                node.putNull(name);
            }
        });
    }

    private static void param(ObjectNode node, String name, Object value) {
        switch (value) {
            case Integer i -> node.put(name, i);
            case Long l -> node.put(name, l);
            case Double d when Double.isFinite(d) -> node.put(name, d);
            case Boolean b -> node.put(name, b);
            case null -> node.putNull(name);
            default -> node.put(name, value.toString());
        }
    }

    private static void optional(ObjectNode node, String field, OptionalLong value) {
        if (value.isPresent()) {
            node.put(field, value.getAsLong());
        } else {
            node.putNull(field);
        }
    }
}
