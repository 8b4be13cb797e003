package dev.gyre.train.run;

import dev.gyre.core.error.GyreException;
import dev.gyre.core.registry.ModelVersion;
import dev.gyre.data.read.DatasetColumn;
import dev.gyre.data.read.DatasetReader;
import dev.gyre.model.frame.Column;
import dev.gyre.model.frame.Frame;
import dev.gyre.model.frame.NumericColumn;
import dev.gyre.model.pack.ModelPackage;
import dev.gyre.model.pack.PackageManifest;
import dev.gyre.model.pack.Signature;
import dev.gyre.model.runtime.Scores;
import dev.gyre.train.data.FrameReader;
import dev.gyre.train.evaluate.Comparison;
import dev.gyre.train.evaluate.EvaluationReport;
import dev.gyre.train.evaluate.GateVerdict;
import dev.gyre.train.evaluate.TaskMetrics;
import dev.gyre.train.project.DataSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@code gyre evaluate MODEL DATA}: how a model does on data other than its own test rows — last month's loans, a new
 * region — judged as {@code gyre train} judges it: the task's metrics at the package's decision threshold, slices of
 * the raw inputs, the worst rows, the package's own quality targets as the gate, and a comparison with what the
 * model measured at training, with any {@code --compare} models, and with the registered {@code champion} (unless
 * the model is the champion). Every model is scored on the same labelled rows, so the numbers compare like for like.
 * The data must carry the target and every input column of the model, with the kinds it was trained on; a class the
 * model never saw is an error naming it, since no metric of a classifier can account for it. Nothing is recorded:
 * the caller writes the report where it wants it.
 */
public final class ModelEvaluation {

    /** The competitor name of the metrics the package was registered with (its own held-out rows). */
    public static final String AT_TRAINING = "at_training";

    private static final int WORST_ERRORS = 20;

    /**
     * What one evaluation found.
     *
     * @param model how the evaluated model was named, e.g. {@code models:/credit@challenger (version 3)}
     * @param data how the data was named: its path or {@code datasets:/NAME/VERSION}
     * @param rowsWithoutTarget rows left out because their target was missing
     * @param report the evaluation (metrics, slices, worst errors, comparison, verdict)
     * @param notes what the reader should know that is not a metric, e.g. why the champion was not compared
     */
    public record Result(
            String model, String data, long rowsWithoutTarget, EvaluationReport report, List<String> notes) {

        public Result {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(report, "report");
            notes = List.copyOf(notes);
        }

        /** Whether every quality target of the package is met on this data. */
        public boolean gatePassed() {
            return report.verdict().passed();
        }
    }

    private final TrainingEnvironment environment;
    private final TrainingJob.Listener listener;

