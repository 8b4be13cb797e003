package dev.gyre.server.api.data;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gyre.core.error.GyreException;
import dev.gyre.data.drift.DriftConfig;
import dev.gyre.data.drift.DriftMethod;
import dev.gyre.data.drift.ProfileDrift;
import dev.gyre.server.json.RequestFields;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The optional drift fields of {@code data/compare} and {@code data/validate}, the REST form of the CLI's drift
 * options: {@code min_effect}, {@code thresholds} ({@code {"psi": 0.2, …}}), {@code methods}
 * ({@code {"feature": "jensen_shannon", …}}), {@code drift_share} and {@code small_sample_rows}.
 */
record DriftSettings(DriftConfig config, double minEffect) {

    static final Set<String> FIELDS = Set.of("min_effect", "thresholds", "methods", "drift_share", "small_sample_rows");

    static DriftSettings of(RequestFields f) {
        double minEffect =
                f.has("min_effect") ? f.requiredDouble("min_effect") : ProfileDrift.DEFAULT_KS_MINIMUM_EFFECT;
        try {
            DriftConfig config = DriftConfig.defaults();
            if (f.has("drift_share")) {
                config = config.withDatasetDriftShare(f.requiredDouble("drift_share"));
            }
            if (f.has("small_sample_rows")) {
                config = config.withSmallSampleMaxRows(f.requiredInt64("small_sample_rows"));
            }
            for (Map.Entry<String, JsonNode> e : entries(f, "thresholds")) {
                if (!e.getValue().isNumber()) {
                    throw f.wrongType("thresholds." + e.getKey(), e.getValue(), "a number");
                }
                config = config.withThreshold(
                        DriftMethod.named(e.getKey()), e.getValue().asDouble());
            }
            for (Map.Entry<String, JsonNode> e : entries(f, "methods")) {
                if (!e.getValue().isTextual()) {
                    throw f.wrongType("methods." + e.getKey(), e.getValue(), "a method name");
                }
                config = config.withMethod(
                        e.getKey(), DriftMethod.named(e.getValue().asText()));
            }
            new ProfileDrift(config, minEffect); // checks min_effect against the configuration
            return new DriftSettings(config, minEffect);
        } catch (IllegalArgumentException e) {
            throw GyreException.invalid("drift settings: " + e.getMessage());
        }
    }

    ProfileDrift drift() {
        return new ProfileDrift(config, minEffect);
    }

    private static Iterable<Map.Entry<String, JsonNode>> entries(RequestFields f, String name) {
        JsonNode node = f.raw(name);
        if (node == null) {
            return List.of();
        }
        if (!node.isObject()) {
            throw f.wrongType(name, node, "an object");
        }
        return node.properties();
    }
}
