package dev.gyre.cli.train;

import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What {@code gyre train} and {@code gyre tune} both take: the project file, the stores, the output form. */
final class ProjectJobOptions {

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "PROJECT",
            description = "The project file (default: gyre.yaml in the current folder).")
    Path project = Path.of("gyre.yaml");

    @Mixin
    TrainingStores stores = new TrainingStores();

    @Option(names = "--json", description = "Print the outcome as JSON instead of text.")
    boolean json;

    @Option(names = "--quiet", description = "Do not print progress lines to standard error.")
    boolean quiet;
}
