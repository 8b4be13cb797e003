package dev.gyre.cli.data;

import dev.gyre.cli.CliContext;
import dev.gyre.core.error.GyreException;
import dev.gyre.data.schema.InferenceOptions;
import dev.gyre.data.schema.Schema;
import dev.gyre.data.schema.SchemaFiles;
import dev.gyre.data.schema.SchemaInference;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gyre data infer-schema DATA_OR_PROFILE}: a first schema ({@link SchemaInference}) for people to review,
 * tighten and commit; {@code gyre data validate} then checks new data against it. Prints YAML (or JSON) unless
 * {@code --output} names a file.
 */
@Command(
        name = "infer-schema",
        mixinStandardHelpOptions = true,
        description = {
            "Infer a schema (types, presence, small domains, optional ranges) from a dataset or saved profile.",
            "Review and edit it, then check new data with 'gyre data validate --schema'.",
            "Prints YAML to stdout, or writes --output (YAML for .yaml/.yml, JSON for .json)."
        })
public final class InferSchemaCommand implements Callable<Integer> {

    @Parameters(
            index = "0",
            paramLabel = "INPUT",
            description = "datasets:/NAME[/VERSION] (its stored profile), a saved profile (.json) or a data file.")
    String input;

    @Mixin
    DatasetStoreOptions store = new DatasetStoreOptions();

    private final CliContext context;

    public InferSchemaCommand() {
        this(CliContext.fromSystem());
    }

    public InferSchemaCommand(CliContext context) {
        this.context = context;
    }

    @Option(names = "--output", paramLabel = "FILE", description = "Write the schema here instead of stdout.")
    Path output;

    @Option(
            names = "--max-domain-size",
            paramLabel = "N",
            defaultValue = "" + InferenceOptions.DEFAULT_MAX_DOMAIN_SIZE,
            description = "String and boolean columns with at most N distinct values get a domain (default"
                    + " ${DEFAULT-VALUE}; 0 for none).")
    int maxDomainSize;

    @Option(names = "--with-ranges", description = "Give numeric columns their observed min and max as a range.")
    boolean withRanges;

    @Option(names = "--json", description = "Print JSON instead of YAML.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        InferenceOptions options;
        try {
            options = new InferenceOptions(maxDomainSize, withRanges);
        } catch (IllegalArgumentException e) {
            throw GyreException.invalid("--max-domain-size must be >= 0, was " + maxDomainSize);
        }
        Schema schema = SchemaInference.infer(new ProfileInputs(context, store).load(input), options);
        PrintWriter out = spec.commandLine().getOut();
        if (output == null) {
            out.print(json ? SchemaFiles.toJson(schema) : SchemaFiles.toYaml(schema));
        } else {
            SchemaFiles.write(schema, output);
            out.println("wrote the schema of " + schema.columns().size() + " columns to " + output);
        }
        out.flush();
        return 0;
    }
}
