package dev.gyre.train.project;

import java.util.Objects;

/**
 * Where a model that meets its targets is registered.
 *
 * @param model the registered model name (default: the project name)
 * @param alias the alias pointed at the new version when every quality target is met (default {@code challenger},
 *     leaving {@code champion} to a person or a later comparison)
 */
public record RegistrySpec(String model, String alias) {

    public static final String DEFAULT_ALIAS = "challenger";

    public RegistrySpec {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(alias, "alias");
    }
}
