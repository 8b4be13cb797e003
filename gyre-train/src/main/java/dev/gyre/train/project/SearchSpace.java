package dev.gyre.train.project;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The trainer parameters a tuning search varies, each with its {@link ParameterRange}; a tuned value overrides the
 * same parameter in {@link ModelSpec#params()}.
 *
 * @param parameters by parameter name, in file order (at least one)
 */
public record SearchSpace(Map<String, ParameterRange> parameters) {

    public SearchSpace {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        if (parameters.isEmpty()) {
            throw new IllegalArgumentException("a search space needs at least one parameter");
        }
    }
}
