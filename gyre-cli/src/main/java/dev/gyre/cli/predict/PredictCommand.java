package dev.gyre.cli.predict;

import dev.gyre.cli.CliContext;
import dev.gyre.cli.output.ProgressOptions;
import dev.gyre.cli.output.StatusLine;
import dev.gyre.cli.serve.ModelStoreOptions;
import dev.gyre.core.error.ErrorCode;
import dev.gyre.core.error.GyreException;
import dev.gyre.data.read.DatasetReader;
import dev.gyre.data.read.DatasetSource;
import dev.gyre.serve.repository.LoadedVersion;
import dev.gyre.serve.repository.ModelLoader;
import dev.gyre.serve.repository.ModelSource;
import dev.gyre.serve.runtime.ModelRuntime;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gyre predict}: batch scoring. Streams a CSV, Parquet or JSON-lines file (or a folder of them) through a
 * model in batches and writes every input column plus the model's outputs — for a Gyre package {@code probability}
 * (binary), {@code probability(<class>)} (multiclass) or {@code prediction} (regression), then {@code label} — to a
 * Parquet or CSV file. The model is loaded, its inputs validated and scored exactly as {@code gyre serve} does it
 * ({@link ModelLoader}, {@code InputValidator}, {@link ModelRuntime#infer}), so batch and online predictions agree.
 *
 * <p>Nothing is written before the input's columns are known to fit the model (a missing column fails naming it and
 * the model's inputs), a value the model cannot take fails naming its row, and the output appears at its path only
 * once complete.
 */
@Command(
        name = "predict",
        mixinStandardHelpOptions = true,
        description = {
            "Score a file in batches with a model (models:/NAME@ALIAS, models:/NAME/VERSION, a package folder, an"
                    + " .onnx file or an XGBoost model file), validated and scored as gyre serve does, and write"
                    + " the input columns plus the model's outputs to a .parquet or .csv file.",
            "A value the model cannot take fails naming its row (counted from 1, header excluded); on any failure"
                    + " nothing is left at the output path."
        })
public final class PredictCommand implements Callable<Integer> {

    static final int DEFAULT_BATCH_ROWS = 10_000;

    @Option(
            names = "--model",
            required = true,
            paramLabel = "MODEL",
            description = "models:/NAME@ALIAS, models:/NAME/VERSION, a model package folder, an .onnx file or an"
                    + " XGBoost model file.")
    String model;

    @Option(
            names = "--input",
            required = true,
            paramLabel = "FILE",
            description = "The rows to score: a CSV (header row), Parquet or JSON-lines file, or a folder of them.")
    Path input;

    @Option(
            names = "--output",
            required = true,
            paramLabel = "FILE",
            description = "Where to write the scored rows: FILE.parquet or FILE.csv (replaced if it exists).")
    Path output;

    @Option(names = "--batch-size", paramLabel = "ROWS", description = "Rows scored per batch (default 10000).")
    int batchRows = DEFAULT_BATCH_ROWS;

    @Option(
            names = "--threads",
            paramLabel = "N",
            description = "Model calls running at once, each on one thread as in the server (default: the number of"
                    + " processors).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Mixin
    ModelStoreOptions store = new ModelStoreOptions();

    @Mixin
    ProgressOptions progressOptions = new ProgressOptions();

    @Spec
    CommandSpec spec;

    private final CliContext context;

    public PredictCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (batchRows < 1) {
            throw GyreException.invalid("--batch-size must be at least 1 row: " + batchRows);
        }
        if (threads < 1) {
            throw GyreException.invalid("--threads must be at least 1: " + threads);
        }
        Path target = output.toAbsolutePath().normalize();
        ScoredOutput.Format format = ScoredOutput.Format.of(target);
        Path source = input.toAbsolutePath().normalize();
        if (target.equals(source)) {
            throw GyreException.invalid("--output " + output + " is the input file; write the scores elsewhere");
        }
        if (Files.isDirectory(target)) {
            throw GyreException.invalid("--output " + output + " is a folder; give a file ending in .parquet or .csv");
        }
        ModelSource modelSource = ModelSource.parse(model);
        DatasetSource dataset = DatasetSource.of(source);
        long started = System.nanoTime();
        LoadedVersion loaded = load(modelSource);
        long rows;
        try (ModelRuntime runtime = loaded.runtime()) {
            rows = score(runtime, dataset, target, format);
        } finally {
            deleteFolder(loaded.temporaryFolder());
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        PrintWriter out = spec.commandLine().getOut();
        out.println(String.format(
                Locale.ROOT,
                "Scored %,d rows in %.1f s (%s rows/s) with %s (version %s): %s",
                rows,
                seconds,
                StatusLine.rate(seconds > 0 ? rows / seconds : 0),
                modelSource,
                loaded.version(),
                target));
        out.flush();
        return 0;
    }

    /**
     * Loads the model as the server does; the registry is open only while a registered version is resolved and
     * copied out, so a long run holds no store.
     */
    private LoadedVersion load(ModelSource modelSource) {
        try (ModelStoreOptions.Opened opened = store.open(context, modelSource instanceof ModelSource.Registered)) {
            return opened.loader().load(modelSource);
        } catch (GyreException e) {
            throw new GyreException(e.code(), "cannot load " + modelSource + ": " + e.getMessage(), e);
        }
    }

    /** Streams {@code dataset} through {@code runtime} into {@code target}; returns the rows scored. */
    private long score(ModelRuntime runtime, DatasetSource dataset, Path target, ScoredOutput.Format format) {
        String inputName = input.toString();
        PrintWriter err = spec.commandLine().getErr();
        try (ScoringProgress progress =
                        ScoringProgress.start(err, progressOptions.enabled(), name(input), name(target));
                DatasetReader reader = DatasetReader.open(dataset, progress.readProgress())) {
            InputPlan plan = InputPlan.of(inputName, model, reader.columns(), runtime);
            long total = reader.query(table -> "SELECT count(*) FROM " + table, result -> {
                result.next();
                return result.getLong(1);
            });
            return reader.withConnection((connection, table) -> {
                try (ScoredOutput scored = new ScoredOutput(connection, reader.columns(), runtime.metadata());
                        BatchScorer scorer = new BatchScorer(runtime, plan, scored, progress, inputName, threads)) {
                    progress.scoring(total);
                    Chunk.Builder chunks =
                            new Chunk.Builder(plan.usedColumns(), plan.textColumns(), batchRows, scorer::score);
                    reader.forEachBatch(chunks::add);
                    chunks.finish();
                    scorer.finish();
                    if (scored.rows() != total) {
                        throw new GyreException(
                                ErrorCode.INTERNAL_ERROR,
                                "scored " + scored.rows() + " rows but " + inputName + " has " + total
                                        + "; nothing was written");
                    }
                    progress.writing();
                    scored.write(table, target, format);
                    return scored.rows();
                } catch (GyreException e) {
                    throw e;
                } catch (RuntimeException e) {
                    throw new GyreException(ErrorCode.INTERNAL_ERROR, "scoring failed: " + e, e);
                }
            });
        }
    }

    private static String name(Path path) {
        Path file = path.getFileName();
        return file == null ? path.toString() : file.toString();
    }

    /** Deletes a downloaded package's temporary folder; a leftover is the operating system's to clean. */
    private static void deleteFolder(Path folder) {
        if (folder == null || !Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    // left for the temporary-file cleanup
                }
            });
        } catch (IOException | RuntimeException e) {
            // same
        }
    }
}
