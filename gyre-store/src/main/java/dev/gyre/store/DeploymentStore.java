package dev.gyre.store;

import dev.gyre.core.deploy.Deployment;
import dev.gyre.core.deploy.DeploymentEvent;
import dev.gyre.core.deploy.DeploymentState;
import dev.gyre.core.deploy.DeploymentUpdate;
import dev.gyre.core.page.Page;
import java.util.List;
import java.util.Optional;

/**
 * Serving rollouts (canary, shadow, A/B) and the record of every step with its reason, so that the history can be
 * shown after a restart. Same contract as the other stores: bad arguments raise {@code INVALID_PARAMETER_VALUE}
 * (the messages of the {@code dev.gyre.core.deploy} records' checks), unknown ids {@code RESOURCE_DOES_NOT_EXIST},
 * one transaction per call, thread-safe.
 *
 * <p>Rules: at most one deployment per served name is {@link DeploymentState#RUNNING RUNNING}; only a running
 * deployment changes ({@code INVALID_STATE} otherwise); every change writes the deployment and appends its event
 * in one transaction, and the events of a deployment are numbered 1, 2, 3 … without gaps or duplicates, also under
 * concurrent writers. Event 1 is always {@code created}.
 */
public interface DeploymentStore extends AutoCloseable {

    /** Longest page {@link #list} returns. */
    int MAX_RESULTS_THRESHOLD = 1000;

    /**
     * Stores a {@link Deployment#draft draft} as a new running deployment and records its {@code created} event
     * (weight: the draft's, actor: its {@code createdBy}), atomically. The store assigns the id and both times.
     *
     * @param reason why it was started (required)
     * @param details JSON object text for the event, or null
     * @return the stored deployment
     * @throws dev.gyre.core.error.GyreException {@code RESOURCE_ALREADY_EXISTS} naming the running deployment when
     *     the served name already has one; {@code INVALID_PARAMETER_VALUE} when the draft is not {@code RUNNING} or
     *     already has an id
     */
    Deployment create(Deployment draft, String reason, String details);

    /** {@link #create(Deployment, String, String)} with a reason that describes the draft. */
    default Deployment create(Deployment draft) {
        String reason = draft == null
                ? null
                : draft.mode().label() + " of " + draft.registeredModel() + " version " + draft.candidateVersion()
                        + " against version " + draft.stableVersion() + " at " + draft.candidateWeightPercent() + "%";
        return create(draft, reason, null);
    }

    Deployment get(long id);

    /** The running deployment of served name {@code name}, if any. */
    Optional<Deployment> findActive(String name);

    /** Deployments newest first: of one served name, or all when {@code name} is null. */
    Page<Deployment> list(String name, int maxResults, String pageToken);

    /**
     * Sets a running deployment's candidate weight (and its update time) and appends an event, in one transaction.
     * The weight may stay as it is (an {@code analysis} that only reports).
     *
     * @param kind {@code step}, {@code analysis} or another lower-case word; not {@code created} nor a kind that
     *     ends a deployment (use {@link #finish})
     * @throws dev.gyre.core.error.GyreException {@code INVALID_STATE} naming the current state when the deployment
     *     is not running
     */
    DeploymentUpdate recordStep(
            long id, int newWeightPercent, String kind, String actor, String reason, String details);

    /**
     * Ends a running deployment in {@code finalState} and appends its event, in one transaction. The candidate's
     * weight becomes {@link DeploymentState#finalWeightPercent()} (100 when promoted, 0 otherwise).
     *
     * @param kind the event kind; a kind that ends a deployment must match the state ({@code promoted} for
     *     {@code PROMOTED}, …); another word (e.g. {@code analysis}) is accepted; {@code created} is not
     * @throws dev.gyre.core.error.GyreException {@code INVALID_STATE} naming the current state when the deployment
     *     is not running; {@code INVALID_PARAMETER_VALUE} when {@code finalState} is {@code RUNNING}
     */
    DeploymentUpdate finish(
            long id, DeploymentState finalState, String kind, String actor, String reason, String details);

    /** {@link #finish(long, DeploymentState, String, String, String, String)} with the state's own event kind. */
    default DeploymentUpdate finish(long id, DeploymentState finalState, String actor, String reason) {
        if (finalState == null || finalState == DeploymentState.RUNNING) {
            return finish(id, finalState, DeploymentEvent.STEP, actor, reason, null);
        }
        return finish(id, finalState, finalState.finishKind(), actor, reason, null);
    }

    /** Every event of a deployment, in sequence order (1 first). */
    List<DeploymentEvent> events(long id);

    @Override
    void close();
}