    /** Reads from {@code environment}'s registry, dataset registry and artifact store; records nothing. */
    public ModelEvaluation(TrainingEnvironment environment, TrainingJob.Listener listener) {
        this.environment = Objects.requireNonNull(environment, "environment");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Evaluates {@code model} (a package folder, {@code models:/NAME/VERSION} or {@code models:/NAME@ALIAS}) on
     * {@code data} (a path, relative to the working folder, or {@code datasets:/NAME[/VERSION]}), beside each of
     * {@code compare} (model references as {@code model}). Bad input of any kind is a {@code GyreException} naming it.
     */
    public Result evaluate(String model, String data, List<String> compare) {
        ResolvedData resolved = resolveData(data);
        List<LoadedModel> opened = new ArrayList<>();
        try {
            LoadedModel evaluated = open(model, opened);
            PackageManifest manifest = evaluated.pack().manifest();
            List<LoadedModel> others = new ArrayList<>();
            for (String reference : compare) {
                LoadedModel other = open(reference, opened);
                String mismatch = mismatch(manifest, other.pack().manifest());
                if (mismatch != null) {
                    throw GyreException.invalid(
                            "--compare " + reference + " cannot be compared with " + model + ": " + mismatch);
                }
                others.add(other);
            }
            List<String> notes = new ArrayList<>();
            Optional<LoadedModel> champion = champion(evaluated, others, opened, notes);
            return evaluate(evaluated, others, champion, resolved, notes);
        } finally {
            opened.forEach(LoadedModel::close);
        }
    }

    private Result evaluate(
            LoadedModel evaluated,
            List<LoadedModel> others,
            Optional<LoadedModel> champion,
            ResolvedData data,
            List<String> notes) {
        PackageManifest manifest = evaluated.pack().manifest();
        listener.step("reading " + data.label());
        Frame all;
        Optional<LoadedModel> scorableChampion = champion;
        try (DatasetReader reader = DatasetReader.open(data.source())) {
            Map<String, DatasetColumn> columns = reader.columns().stream()
                    .collect(Collectors.toMap(DatasetColumn::name, c -> c, (a, b) -> a, LinkedHashMap::new));
            List<String> problems = columnProblems(manifest, columns);
            if (!problems.isEmpty()) {
                throw GyreException.invalid("data " + data.label() + " cannot be scored by " + evaluated.label() + ": "
                        + String.join("; ", problems));
            }
            for (LoadedModel other : others) {
                List<String> theirs = columnProblems(other.pack().manifest(), columns);
                if (!theirs.isEmpty()) {
                    throw GyreException.invalid("data " + data.label() + " cannot be scored by --compare "
                            + other.label() + ": " + String.join("; ", theirs));
                }
            }
            if (champion.isPresent()) {
                List<String> theirs = columnProblems(champion.get().pack().manifest(), columns);
                if (!theirs.isEmpty()) {
                    note(
                            notes,
                            "the champion cannot score this data (" + String.join("; ", theirs) + "); not compared");
                    scorableChampion = Optional.empty();
                }
            }
            LinkedHashSet<String> names = new LinkedHashSet<>(inputNames(manifest));
            names.add(manifest.target());
            others.forEach(o -> names.addAll(inputNames(o.pack().manifest())));
            scorableChampion.ifPresent(c -> names.addAll(inputNames(c.pack().manifest())));
            all = FrameReader.read(reader, List.copyOf(names));
        }
        int[] labelled = LabelEncoding.presentRows(all.column(manifest.target()));
        long withoutTarget = all.rows() - labelled.length;
        if (labelled.length == 0) {
            throw GyreException.invalid("data " + data.label() + " has no row with a value of '" + manifest.target()
                    + "' (" + all.rows() + " rows read), so there is nothing to evaluate on");
        }
        if (withoutTarget > 0) {
            all = all.select(labelled);
            note(notes, withoutTarget + " rows without a value of '" + manifest.target() + "' left out");
        }
        Frame rows = all;
        Column target = rows.column(manifest.target());
        LabelEncoding encoding = encoding(manifest, target, data.label());

        listener.step("scoring " + rows.rows() + " rows with " + evaluated.label());
        ScoredRows scored = score(evaluated.pack(), rows, encoding);
        TaskMetrics metrics = scored.metrics();
        Map<String, Double> measured = metrics.asMap();

        Map<String, Map<String, Double>> competitors = new LinkedHashMap<>();
        if (!manifest.metrics().isEmpty()) {
            competitors.put(AT_TRAINING, manifest.metrics());
        }
        for (LoadedModel other : others) {
            listener.step("scoring the same rows with " + other.label());
            competitors.put(
                    other.label(), score(other.pack(), rows, encoding).metrics().asMap());
        }
        if (scorableChampion.isPresent()) {
            LoadedModel c = scorableChampion.get();
            ModelVersion version = c.registered().orElseThrow();
            listener.step("scoring the same rows with the champion (version " + version.version() + ")");
            try {
                competitors.put(
                        "champion:v" + version.version(),
                        score(c.pack(), rows, encoding).metrics().asMap());
            } catch (GyreException e) {
                note(notes, "the champion cannot score this data (" + e.getMessage() + "); not compared");
            }
        }

        GateVerdict verdict = GateVerdict.check(manifest.qualityTargets(), measured);
        Frame raw = rows.project(inputNames(manifest));
        EvaluationReport report = new EvaluationReport(
                manifest.name() + " — " + evaluated.label() + " on " + data.label(),
                metrics,
                scored.slices(raw),
                scored.worstErrors(raw, WORST_ERRORS),
                Comparison.of("model", measured, competitors),
                verdict);
        return new Result(evaluated.label(), data.label(), withoutTarget, report, notes);
    }

    private ResolvedData resolveData(String data) {
        DataSource source = DataSource.of(data, Path.of(""))
                .orElseThrow(() -> GyreException.invalid("'" + data + "' is not a dataset reference: write"
                        + " datasets:/NAME, datasets:/NAME/VERSION or the path of a data file"));
        return ResolvedData.resolve(source, environment.datasets());
    }

    private LoadedModel open(String reference, List<LoadedModel> opened) {
        listener.step("loading " + reference);
        LoadedModel model = LoadedModel.open(reference, environment.registry(), environment.artifacts());
        opened.add(model);
        return model;
    }

    /**
     * The registered {@code champion} of the evaluated model's name, loaded, unless the evaluated model or a {@code
     * --compare} model is that version, or it answers another task or classes.
     */
    private Optional<LoadedModel> champion(
            LoadedModel evaluated, List<LoadedModel> others, List<LoadedModel> opened, List<String> notes) {
        ModelVersion champion;
        try {
            champion = environment
                    .registry()
                    .getModelVersionByAlias(evaluated.registeredName(), Competitors.CHAMPION_ALIAS);
        } catch (GyreException none) {
            return Optional.empty();
        }
        if (evaluated.is(champion)) {
            note(notes, "this model is the champion (version " + champion.version() + "); no champion to compare");
            return Optional.empty();
        }
        if (others.stream().anyMatch(o -> o.is(champion))) {
            return Optional.empty();
        }
        listener.step("loading the champion, " + champion.name() + " version " + champion.version());
        LoadedModel loaded;
        try {
            loaded = LoadedModel.open(champion, environment.artifacts());
        } catch (GyreException e) {
            note(
                    notes,
                    "the champion (version " + champion.version() + ") cannot be loaded (" + e.getMessage()
                            + "); not compared");
            return Optional.empty();
        }
        opened.add(loaded);
        String mismatch = mismatch(evaluated.pack().manifest(), loaded.pack().manifest());
        if (mismatch != null) {
            note(notes, "the champion (version " + champion.version() + ") " + mismatch + "; not compared");
            return Optional.empty();
        }
        return Optional.of(loaded);
    }

    /** Why {@code other} cannot be scored beside {@code model} on one set of labels; {@code null} when it can. */
    private static String mismatch(PackageManifest model, PackageManifest other) {
        if (other.task() != model.task()) {
            return "it answers " + other.task().label() + ", not "
                    + model.task().label();
        }
        if (!other.target().equals(model.target())) {
            return "it predicts '" + other.target() + "', not '" + model.target() + "'";
        }
        if (!other.classes().equals(model.classes())) {
            return "its classes " + other.classes() + " differ from " + model.classes();
        }
        return null;
    }

    /** The columns {@code manifest}'s model needs that {@code columns} lack or hold with another kind. */
    private static List<String> columnProblems(PackageManifest manifest, Map<String, DatasetColumn> columns) {
        List<String> missing = new ArrayList<>();
        List<String> wrongKind = new ArrayList<>();
        if (!columns.containsKey(manifest.target())) {
            missing.add("'" + manifest.target() + "' (the target)");
        }
        for (Signature.Field field : manifest.signature().inputs()) {
            DatasetColumn column = columns.get(field.name());
            if (column == null) {
                missing.add("'" + field.name() + "' (" + field.kind().label() + ")");
            } else if (FrameReader.kindOf(column.type()) != field.kind()) {
                wrongKind.add("'" + field.name() + "' is "
                        + FrameReader.kindOf(column.type()).label() + " but the model was trained on "
                        + field.kind().label());
            }
        }
        List<String> problems = new ArrayList<>();
        if (!missing.isEmpty()) {
            problems.add("missing column" + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing));
        }
        problems.addAll(wrongKind);
        return problems;
    }

