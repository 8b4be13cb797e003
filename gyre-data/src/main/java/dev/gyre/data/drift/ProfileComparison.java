package dev.gyre.data.drift;

import dev.gyre.data.read.GyreType;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The result of {@link ProfileDrift#compare}: the drift of the features both profiles share, plus the schema
 * differences that drift statistics cannot measure, so that none of them is silently dropped.
 *
 * @param drift drift of every feature present with the same type and with values on both sides
 * @param types the type of each feature in {@code drift}
 * @param normedWasserstein per numeric feature, the Wasserstein-1 distance divided by the reference's exact
 *     population standard deviation: an extra effect size, not the drift decision; exact when both sides keep exact
 *     values, else sketched (which overstates drift on heavy-tailed columns at k = 200)
 * @param ksMinimumEffect the minimum KS D applied to large references, see {@link ProfileDrift}
 * @param minimumEffectApplied the KS features whose reference was large enough for the minimum effect to apply
 * @param onlyInReference features the current profile lacks, in reference order
 * @param onlyInCurrent features the reference profile lacks, in current order
 * @param typeChanges features present in both with different types
 * @param withoutValues features present in both, same type, but without any value on at least one side
 * @param sources per feature in {@code drift}, whether its statistics came from exact values or from sketches
 */
public record ProfileComparison(
        DatasetDrift drift,
        Map<String, GyreType> types,
        Map<String, Double> normedWasserstein,
        double ksMinimumEffect,
        Set<String> minimumEffectApplied,
        List<String> onlyInReference,
        List<String> onlyInCurrent,
        List<TypeChange> typeChanges,
        List<String> withoutValues,
        Map<String, DistributionSource> sources) {

    public ProfileComparison {
        types = Map.copyOf(types);
        normedWasserstein = Map.copyOf(normedWasserstein);
        minimumEffectApplied = Set.copyOf(minimumEffectApplied);
        onlyInReference = List.copyOf(onlyInReference);
        onlyInCurrent = List.copyOf(onlyInCurrent);
        typeChanges = List.copyOf(typeChanges);
        withoutValues = List.copyOf(withoutValues);
        sources = Map.copyOf(sources);
    }

    /** A comparison that does not say where its statistics came from (the signature before {@code sources}). */
    public ProfileComparison(
            DatasetDrift drift,
            Map<String, GyreType> types,
            Map<String, Double> normedWasserstein,
            double ksMinimumEffect,
            Set<String> minimumEffectApplied,
            List<String> onlyInReference,
            List<String> onlyInCurrent,
            List<TypeChange> typeChanges,
            List<String> withoutValues) {
        this(
                drift,
                types,
                normedWasserstein,
                ksMinimumEffect,
                minimumEffectApplied,
                onlyInReference,
                onlyInCurrent,
                typeChanges,
                withoutValues,
                Map.of());
    }

    /** Whether the schemas differ: a feature missing on one side or with a changed type. */
    public boolean schemaChanged() {
        return !onlyInReference.isEmpty() || !onlyInCurrent.isEmpty() || !typeChanges.isEmpty();
    }
}
