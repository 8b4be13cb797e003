package dev.gyre.core.registry;

import dev.gyre.core.tracking.Tag;
import java.util.List;

/**
 * One version of a registered model. {@code version} is a positive integer (a string on the wire). {@code source}
 * is the artifact URI the version was registered from; {@code runId} may be null.
 */
public record ModelVersion(
        String name,
        long version,
        long creationTimestamp,
        long lastUpdatedTimestamp,
        String userId,
        Stage currentStage,
        String description,
        String source,
        String runId,
        ModelVersionStatus status,
        String statusMessage,
        String runLink,
        List<Tag> tags,
        List<String> aliases) {
    public ModelVersion {
        tags = List.copyOf(tags);
        aliases = List.copyOf(aliases);
    }
}