    private static List<String> inputNames(PackageManifest manifest) {
        return manifest.signature().inputs().stream().map(Signature.Field::name).toList();
    }

    /**
     * The model's own classes as the encoding of {@code target}; a label the model does not know, or text as a
     * regression target, is a {@code GyreException} naming every such value and how often it occurs.
     */
    private static LabelEncoding encoding(PackageManifest manifest, Column target, String data) {
        if (!manifest.task().classification()) {
            if (!(target instanceof NumericColumn)) {
                throw GyreException.invalid("target '" + target.name() + "' in " + data
                        + " holds text; the regression model predicts numbers");
            }
            return new LabelEncoding(manifest.task(), List.of());
        }
        TreeMap<String, Long> unknown = new TreeMap<>();
        for (int row = 0; row < target.size(); row++) {
            LabelEncoding.labelOf(target, row)
                    .filter(label -> !manifest.classes().contains(label))
                    .ifPresent(label -> unknown.merge(label, 1L, Long::sum));
        }
        if (!unknown.isEmpty()) {
            String listed = unknown.entrySet().stream()
                    .limit(10)
                    .map(e -> "'" + e.getKey() + "' (" + e.getValue() + " rows)")
                    .collect(Collectors.joining(", "));
            throw GyreException.invalid("target '" + target.name() + "' in " + data + " has "
                    + (unknown.size() == 1 ? "a class" : unknown.size() + " classes") + " the model does not know: "
                    + listed + (unknown.size() > 10 ? ", …" : "") + "; it was trained on " + manifest.classes());
        }
        return new LabelEncoding(manifest.task(), manifest.classes());
    }

    private static ScoredRows score(ModelPackage pack, Frame rows, LabelEncoding encoding) {
        Scores scores = pack.predict(rows).scores();
        return ScoredRows.of(
                scores,
                rows.column(pack.manifest().target()),
                encoding,
                pack.manifest().threshold());
    }

    private void note(List<String> notes, String note) {
        notes.add(note);
        listener.step(note);
    }
}
