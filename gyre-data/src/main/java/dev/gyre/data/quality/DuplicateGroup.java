package dev.gyre.data.quality;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row that occurs several times.
 *
 * @param values the row, in column order ({@code null} for SQL NULL)
 * @param copies how often it occurs
 */
public record DuplicateGroup(Map<String, Object> values, long copies) {

    public DuplicateGroup {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
}
