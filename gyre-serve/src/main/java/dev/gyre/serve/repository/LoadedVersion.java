package dev.gyre.serve.repository;

import dev.gyre.serve.runtime.ModelRuntime;
import java.nio.file.Path;

/**
 * A model version freshly loaded by {@link ModelLoader}, not yet serving.
 *
 * @param version the version label: the registry's version number, or {@code 1} for a local file
 * @param runtime the loaded model
 * @param temporaryFolder a folder to delete when the version is unloaded (a downloaded package), or null
 */
public record LoadedVersion(String version, ModelRuntime runtime, Path temporaryFolder) {}
