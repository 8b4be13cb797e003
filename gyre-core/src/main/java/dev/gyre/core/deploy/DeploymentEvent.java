package dev.gyre.core.deploy;

import java.util.regex.Pattern;

/**
 * One recorded step of a deployment, with who took it and why: its creation, each change of the candidate's
 * weight, each analysis verdict, and how it ended. A deployment's events are numbered 1, 2, 3 … without gaps;
 * event 1 is always {@link #CREATED}.
 *
 * @param deploymentId the deployment (at least 1)
 * @param sequence its position in the deployment's history, from 1
 * @param epochMillis when, in milliseconds since the epoch
 * @param kind what happened: {@link #CREATED}, {@link #STEP}, {@link #ANALYSIS}, {@link #PROMOTED},
 *     {@link #ROLLED_BACK}, {@link #ABORTED}, or another lower-case word ({@code [a-z][a-z0-9_]*}, at most
 *     {@value #MAX_KIND_LENGTH} characters)
 * @param weightPercent the candidate's traffic share after the event, 0 to 100
 * @param actor who: a user, or the component that acted on its own (e.g. {@code canary-analysis})
 * @param reason why, in words; required
 * @param details JSON object text with the figures behind the event (e.g. the analysis' error rates), or null
 */
public record DeploymentEvent(
        long deploymentId,
        int sequence,
        long epochMillis,
        String kind,
        int weightPercent,
        String actor,
        String reason,
        String details) {

    public static final String CREATED = "created";
    public static final String STEP = "step";
    public static final String ANALYSIS = "analysis";
    public static final String PROMOTED = "promoted";
    public static final String ROLLED_BACK = "rolled_back";
    public static final String ABORTED = "aborted";

    public static final int MAX_KIND_LENGTH = 32;
    public static final int MAX_REASON_LENGTH = 5000;
    public static final int MAX_DETAILS_LENGTH = 65_536;

    private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9_]*");

    public DeploymentEvent {
        if (deploymentId < 1) {
            throw new IllegalArgumentException("Deployment id must be at least 1, got " + deploymentId);
        }
        if (sequence < 1) {
            throw new IllegalArgumentException("Deployment event sequence must be at least 1, got " + sequence);
        }
        if (epochMillis < 0) {
            throw new IllegalArgumentException("Deployment event time must not be negative, got " + epochMillis);
        }
        if (kind == null || kind.isEmpty()) {
            throw new IllegalArgumentException("Deployment event kind must not be empty");
        }
        if (kind.length() > MAX_KIND_LENGTH || !KIND.matcher(kind).matches()) {
            throw new IllegalArgumentException("Deployment event kind must be a lower-case word of at most "
                    + MAX_KIND_LENGTH + " characters ([a-z][a-z0-9_]*), got '" + kind + "'");
        }
        Checks.percent(weightPercent, "Deployment event weight percent");
        Checks.name(actor, "Deployment event actor", Deployment.MAX_ACTOR_LENGTH);
        Checks.text(reason, "Deployment event reason", MAX_REASON_LENGTH);
        if (details != null) {
            Checks.jsonObject(details, "Deployment event details", MAX_DETAILS_LENGTH);
        }
    }

    /** Whether {@code kind} is one that ends a deployment ({@code promoted}, {@code rolled_back}, {@code aborted}). */
    public static boolean isFinishKind(String kind) {
        return PROMOTED.equals(kind) || ROLLED_BACK.equals(kind) || ABORTED.equals(kind);
    }
}
