package dev.gyre.core.registry;

import dev.gyre.core.tracking.Tag;
import java.util.List;

/**
 * A named model in the registry. {@code latestVersions} holds the newest version per stage, as MLflow returns it.
 */
public record RegisteredModel(
        String name,
        long creationTimestamp,
        long lastUpdatedTimestamp,
        String userId,
        String description,
        List<ModelVersion> latestVersions,
        List<Tag> tags,
        List<ModelAlias> aliases) {
    public RegisteredModel {
        latestVersions = List.copyOf(latestVersions);
        tags = List.copyOf(tags);
        aliases = List.copyOf(aliases);
    }
}
