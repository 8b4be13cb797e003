package dev.gyre.data.drift;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The JSON form of a {@link ProfileComparison}, the one place its shape is defined: dataset verdict and share,
 * one object per compared feature (method, statistic, p-value or {@code null}, threshold, normed Wasserstein for
 * numeric features, drifted, and {@code source}: {@code exact} or {@code sketch}) and the schema differences. Non-finite numbers are written as {@code null}.
 * Instances hold their own {@link ObjectMapper} and are thread-safe.
 */
public final class ProfileComparisonJson {

    private final ObjectMapper mapper = new ObjectMapper();

    /** The report, pretty-printed; {@code reference} and {@code current} name the compared inputs. */
    public String write(ProfileComparison comparison, String reference, String current) {
        DatasetDrift drift = comparison.drift();
        ObjectNode root = mapper.createObjectNode();
        root.put("reference", reference);
        root.put("current", current);
        root.put("dataset_drift", drift.drifted());
        root.put("drifted_features", drift.driftedFeatures());
        root.put("compared_features", drift.features().size());
        putNumber(root, "drift_share", drift.share());
        putNumber(root, "drift_share_threshold", drift.threshold());
        putNumber(root, "ks_minimum_effect", comparison.ksMinimumEffect());
        ArrayNode features = root.putArray("features");
        for (FeatureDrift feature : drift.features()) {
            ObjectNode node = features.addObject();
            node.put("feature", feature.feature());
            node.put("type", comparison.types().get(feature.feature()).label());
            node.put("method", feature.method().name().toLowerCase(java.util.Locale.ROOT));
            putNumber(node, "statistic", feature.statistic());
            if (feature.pValue() == null) {
                node.putNull("p_value");
            } else {
                putNumber(node, "p_value", feature.pValue());
            }
            putNumber(node, "threshold", feature.threshold());
            if (comparison.minimumEffectApplied().contains(feature.feature())) {
                putNumber(node, "minimum_effect", comparison.ksMinimumEffect());
            }
            Double wasserstein = comparison.normedWasserstein().get(feature.feature());
            if (wasserstein != null) {
                putNumber(node, "normed_wasserstein", wasserstein);
            }
            node.put("drifted", feature.drifted());
            DistributionSource source = comparison.sources().get(feature.feature());
            if (source != null) {
                node.put("source", source.label());
            }
        }
        putNames(root.putArray("only_in_reference"), comparison.onlyInReference());
        putNames(root.putArray("only_in_current"), comparison.onlyInCurrent());
        ArrayNode changes = root.putArray("type_changes");
        for (TypeChange change : comparison.typeChanges()) {
            changes.addObject()
                    .put("feature", change.feature())
                    .put("reference", change.reference().label())
                    .put("current", change.current().label());
        }
        putNames(root.putArray("without_values"), comparison.withoutValues());
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain nodes always serialises", e);
        }
    }

    private static void putNames(ArrayNode array, List<String> names) {
        names.forEach(array::add);
    }

    private static void putNumber(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        } else {
            node.putNull(field);
        }
    }
}
