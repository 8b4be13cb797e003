package dev.gyre.train.run;

import dev.gyre.core.data.DatasetVersion;
import dev.gyre.core.tracking.DatasetInput;
import dev.gyre.data.profile.DatasetProfiler;
import dev.gyre.data.profile.ProfileJson;
import dev.gyre.data.read.DatasetColumn;
import dev.gyre.data.read.DatasetReader;
import dev.gyre.data.register.MlflowDatasets;
import dev.gyre.model.frame.Frame;
import dev.gyre.train.data.FrameReader;
import dev.gyre.train.project.ColumnInfo;
import dev.gyre.train.project.Project;
import dev.gyre.train.project.ProjectValidation;
import dev.gyre.train.project.SplitSpec;
import dev.gyre.train.split.Split;
import dev.gyre.train.split.Splitter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * The data a training run needs, read and checked before any run is recorded, so that bad data leaves no empty run:
 * the resolved sources, the feature columns, the labelled rows (rows without a target left out), the label
 * encoding, the split, and the training profile that becomes the package's monitoring baseline.
 *
 * @param testFile the rows of the project's separate test file, or {@code null} when the split makes the test rows
 */
record PreparedData(
        ResolvedData train,
        Optional<ResolvedData> test,
        List<String> features,
        List<DatasetColumn> columns,
        Frame all,
        Frame testFile,
        long rowsWithoutTarget,
        LabelEncoding encoding,
        Split split,
        byte[] trainingProfile) {

    static PreparedData prepare(Project project, TrainingEnvironment environment, TrainingJob.Listener listener) {
        ResolvedData train = ResolvedData.resolve(project.data().train(), environment.datasets());
        Optional<ResolvedData> test =
                project.data().test().map(source -> ResolvedData.resolve(source, environment.datasets()));
        listener.step("reading " + train.label());
        List<String> features;
        List<DatasetColumn> columns;
        Frame all;
        byte[] profile;
        try (DatasetReader reader = DatasetReader.open(train.source())) {
            columns = reader.columns();
            List<ColumnInfo> infos = columns.stream()
                    .map(c -> new ColumnInfo(c.name(), FrameReader.kindOf(c.type())))
                    .toList();
            ProjectValidation.requireColumns(project, infos, train.label());
            features = project.features()
                    .resolve(columns.stream().map(DatasetColumn::name).toList(), project.target());
            all = FrameReader.read(reader, columnsToRead(project, features));
            profile = trainingProfile(train, reader, environment, listener);
        }
        Frame testFile = null;
        if (test.isPresent()) {
            try (DatasetReader reader = DatasetReader.open(test.get().source())) {
                List<ColumnInfo> infos = reader.columns().stream()
                        .map(c -> new ColumnInfo(c.name(), FrameReader.kindOf(c.type())))
                        .toList();
                ProjectValidation.requireColumns(project, infos, test.get().label());
                testFile = FrameReader.read(reader, columnsToRead(project, features));
            }
        }
        int[] labelled = LabelEncoding.presentRows(all.column(project.target()));
        long withoutTarget = all.rows() - labelled.length;
        if (withoutTarget > 0) {
            all = all.select(labelled);
            listener.step(withoutTarget + " rows without a value of '" + project.target() + "' left out");
        }
        if (testFile != null) {
            testFile = testFile.select(LabelEncoding.presentRows(testFile.column(project.target())));
        }
        LabelEncoding encoding =
                LabelEncoding.fit(project.task(), all.column(project.target()), project::positiveClassAmong);
        SplitSpec spec = project.split();
        if (testFile != null) {
            spec = new SplitSpec(spec.method(), spec.seed(), spec.validation(), 0, spec.stratify(), spec.timeColumn());
        }
        Split split = Splitter.split(spec, all, project.task(), project.target());
        return new PreparedData(train, test, features, columns, all, testFile, withoutTarget, encoding, split, profile);
    }

    private static List<String> columnsToRead(Project project, List<String> features) {
        LinkedHashSet<String> names = new LinkedHashSet<>(features);
        names.add(project.target());
        project.split().timeColumn().ifPresent(names::add);
        return List.copyOf(names);
    }

    /** The training data's profile, the monitoring baseline: stored with a registered version, else computed. */
    private static byte[] trainingProfile(
            ResolvedData train, DatasetReader reader, TrainingEnvironment environment, TrainingJob.Listener listener) {
        if (train.registered().isPresent()) {
            DatasetVersion version = train.registered().get();
            return environment
                    .datasets()
                    .getProfile(version.name(), version.version())
                    .getBytes(StandardCharsets.UTF_8);
        }
        listener.step("profiling " + train.label() + " (the monitoring baseline)");
        return new ProfileJson().write(DatasetProfiler.profile(reader)).getBytes(StandardCharsets.UTF_8);
    }

    /** The MLflow dataset inputs of a run on this data: the training file, and the test file when there is one. */
    List<DatasetInput> inputs() {
        List<DatasetInput> inputs = new ArrayList<>();
        inputs.add(input(train(), columns(), all().rows(), "training"));
        test().ifPresent(test -> inputs.add(input(test, columns(), testFile().rows(), "testing")));
        return inputs;
    }

    private static DatasetInput input(ResolvedData data, List<DatasetColumn> columns, long rows, String context) {
        if (data.registered().isPresent()) {
            return MlflowDatasets.input(data.registered().get(), context);
        }
        String file = data.source().path().getFileName().toString();
        String name = file.contains(".") ? file.substring(0, file.indexOf('.')) : file;
        return MlflowDatasets.input(
                MlflowDatasets.forFile(name, data.digest(), data.source().path().toString(), columns, rows), context);
    }
}
