package dev.gyre.serve.rollout;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gyre.core.deploy.Deployment;
import dev.gyre.core.deploy.DeploymentMode;
import dev.gyre.core.deploy.DeploymentState;
import dev.gyre.core.error.GyreException;
import dev.gyre.core.registry.ModelUri;
import dev.gyre.store.DeploymentStore;
import java.util.Objects;

/**
 * Keeps every rollout step in the metadata store's deployment history ({@link DeploymentStore}), so it can be read
 * after the server is gone and by anyone sharing the store. A rollout recorded there compares registered versions:
 * its candidate must be {@code models:/NAME/VERSION} and the stable version a registered one too.
 */
public final class StoreRolloutRecorder implements RolloutRecorder {

    private final DeploymentStore store;

    public StoreRolloutRecorder(DeploymentStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public long created(RolloutStart start, String actor, String reason) {
        if (!ModelUri.looksLikeOne(start.candidateSource())) {
            throw GyreException.invalid("the candidate must be a registered version (models:/NAME/VERSION) when the"
                    + " server records rollouts in a metadata store; " + start.candidateSource() + " is a local file");
        }
        ModelUri candidate = ModelUri.parse(start.candidateSource());
        long stable = version(start.stableVersion(), "the served (stable) version");
        long next = version(start.candidateVersion(), "the candidate version");
        if (stable == next) {
            throw GyreException.invalid("the candidate is version " + next + ", the version already served");
        }
        Deployment created = store.create(
                Deployment.draft(
                        start.model(),
                        candidate.name(),
                        stable,
                        next,
                        DeploymentMode.valueOf(start.mode().name()),
                        start.mode() == RolloutMode.SHADOW
                                ? 0
                                : start.policy().steps().getFirst(),
                        settings(start),
                        actor),
                reason,
                null);
        return created.id();
    }

    @Override
    public void step(long id, int weightPercent, String kind, String actor, String reason) {
        store.recordStep(id, weightPercent, kind, actor, reason, null);
    }

    @Override
    public void finished(long id, Outcome outcome, String actor, String reason) {
        DeploymentState state =
                switch (outcome) {
                    case PROMOTED -> DeploymentState.PROMOTED;
                    case ROLLED_BACK -> DeploymentState.ROLLED_BACK;
                    case ABORTED -> DeploymentState.ABORTED;
                };
        store.finish(id, state, actor, reason);
    }

    @Override
    public void recover(String model) {
        store.findActive(model)
                .ifPresent(stale -> store.finish(
                        stale.id(),
                        DeploymentState.ABORTED,
                        "gyre",
                        "the prediction server that ran this rollout stopped before it ended"));
    }

    private static long version(String label, String what) {
        try {
            return Long.parseLong(label);
        } catch (NumberFormatException e) {
            throw GyreException.invalid(what + " '" + label + "' is not a registered version number");
        }
    }

    private static String settings(RolloutStart start) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("candidate", start.candidateSource());
        node.putPOJO("steps", start.policy().steps());
        node.put("interval_seconds", start.policy().interval().toSeconds());
        node.put("min_requests", start.policy().minRequests());
        node.put("max_error_rate_increase", start.policy().maxErrorRateIncrease());
        node.put("p99_latency_ms", start.policy().p99LatencyMillis());
        return node.toString();
    }
}
