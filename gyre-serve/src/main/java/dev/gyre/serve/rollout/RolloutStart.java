package dev.gyre.serve.rollout;

import java.util.Objects;

/**
 * What an operator asks for when starting a rollout.
 *
 * @param model the served model name
 * @param stableVersion the version serving now
 * @param candidateVersion the candidate's version label
 * @param candidateSource where the candidate comes from (e.g. {@code models:/credit/4})
 * @param mode canary, shadow or A/B
 * @param policy steps and thresholds
 */
public record RolloutStart(
        String model,
        String stableVersion,
        String candidateVersion,
        String candidateSource,
        RolloutMode mode,
        RolloutPolicy policy) {

    public RolloutStart {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(stableVersion, "stableVersion");
        Objects.requireNonNull(candidateVersion, "candidateVersion");
        Objects.requireNonNull(candidateSource, "candidateSource");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(policy, "policy");
    }
}
