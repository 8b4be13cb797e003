package dev.gyre.serve.rollout;

import dev.gyre.core.error.ErrorCode;
import dev.gyre.core.error.GyreException;
import dev.gyre.core.registry.ModelUri;
import dev.gyre.serve.repository.ModelRepository;
import dev.gyre.serve.repository.ModelSource;
import dev.gyre.serve.repository.ServedModel;
import dev.gyre.serve.repository.ServedVersion;
import dev.gyre.store.ModelRegistryStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts, steps and ends rollouts on the served models. A canary is judged by {@link CanaryAnalysis} at the end of
 * every step, on a timer; operators can advance, promote or abort any rollout by hand. Promotion makes the candidate
 * the served version (the old one is freed once its requests finish) and, when the model follows a registry alias
 * and the candidate is a registered version, moves that alias too, so the registry and the server agree. Every step
 * and its reason goes to the {@link RolloutRecorder}.
 */
public final class RolloutManager implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RolloutManager.class);
    private static final String SYSTEM = "gyre-canary";

    private final ModelRepository models;
    private final RolloutRecorder recorder;
    private final ModelRegistryStore registry;
    private final ScheduledExecutorService timer;
    private final Map<String, ScheduledFuture<?>> ticks = new ConcurrentHashMap<>();

    /** {@code registry} may be null when only local files are served. */
    public RolloutManager(ModelRepository models, RolloutRecorder recorder, ModelRegistryStore registry) {
        this.models = models;
        this.recorder = recorder;
        this.registry = registry;
        this.timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("gyre-rollouts").daemon().factory());
        for (ServedModel model : models.models()) {
            recorder.recover(model.name());
        }
    }

    /** Loads the candidate, warms it up and starts routing to it; {@code GyreException} if one is in progress. */
    public synchronized Rollout start(
            String modelName,
            String candidateSource,
            RolloutMode mode,
            RolloutPolicy policy,
            String actor,
            String reason) {
        ServedModel model = models.find(modelName)
                .orElseThrow(() -> new GyreException(
                        ErrorCode.RESOURCE_DOES_NOT_EXIST, "model '" + modelName + "' is not served here"));
        if (model.rollout() != null) {
            throw new GyreException(
                    ErrorCode.RESOURCE_ALREADY_EXISTS,
                    "model '" + modelName + "' already has a rollout in progress ("
                            + model.rollout().start().mode().label() + ", deployment "
                            + model.rollout().id() + "); promote or abort it first");
        }
        requireReason(reason);
        ServedVersion stable = model.current();
        ServedVersion candidate = models.prepare(modelName, ModelSource.parse(candidateSource));
        RolloutStart start =
                new RolloutStart(modelName, stable.version(), candidate.version(), candidateSource, mode, policy);
        Rollout rollout;
        try {
            long id = recorder.created(start, actor, reason);
            rollout = new Rollout(id, start, candidate);
        } catch (RuntimeException e) {
            candidate.retire();
            throw e;
        }
        if (!model.beginRollout(rollout)) {
            candidate.retire();
            throw new GyreException(
                    ErrorCode.RESOURCE_ALREADY_EXISTS, "model '" + modelName + "' got another rollout meanwhile");
        }
        LOG.info(
                "model '{}': {} rollout {} of version {} ({}) started",
                modelName,
                mode.label(),
                rollout.id(),
                candidate.version(),
                candidateSource);
        if (mode == RolloutMode.CANARY) {
            long millis = policy.interval().toMillis();
            ticks.put(
                    modelName,
                    timer.scheduleWithFixedDelay(() -> tickQuietly(modelName), millis, millis, TimeUnit.MILLISECONDS));
        }
        return rollout;
    }

    /** The rollouts in progress. */
    public List<Rollout> active() {
        List<Rollout> active = new ArrayList<>();
        for (ServedModel model : models.models()) {
            Rollout rollout = model.rollout();
            if (rollout != null) {
                active.add(rollout);
            }
        }
        return active;
    }

    /** Runs a canary's analysis now (the timer does this every step interval); answers the decision. */
    public synchronized CanaryAnalysis.Decision analyse(String modelName) {
        ServedModel model = model(modelName);
        Rollout rollout = rolloutOf(model);
        if (rollout.start().mode() != RolloutMode.CANARY) {
            throw GyreException.invalid("only canary rollouts are analysed; this is "
                    + rollout.start().mode().label());
        }
        ArmStats.Snapshot[] window = rollout.takeWindow();
        ArmStats.Snapshot stable = rollout.stableBaseline(window[0]);
        CanaryAnalysis.Decision decision =
                CanaryAnalysis.decide(rollout.start().policy(), rollout.stepIndex(), stable, window[1]);
        rollout.analysed(decision.reason());
        switch (decision.kind()) {
            case WAIT -> recorder.step(rollout.id(), rollout.weightPercent(), "analysis", SYSTEM, decision.reason());
            case ADVANCE -> {
                rollout.moveTo(rollout.stepIndex() + 1);
                recorder.step(rollout.id(), rollout.weightPercent(), "step", SYSTEM, decision.reason());
            }
            case PROMOTE -> promote(model, rollout, SYSTEM, decision.reason());
            case ROLLBACK -> end(model, rollout, RolloutRecorder.Outcome.ROLLED_BACK, SYSTEM, decision.reason());
        }
        return decision;
    }

    /** Moves a canary or A/B rollout to its next share by hand, or promotes it after the last. */
    public synchronized void advance(String modelName, String actor, String reason) {
        requireReason(reason);
        ServedModel model = model(modelName);
        Rollout rollout = rolloutOf(model);
        if (rollout.start().mode() == RolloutMode.SHADOW
                || rollout.stepIndex() >= rollout.start().policy().steps().size() - 1) {
            promote(model, rollout, actor, reason);
            return;
        }
        rollout.moveTo(rollout.stepIndex() + 1);
        recorder.step(rollout.id(), rollout.weightPercent(), "step", actor, reason);
    }

    /** Promotes the candidate now. */
    public synchronized void promote(String modelName, String actor, String reason) {
        requireReason(reason);
        ServedModel model = model(modelName);
        promote(model, rolloutOf(model), actor, reason);
    }

    /** Stops the rollout and keeps the stable version. */
    public synchronized void abort(String modelName, String actor, String reason) {
        requireReason(reason);
        ServedModel model = model(modelName);
        end(model, rolloutOf(model), RolloutRecorder.Outcome.ABORTED, actor, reason);
    }

    private void promote(ServedModel model, Rollout rollout, String actor, String reason) {
        models.promote(model, rollout.candidate(), () -> moveAliasIfFollowed(model, rollout, actor, reason));
        cancelTicks(model.name());
        model.endRollout(rollout);
        recorder.finished(rollout.id(), RolloutRecorder.Outcome.PROMOTED, actor, reason);
        LOG.info(
                "model '{}': rollout {} promoted version {}: {}",
                model.name(),
                rollout.id(),
                rollout.candidate().version(),
                reason);
    }

    private void end(ServedModel model, Rollout rollout, RolloutRecorder.Outcome outcome, String actor, String reason) {
        cancelTicks(model.name());
        model.endRollout(rollout);
        rollout.candidate().retire();
        recorder.finished(rollout.id(), outcome, actor, reason);
        LOG.info("model '{}': rollout {} {}: {}", model.name(), rollout.id(), outcome, reason);
    }

    /** Keeps the registry in step: a followed alias moves to the promoted registered version. */
    private void moveAliasIfFollowed(ServedModel model, Rollout rollout, String actor, String reason) {
        if (registry == null
                || !(model.source() instanceof ModelSource.Registered followed)
                || !followed.uri().byAlias()
                || !ModelUri.looksLikeOne(rollout.start().candidateSource())) {
            return;
        }
        ModelUri candidate = ModelUri.parse(rollout.start().candidateSource());
        if (!candidate.name().equals(followed.uri().name())) {
            return;
        }
        // A failure here stops the promotion: the server would otherwise follow the alias straight back.
        registry.moveAlias(
                followed.uri().name(),
                followed.uri().alias(),
                Long.parseLong(rollout.candidate().version()),
                actor,
                "rollout " + rollout.id() + " promoted: " + reason);
    }

    private void tickQuietly(String modelName) {
        try {
            analyse(modelName);
        } catch (RuntimeException e) {
            LOG.warn("model '{}': canary analysis failed: {}", modelName, e.toString());
        }
    }

    private void cancelTicks(String modelName) {
        ScheduledFuture<?> tick = ticks.remove(modelName);
        if (tick != null) {
            tick.cancel(false);
        }
    }

    private ServedModel model(String name) {
        return models.find(name)
                .orElseThrow(() -> new GyreException(
                        ErrorCode.RESOURCE_DOES_NOT_EXIST, "model '" + name + "' is not served here"));
    }

    private static Rollout rolloutOf(ServedModel model) {
        Rollout rollout = model.rollout();
        if (rollout == null) {
            throw new GyreException(
                    ErrorCode.RESOURCE_DOES_NOT_EXIST, "model '" + model.name() + "' has no rollout in progress");
        }
        return rollout;
    }

    private static void requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw GyreException.invalid("say why (a reason is recorded with every rollout step)");
        }
    }

    /** Stops the timer and aborts the rollouts in progress (recorded as such): a stopped server routes nothing. */
    @Override
    public void close() {
        timer.shutdownNow();
        for (ServedModel model : models.models()) {
            Rollout rollout = model.rollout();
            if (rollout != null) {
                try {
                    end(model, rollout, RolloutRecorder.Outcome.ABORTED, "gyre", "the prediction server stopped");
                } catch (RuntimeException e) {
                    LOG.warn(
                            "model '{}': could not record the end of rollout {}: {}",
                            model.name(),
                            rollout.id(),
                            e.toString());
                }
            }
        }
    }
}
