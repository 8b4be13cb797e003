package dev.gyre.train.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.gyre.core.error.ErrorCode;
import dev.gyre.core.error.GyreException;
import dev.gyre.model.MetricTarget;
import dev.gyre.model.Task;
import dev.gyre.train.project.ParameterRange.Choice;
import dev.gyre.train.project.ParameterRange.IntRange;
import dev.gyre.train.project.ParameterRange.LogUniform;
import dev.gyre.train.project.ParameterRange.Uniform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectFileTest {

    /** The shared data folder, as the committed examples reach it (the tests run in gyre-train/). */
    private static final Path SHARED_DATA =
            Path.of("../../shared/data").toAbsolutePath().normalize();

    private static final Path BASE = Path.of("/projects/credit");

    /** Lines 1 to 5 of every file below; what a test adds starts on line 6. */
    private static final String MINIMAL = """
            name: p
            task: binary
            target: y
            data:
              train: d.csv
            """;

    @TempDir
    Path dir;

    @Test
    void theCreditExampleLoadsToTheRecordsItStates() {
        Project project = ProjectFile.load(Path.of("src/test/resources/project/credit.yaml"));

        Map<String, Object> params = new LinkedHashMap<>();
        params.put("max_depth", 6);
        params.put("eta", 0.1);
        params.put("subsample", 0.8);
        Map<String, ParameterRange> space = new LinkedHashMap<>();
        space.put("max_depth", new IntRange(3, 10));
        space.put("eta", new LogUniform(0.01, 0.3));
        space.put("subsample", new Uniform(0.5, 1.0));
        space.put("grow_policy", new Choice(List.of("depthwise", "lossguide")));
        Project expected = new Project(
                "credit-risk",
                Task.BINARY,
                "Class",
                Optional.of("bad"),
                new FeatureSelection.AllColumns(List.of()),
                new DataSpec(
                        new DataSource.LocalFile(SHARED_DATA.resolve("modeldata_lending_club.csv")), Optional.empty()),
                SplitSpec.random(42, 0.2, 0.2, true),
                TextNode.valueOf("auto"),
                new ModelSpec(ModelSpec.Trainer.XGBOOST, 200, 20, 42, params),
                List.of(Baseline.MAJORITY, Baseline.LINEAR),
                new TargetsSpec(
                        List.of(MetricTarget.parse("auc >= 0.70"), MetricTarget.parse("log_loss <= 0.55")),
                        List.of(
                                MetricTarget.parse("p99_latency_ms <= 10"),
                                MetricTarget.parse("throughput_rps >= 2000"))),
                Optional.of(new TuningSpec(
                        TuningSpec.Method.RANDOM, 20, Optional.of(Duration.ofMinutes(10)), 2, new SearchSpace(space))),
                new ResourceLimits(Optional.of(Duration.ofMinutes(30)), OptionalLong.of(4096)),
                new RegistrySpec("credit-risk", "challenger"));
        assertThat(project).isEqualTo(expected);
        assertThat(project.model().params().keySet()).containsExactly("max_depth", "eta", "subsample");
        assertThat(project.tuning().orElseThrow().space().parameters().keySet())
                .containsExactly("max_depth", "eta", "subsample", "grow_policy");
    }

    @Test
    void theFlightsExampleSplitsByDateAndKeepsItsFeatureList() {
        Project project = ProjectFile.load(Path.of("src/test/resources/project/flights.yaml"));

        assertThat(project.task()).isEqualTo(Task.REGRESSION);
        assertThat(project.target()).isEqualTo("delay");
        assertThat(project.features())
                .isEqualTo(new FeatureSelection.NamedColumns(List.of("distance", "origin", "destination")));
        assertThat(project.data().train())
                .isEqualTo(new DataSource.LocalFile(SHARED_DATA.resolve("flights-3m.parquet")));
        assertThat(project.split()).isEqualTo(SplitSpec.byTime("date", 0.1, 0.2));
        assertThat(project.baselines()).containsExactly(Baseline.MEAN, Baseline.LINEAR);
        assertThat(project.model().params())
                .containsEntry("tree_method", "hist")
                .containsEntry("max_depth", 8);
        assertThat(project.targets().quality())
                .extracting(MetricTarget::toString)
                .containsExactly("mae <= 25", "r2 >= 0.02");
        assertThat(project.registry()).isEqualTo(new RegistrySpec("flight-delays", "challenger"));
        assertThat(project.tuning()).isEmpty();
        assertThat(project.resources().maxTime()).contains(Duration.ofHours(1));
    }

    @Test
    void aMinimalFileGetsTheDocumentedDefaults() {
        Project project = ProjectFile.parse(MINIMAL, BASE);

        assertThat(project.positiveClass()).isEmpty();
        assertThat(project.features()).isEqualTo(new FeatureSelection.AllColumns(List.of()));
        assertThat(project.data())
                .isEqualTo(new DataSpec(new DataSource.LocalFile(BASE.resolve("d.csv")), Optional.empty()));
        assertThat(project.split()).isEqualTo(SplitSpec.random(42, 0.2, 0.2, true));
        assertThat(project.pipeline()).isEqualTo(TextNode.valueOf("auto"));
        assertThat(project.model()).isEqualTo(ModelSpec.defaults());
        assertThat(project.baselines()).containsExactly(Baseline.MAJORITY);
        assertThat(project.targets()).isEqualTo(TargetsSpec.none());
        assertThat(project.tuning()).isEmpty();
        assertThat(project.resources()).isEqualTo(ResourceLimits.none());
        assertThat(project.registry()).isEqualTo(new RegistrySpec("p", "challenger"));
    }

    @Test
    void regressionIsNotStratifiedByDefaultAndASeparateTestSetLeavesNoTestShare() {
        Project project = ProjectFile.parse("""
                name: p
                task: regression
                target: y
                data:
                  train: datasets:/loans/3
                  test: datasets:/loans-2024
                split: {validation: 0.25}
                """, BASE);

        assertThat(project.data().train()).isEqualTo(new DataSource.Registered("loans", OptionalLong.of(3)));
        assertThat(project.data().test()).contains(new DataSource.Registered("loans-2024", OptionalLong.empty()));
        assertThat(project.data().test().orElseThrow()).hasToString("datasets:/loans-2024");
        assertThat(project.split()).isEqualTo(SplitSpec.random(42, 0.25, 0, false));
        assertThat(project.baselines()).containsExactly(Baseline.MEAN);
    }

    @Test
    void aPipelineListIsKeptAsWrittenAndCannotBeChangedThroughTheRecord() {
        Project project = ProjectFile.parse(MINIMAL + """
                pipeline:
                  - impute: {strategy: median}
                  - one_hot: {max_categories: 20}
                """, BASE);

        var expected = JsonNodeFactory.instance.arrayNode();
        expected.addObject().putObject("impute").put("strategy", "median");
        expected.addObject().putObject("one_hot").put("max_categories", 20);
        assertThat(project.pipeline()).isEqualTo(expected);
        ((com.fasterxml.jackson.databind.node.ArrayNode) project.pipeline()).removeAll();
        assertThat(project.pipeline()).isEqualTo(expected);
    }

    @Test
    void loadResolvesRelativePathsAgainstTheFilesFolder() throws Exception {
        Path file = Files.writeString(dir.resolve("gyre.yaml"), MINIMAL);

        Project project = ProjectFile.load(file);

        assertThat(project.data().train())
                .isEqualTo(new DataSource.LocalFile(dir.toAbsolutePath().resolve("d.csv")));
    }

    @Test
    void aMissingFileIsNamed() {
        assertThatThrownBy(() -> ProjectFile.load(dir.resolve("nope.yaml")))
                .isInstanceOf(GyreException.class)
                .hasMessage("no such project file: " + dir.resolve("nope.yaml"));
    }

    @Test
    void errorsNameTheFileGivenToLoad() throws Exception {
        Path file = Files.writeString(dir.resolve("gyre.yaml"), MINIMAL + "rounds: 3\n");

        assertThatThrownBy(() -> ProjectFile.load(file))
                .hasMessage(file + " line 6: unknown key 'rounds' (expected one of positive_class, features, exclude,"
                        + " split, pipeline, model, baselines, targets, tuning, resources, registry)");
    }

    @Test
    void everyProblemIsReportedTogetherSortedByLine() {
        String yaml = """
                name: credit
                task: binary
                target: Class
                targest:
                  quality: ["auc >= 0.8"]
                data:
                  train: x.csv
                split:
                  validation: 1.4
                  method: time
                model:
                  rounds: 0
                """;

        assertThatThrownBy(() -> ProjectFile.parse(yaml, BASE))
                .isInstanceOf(GyreException.class)
                .satisfies(e -> assertThat(((GyreException) e).code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE))
                .hasMessage(String.join(
                        "\n",
                        "gyre.yaml line 4: unknown key 'targest' (did you mean 'targets'?)",
                        "gyre.yaml line 8: split.time_column: required for method: time (the column that orders the"
                                + " rows)",
                        "gyre.yaml line 9: split.validation: 1.4 is not a fraction in (0, 1)",
                        "gyre.yaml line 12: model.rounds: 0 is below the minimum 1"));
    }

    @Test
    void missingRequiredKeysAreReportedWithoutALineAtTheTopAndAtTheParentBelow() {
        assertThatThrownBy(() -> ProjectFile.parse("task: binary\ndata:\n  test: t.csv\n", BASE))
                .hasMessage(String.join(
                        "\n",
                        "gyre.yaml: name: required",
                        "gyre.yaml: target: required",
                        "gyre.yaml line 2: data.train: required"));
    }

    @Test
    void aSyntaxErrorNamesItsLine() {
        assertThatThrownBy(() -> ProjectFile.parse("name: p\ntask: [binary\ntarget: y\n", BASE))
                .isInstanceOf(GyreException.class)
                .hasMessageStartingWith("gyre.yaml line 3: ");
    }

    @Test
    void aDuplicateKeyIsASyntaxError() {
        assertThatThrownBy(() -> ProjectFile.parse(MINIMAL + "task: regression\n", BASE))
                .hasMessageStartingWith("gyre.yaml line 6: Duplicate field 'task'");
    }

    @Test
    void aBadDatasetReferenceIsNamed() {
        assertThatThrownBy(() ->
                        ProjectFile.parse("name: p\ntask: binary\ntarget: y\ndata: {train: datasets:/x/0}\n", BASE))
                .hasMessage("gyre.yaml line 4: data.train: 'datasets:/x/0' is not a dataset reference (expected"
                        + " datasets:/NAME or datasets:/NAME/VERSION, VERSION from 1)");
    }

    @Test
    void anEmptyFileSaysWhatAProjectNeeds() {
        assertThatThrownBy(() -> ProjectFile.parse("# nothing yet\n", BASE))
                .hasMessage("gyre.yaml: the file is empty (a project needs name, task, target and data)");
    }

    @Test
    void aFileThatIsNotAMappingIsRefused() {
        assertThatThrownBy(() -> ProjectFile.parse("- name: p\n", BASE))
                .hasMessage("gyre.yaml: a project file is a mapping of keys (name, task, target, data, …), was a list");
    }
}
