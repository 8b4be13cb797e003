package dev.gyre.cli.list;

import dev.gyre.core.registry.AliasChange;
import dev.gyre.core.registry.ModelVersion;
import dev.gyre.core.tracking.Tag;
import java.util.Optional;

/**
 * The version tags the training job writes and the model commands read, and how an alias change reads in one line.
 * The training job sets {@value #GATE} ({@code passed} or {@code failed}) and {@value #TASK} on each version it
 * registers; a version registered by anything else may have neither.
 */
final class ModelTags {

    /** Whether the version passed its quality gates: {@code passed} or {@code failed}. */
    static final String GATE = "gyre.gate";

    /** The task the model was trained for, e.g. {@code binary_classification}. */
    static final String TASK = "gyre.task";

    static final String GATE_FAILED = "failed";

    private ModelTags() {}

    static Optional<String> tag(ModelVersion version, String key) {
        return version.tags().stream()
                .filter(t -> t.key().equals(key))
                .map(Tag::value)
                .findFirst();
    }

    static boolean failedGate(ModelVersion version) {
        return tag(version, GATE).map(GATE_FAILED::equals).orElse(false);
    }

    /** {@code v2 -> v3}; {@code none} for an alias that did not exist before or was removed. */
    static String movement(AliasChange change) {
        return versionText(change.previousVersion()) + " -> " + versionText(change.version());
    }

    private static String versionText(Long version) {
        return version == null ? "none" : "v" + version;
    }
}
