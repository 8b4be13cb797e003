package dev.gyre.data.profile;

import dev.gyre.core.error.GyreException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The profile of a whole dataset: its row count and one {@link FeatureProfile} per column, in column order.
 * Immutable; {@link #merge} of the profiles of two parts (same columns) is the profile of their union.
 *
 * @param formatVersion the serialisation format this profile was read from or will be written as
 */
public record DatasetProfile(int formatVersion, long rowCount, List<FeatureProfile> features) {

    /**
     * The profile format this code writes; readers accept this and earlier versions. Version 2 added exact values
     * for small features, which replace their KLL sketch (so a version-1 reader would find no quantiles there);
     * version 1 profiles load as profiles without exact values.
     */
    public static final int FORMAT_VERSION = 2;

    public DatasetProfile {
        features = List.copyOf(features);
    }

    public static DatasetProfile of(long rowCount, List<FeatureProfile> features) {
        return new DatasetProfile(FORMAT_VERSION, rowCount, features);
    }

    public Optional<FeatureProfile> feature(String name) {
        return features.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** The profile of the rows of both; the parts must have the same columns (names and types) in the same order. */
    public static DatasetProfile merge(DatasetProfile a, DatasetProfile b) {
        List<String> namesA = a.features.stream().map(FeatureProfile::name).toList();
        List<String> namesB = b.features.stream().map(FeatureProfile::name).toList();
        if (!namesA.equals(namesB)) {
            throw GyreException.invalid("cannot merge profiles with different columns: " + namesA + " and " + namesB);
        }
        List<FeatureProfile> merged = new ArrayList<>(a.features.size());
        for (int i = 0; i < a.features.size(); i++) {
            merged.add(a.features.get(i).merge(b.features.get(i)));
        }
        return of(a.rowCount + b.rowCount, merged);
    }
}
