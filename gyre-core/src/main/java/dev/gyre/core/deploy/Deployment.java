package dev.gyre.core.deploy;

/**
 * A serving rollout: a served model name whose traffic is shared between a stable version and a candidate version
 * of a registered model, in a {@link DeploymentMode}. At most one deployment per served name is
 * {@link DeploymentState#RUNNING}; its history is the list of {@link DeploymentEvent}s the store keeps with it.
 *
 * @param id assigned by the store (1, 2, …); 0 in a {@link #draft draft} not yet stored
 * @param name the served model name (what clients call), e.g. {@code credit}
 * @param registeredModel the registered model both versions belong to
 * @param stableVersion the version serving now (at least 1)
 * @param candidateVersion the version being rolled out (at least 1, not the stable version)
 * @param mode canary, shadow or A/B
 * @param state running, or how it ended
 * @param candidateWeightPercent the candidate's share of traffic now, 0 to 100 (for shadow: the share mirrored)
 * @param settings JSON object text that the serving layer owns (schedule, thresholds); {@code {}} for none
 * @param createdAt when it was created, milliseconds since the epoch (0 in a draft)
 * @param updatedAt when it last changed, not before {@code createdAt}
 * @param createdBy who started it
 */
public record Deployment(
        long id,
        String name,
        String registeredModel,
        long stableVersion,
        long candidateVersion,
        DeploymentMode mode,
        DeploymentState state,
        int candidateWeightPercent,
        String settings,
        long createdAt,
        long updatedAt,
        String createdBy) {

    /** Longest served model name and registered model name (the registry's limit). */
    public static final int MAX_NAME_LENGTH = 256;
    /** Longest {@code createdBy} and event actor. */
    public static final int MAX_ACTOR_LENGTH = 256;
    /** Longest settings JSON. */
    public static final int MAX_SETTINGS_LENGTH = 65_536;

    public Deployment {
        if (id < 0) {
            throw new IllegalArgumentException("Deployment id must not be negative (0 for a draft), got " + id);
        }
        Checks.name(name, "Deployment name", MAX_NAME_LENGTH);
        Checks.name(registeredModel, "Deployment registered model", MAX_NAME_LENGTH);
        if (stableVersion < 1) {
            throw new IllegalArgumentException("Deployment stable version must be at least 1, got " + stableVersion);
        }
        if (candidateVersion < 1) {
            throw new IllegalArgumentException(
                    "Deployment candidate version must be at least 1, got " + candidateVersion);
        }
        if (candidateVersion == stableVersion) {
            throw new IllegalArgumentException(
                    "Deployment candidate version must differ from the stable version, both are " + stableVersion);
        }
        if (mode == null) {
            throw new IllegalArgumentException("Deployment mode must not be null (canary, shadow or ab)");
        }
        if (state == null) {
            throw new IllegalArgumentException("Deployment state must not be null");
        }
        Checks.percent(candidateWeightPercent, "Deployment candidate weight percent");
        Checks.jsonObject(settings, "Deployment settings", MAX_SETTINGS_LENGTH);
        if (createdAt < 0) {
            throw new IllegalArgumentException("Deployment createdAt must not be negative, got " + createdAt);
        }
        if (updatedAt < createdAt) {
            throw new IllegalArgumentException(
                    "Deployment updatedAt (" + updatedAt + ") must not be before createdAt (" + createdAt + ")");
        }
        Checks.name(createdBy, "Deployment createdBy", MAX_ACTOR_LENGTH);
    }

    /**
     * What to hand the store's {@code create}: a {@link DeploymentState#RUNNING RUNNING} deployment without id or
     * times, which the store assigns.
     */
    public static Deployment draft(
            String name,
            String registeredModel,
            long stableVersion,
            long candidateVersion,
            DeploymentMode mode,
            int candidateWeightPercent,
            String settings,
            String createdBy) {
        return new Deployment(
                0,
                name,
                registeredModel,
                stableVersion,
                candidateVersion,
                mode,
                DeploymentState.RUNNING,
                candidateWeightPercent,
                settings,
                0,
                0,
                createdBy);
    }

    public boolean isRunning() {
        return state == DeploymentState.RUNNING;
    }
}
