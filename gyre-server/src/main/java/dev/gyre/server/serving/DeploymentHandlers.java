package dev.gyre.server.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gyre.core.error.GyreException;
import dev.gyre.serve.repository.ServedModel;
import dev.gyre.serve.rollout.ArmStats;
import dev.gyre.serve.rollout.CanaryAnalysis;
import dev.gyre.serve.rollout.Rollout;
import dev.gyre.serve.rollout.RolloutManager;
import dev.gyre.serve.rollout.RolloutMode;
import dev.gyre.serve.rollout.RolloutPolicy;
import dev.gyre.server.api.ApiRoutes;
import dev.gyre.server.http.ApiExchange;
import dev.gyre.server.json.RequestFields;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Rollouts on the prediction server, under Gyre's API prefix ({@code /api/2.0/gyre/deployments/…}): {@code create}
 * (canary, shadow or A/B of a candidate against the served version), {@code get} and {@code list} (the live state:
 * share, step, both arms' figures in the current window, shadow agreement, the last analysis), and {@code advance},
 * {@code analyse}, {@code promote}, {@code abort} — each with the reason that is recorded.
 */
public final class DeploymentHandlers {

    private static final Set<String> CREATE = Set.of(
            "model",
            "candidate",
            "mode",
            "steps",
            "interval_seconds",
            "min_requests",
            "max_error_rate_increase",
            "p99_latency_ms",
            "weight",
            "reason",
            "actor");
    private static final Set<String> ACT = Set.of("model", "reason", "actor");
    private static final Set<String> GET = Set.of("model");

    private final RolloutManager rollouts;
    private final Collection<ServedModel> models;
    private final String defaultActor;

    public DeploymentHandlers(RolloutManager rollouts, Collection<ServedModel> models, String defaultActor) {
        this.rollouts = rollouts;
        this.models = models;
        this.defaultActor = defaultActor;
    }

    public void register(ApiRoutes routes) {
        routes.post("deployments/create", this::create)
                .get("deployments/get", this::get)
                .get("deployments/list", this::list)
                .post("deployments/advance", ex -> act(ex, "advance"))
                .post("deployments/analyse", ex -> act(ex, "analyse"))
                .post("deployments/promote", ex -> act(ex, "promote"))
                .post("deployments/abort", ex -> act(ex, "abort"));
    }

    private void create(ApiExchange ex) {
        RequestFields f = ex.fields(CREATE);
        String model = f.requiredString("model");
        String candidate = f.requiredString("candidate");
        RolloutMode mode;
        try {
            mode = RolloutMode.ofLabel(f.stringOr("mode", "canary"));
        } catch (IllegalArgumentException e) {
            throw GyreException.invalid(e.getMessage());
        }
        RolloutPolicy policy;
        try {
            RolloutPolicy defaults = RolloutPolicy.DEFAULT_CANARY;
            List<Integer> steps = mode == RolloutMode.AB
                    ? List.of(f.int32Or("weight", 50))
                    : f.has("steps") ? steps(f.raw("steps")) : defaults.steps();
            policy = new RolloutPolicy(
                    steps,
                    Duration.ofSeconds(f.int32Or(
                            "interval_seconds", (int) defaults.interval().toSeconds())),
                    f.int32Or("min_requests", (int) defaults.minRequests()),
                    f.has("max_error_rate_increase")
                            ? f.requiredDouble("max_error_rate_increase")
                            : defaults.maxErrorRateIncrease(),
                    f.has("p99_latency_ms") ? f.requiredDouble("p99_latency_ms") : servingSlo(model));
        } catch (IllegalArgumentException e) {
            throw GyreException.invalid(e.getMessage());
        }
        Rollout rollout = rollouts.start(model, candidate, mode, policy, actor(f), f.requiredString("reason"));
        send(ex, "deployment", status(rollout));
    }

    /** The p99 SLO of the served package's project, when it set one; 0 otherwise. */
    private double servingSlo(String model) {
        for (ServedModel served : models) {
            if (served.name().equals(model)
                    && served.current() != null
                    && served.current().runtime() instanceof dev.gyre.serve.runtime.PackageRuntime pack) {
                return pack.modelPackage().manifest().servingTargets().stream()
                        .filter(t -> t.metric().equals("p99_latency_ms"))
                        .mapToDouble(dev.gyre.model.MetricTarget::value)
                        .findFirst()
                        .orElse(0);
            }
        }
        return 0;
    }

    private static List<Integer> steps(JsonNode node) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw GyreException.invalid(
                    "Parameter 'steps' must be a non-empty array of percentages, e.g. [10, 50, 100].");
        }
        List<Integer> steps = new ArrayList<>();
        for (JsonNode step : node) {
            if (!step.canConvertToInt() || !step.isIntegralNumber()) {
                throw GyreException.invalid("Parameter 'steps' must hold whole percentages, not " + step);
            }
            steps.add(step.intValue());
        }
        return steps;
    }

    private void get(ApiExchange ex) {
        String model = ex.fields(GET).requiredString("model");
        Rollout rollout = rollouts.active().stream()
                .filter(r -> r.start().model().equals(model))
                .findFirst()
                .orElseThrow(() -> new GyreException(
                        dev.gyre.core.error.ErrorCode.RESOURCE_DOES_NOT_EXIST,
                        "model '" + model + "' has no rollout in progress"));
        send(ex, "deployment", status(rollout));
    }

    private void list(ApiExchange ex) {
        ex.fields(Set.of());
        ArrayNode all = JsonNodeFactory.instance.arrayNode();
        rollouts.active().forEach(rollout -> all.add(status(rollout)));
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.set("deployments", all);
        ex.sendJsonBytes(answer.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void act(ApiExchange ex, String action) {
        RequestFields f = ex.fields(ACT);
        String model = f.requiredString("model");
        String reason = f.optionalString("reason");
        String actor = actor(f);
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        switch (action) {
            case "advance" -> rollouts.advance(model, actor, reason);
            case "promote" -> rollouts.promote(model, actor, reason);
            case "abort" -> rollouts.abort(model, actor, reason);
            case "analyse" -> {
                CanaryAnalysis.Decision decision = rollouts.analyse(model);
                answer.put("decision", decision.kind().name().toLowerCase(java.util.Locale.ROOT));
                answer.put("reason", decision.reason());
            }
            default -> throw new IllegalStateException(action);
        }
        rollouts.active().stream()
                .filter(r -> r.start().model().equals(model))
                .findFirst()
                .ifPresent(r -> answer.set("deployment", status(r)));
        ex.sendJsonBytes(answer.toString().getBytes(StandardCharsets.UTF_8));
    }

    private String actor(RequestFields f) {
        String actor = f.optionalString("actor");
        if (actor != null && actor.isBlank()) {
            throw GyreException.invalid("Parameter 'actor' must not be blank when given.");
        }
        return actor != null ? actor : defaultActor;
    }

    static ObjectNode status(Rollout rollout) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("id", rollout.id());
        node.put("model", rollout.start().model());
        node.put("mode", rollout.start().mode().label());
        node.put("stable_version", rollout.start().stableVersion());
        node.put("candidate_version", rollout.start().candidateVersion());
        node.put("candidate", rollout.start().candidateSource());
        node.put("candidate_weight_percent", rollout.weightPercent());
        ArrayNode steps = node.putArray("steps");
        rollout.start().policy().steps().forEach(steps::add);
        node.put("step", rollout.stepIndex());
        node.put("interval_seconds", rollout.start().policy().interval().toSeconds());
        node.put("p99_latency_ms", rollout.start().policy().p99LatencyMillis());
        node.set("stable_window", arm(rollout.stableStats().snapshot()));
        node.set("candidate_window", arm(rollout.candidateStats().snapshot()));
        if (rollout.start().mode() == RolloutMode.SHADOW) {
            ObjectNode shadow = node.putObject("shadow");
            shadow.put("compared", rollout.shadowCompared());
            shadow.put("agreed", rollout.shadowAgreed());
            shadow.put("dropped", rollout.shadowDropped());
        }
        node.put("last_analysis", rollout.lastAnalysis());
        return node;
    }

    private static ObjectNode arm(ArmStats.Snapshot snapshot) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("requests", snapshot.requests());
        node.put("errors", snapshot.errors());
        putNumber(node, "p99_ms", snapshot.p99Millis());
        putNumber(node, "output_mean", snapshot.outputMean());
        return node;
    }

    private static void putNumber(ObjectNode node, String name, double value) {
        if (Double.isNaN(value)) {
            node.putNull(name);
        } else {
            node.put(name, value);
        }
    }

    private static void send(ApiExchange ex, String field, ObjectNode value) {
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.set(field, value);
        ex.sendJsonBytes(answer.toString().getBytes(StandardCharsets.UTF_8));
    }
}
