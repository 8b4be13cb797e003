package dev.gyre.data.quality;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One feature vector seen with several labels.
 *
 * @param features the shared feature values, in column order ({@code null} for SQL NULL)
 * @param labelCounts how many rows carry each label, most frequent first
 * @param rows the rows with this feature vector
 */
public record ConflictGroup(Map<String, Object> features, Map<String, Long> labelCounts, long rows) {

    public ConflictGroup {
        features = Collections.unmodifiableMap(new LinkedHashMap<>(features));
        labelCounts = Collections.unmodifiableMap(new LinkedHashMap<>(labelCounts));
    }
}
