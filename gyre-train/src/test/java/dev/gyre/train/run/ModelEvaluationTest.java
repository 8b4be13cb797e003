package dev.gyre.train.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gyre.core.error.GyreException;
import dev.gyre.core.registry.ModelVersion;
import dev.gyre.store.MetadataStores;
import dev.gyre.store.TestDatabases;
import dev.gyre.store.artifact.ArtifactPaths;
import dev.gyre.store.artifact.LocalArtifactStore;
import dev.gyre.store.sql.SqlMetadataStores;
import dev.gyre.train.evaluate.TargetCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gyre evaluate}'s engine on the real Lending Club loans: one small model trained and registered once, then
 * evaluated by alias, by version and as a folder, against the champion and a {@code --compare} model, and refused,
 * with the reason, on data it cannot be judged on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModelEvaluationTest {

    private static final Path LENDING_CLUB = Path.of(
                    System.getProperty("gyre.shared.data"), "modeldata_lending_club.csv")
            .toAbsolutePath()
            .normalize();

    private Path dir;

    private MetadataStores stores;
    private LocalArtifactStore artifacts;
    private TrainingEnvironment environment;
    private TrainingOutcome trained;
    private final List<String> steps = new ArrayList<>();

    @BeforeAll
    void trainOnce(@TempDir Path folder) throws Exception {
        dir = folder;
        stores = SqlMetadataStores.open(TestDatabases.h2Memory(), "mlflow-artifacts:/");
        artifacts = new LocalArtifactStore(Files.createDirectories(dir.resolve("artifacts")));
        environment = new TrainingEnvironment(
                stores.tracking(),
                stores.registry(),
                stores.datasets(),
                artifacts,
                "tester",
                Clock.systemUTC(),
                "0.1.0-test");
        Path project = Files.writeString(dir.resolve("credit.yaml"), """
                name: credit
                task: binary
                target: Class
                positive_class: bad
                data:
                  train: %s
                split: {method: random, seed: 7, validation: 0.2, test: 0.2}
                model:
                  rounds: 30
                  early_stopping_rounds: 10
                  params: {max_depth: 3, eta: 0.2}
                targets:
                  quality: ["auc >= 0.6"]
                """.formatted(LENDING_CLUB));
        trained = new TrainingJob(environment, TrainingJob.Listener.NONE).run(project);
        assertThat(trained.registeredVersion()).hasValue(1);
    }

    @AfterAll
    void closeStores() {
        stores.close();
    }

    private ModelEvaluation evaluation() {
        return new ModelEvaluation(environment, steps::add);
    }

    /** The Lending Club rows as {@code SELECT <select> FROM loans}, written as a CSV named {@code name}. */
    private Path loans(String name, String select) throws Exception {
        Path target = dir.resolve(name);
        String sql =
                "COPY (SELECT " + select + " FROM read_csv_auto('" + LENDING_CLUB + "')) TO '" + target + "' (HEADER)";
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
        return target;
    }

    @Test
    void aRegisteredModelIsEvaluatedOnOtherDataWithItsOwnThresholdAndTargets() {
        ModelEvaluation.Result result =
                evaluation().evaluate("models:/credit@challenger", LENDING_CLUB.toString(), List.of());

        assertThat(result.model()).isEqualTo("models:/credit@challenger (version 1)");
        assertThat(result.data()).isEqualTo(LENDING_CLUB.toString());
        assertThat(result.rowsWithoutTarget()).isZero();
        assertThat(result.report().metrics().rows()).isEqualTo(9857);
        assertThat(result.report().metrics().asMap().get("auc")).isBetween(0.6, 0.99);
        assertThat(result.report().verdict().checks()).singleElement().satisfies(check -> assertThat(check.status())
                .isEqualTo(TargetCheck.Status.PASSED));
        assertThat(result.gatePassed()).isTrue();
        // what the model measured on its own test rows, beside what it measures here
        assertThat(result.report().comparison().competitors()).containsExactly(ModelEvaluation.AT_TRAINING);
        assertThat(result.report()
                        .comparison()
                        .row("auc")
                        .orElseThrow()
                        .others()
                        .getFirst()
                        .value())
                .isEqualTo(trained.metrics().get("auc"));
        assertThat(result.report().slices().slices()).isNotEmpty();
        assertThat(result.report().worstErrors().rows()).hasSize(20);
        assertThat(result.report().title()).contains("credit", "models:/credit@challenger", LENDING_CLUB.toString());
    }

    @Test
    void theChampionAndCompareModelsAreScoredOnTheSameRowsButNotTheModelItself() {
        ModelVersion source = stores.registry().getModelVersion("credit", 1);
        ModelVersion second = stores.registry()
                .createModelVersion("credit", source.source(), source.runId(), List.of(), null, "same package");
        stores.registry().setRegisteredModelAlias("credit", "champion", second.version());
        try {
            ModelEvaluation.Result withChampion =
                    evaluation().evaluate("models:/credit/1", LENDING_CLUB.toString(), List.of());
            String champion = "champion:v" + second.version();
            assertThat(withChampion.report().comparison().competitors())
                    .containsExactly(ModelEvaluation.AT_TRAINING, champion);
            // the same package scored the same rows: the same numbers
            assertThat(withChampion
                            .report()
                            .comparison()
                            .row("auc")
                            .orElseThrow()
                            .others())
                    .filteredOn(e -> e.name().equals(champion))
                    .singleElement()
                    .satisfies(e -> assertThat(e.delta()).isZero());

            ModelEvaluation.Result compared = evaluation()
                    .evaluate(
                            "models:/credit/" + second.version(), LENDING_CLUB.toString(), List.of("models:/credit/1"));
            assertThat(compared.report().comparison().competitors())
                    .containsExactly(ModelEvaluation.AT_TRAINING, "models:/credit/1");
            assertThat(compared.notes()).anySatisfy(note -> assertThat(note).contains("is the champion"));
        } finally {
            stores.registry().deleteRegisteredModelAlias("credit", "champion");
        }
    }

    @Test
    void aPackageFolderIsEvaluatedAndRowsWithoutATargetAreCounted() throws Exception {
        Path folder = artifacts.root().resolve(ArtifactPaths.proxiedRoot(trained.modelUri()));
        Path data = loans(
                "partly-labelled.csv", "* REPLACE (CASE WHEN funded_amnt < 3000 THEN NULL ELSE Class END AS Class)");

        ModelEvaluation.Result result = evaluation().evaluate(folder.toString(), data.toString(), List.of());

        assertThat(result.model()).isEqualTo(folder.toString());
        assertThat(result.rowsWithoutTarget()).isPositive();
        assertThat(result.report().metrics().rows()).isEqualTo(9857 - result.rowsWithoutTarget());
        assertThat(result.notes()).anySatisfy(note -> assertThat(note)
                .isEqualTo(result.rowsWithoutTarget() + " rows without a value of" + " 'Class' left out"));
    }

    @Test
    void missingInputColumnsAreNamedTogether() throws Exception {
        Path data = loans("narrow.csv", "* EXCLUDE (int_rate, term)");

        assertThatThrownBy(() -> evaluation().evaluate("models:/credit/1", data.toString(), List.of()))
                .isInstanceOf(GyreException.class)
                .hasMessageContaining("cannot be scored by models:/credit/1")
                .hasMessageContaining("missing columns 'term' (string), 'int_rate' (numeric)");
    }

    @Test
    void classesTheModelDoesNotKnowAreAnErrorNamingThem() throws Exception {
        Path data =
                loans("new-class.csv", "* REPLACE (CASE WHEN funded_amnt < 3000 THEN 'maybe' ELSE Class END AS Class)");

        assertThatThrownBy(() -> evaluation().evaluate("models:/credit/1", data.toString(), List.of()))
                .isInstanceOf(GyreException.class)
                .hasMessageContaining("has a class the model does not know: 'maybe' (")
                .hasMessageContaining("it was trained on [good, bad]");
    }

    @Test
    void badReferencesAreNamed() {
        assertThatThrownBy(() -> evaluation().evaluate("models:/credit", LENDING_CLUB.toString(), List.of()))
                .isInstanceOf(GyreException.class)
                .hasMessageContaining("'models:/credit' is not a model reference");
        assertThatThrownBy(() -> evaluation().evaluate("models:/credit@nobody", LENDING_CLUB.toString(), List.of()))
                .isInstanceOf(GyreException.class)
                .hasMessageContaining("nobody");
        assertThatThrownBy(() ->
                        evaluation().evaluate(dir.resolve("nothing").toString(), LENDING_CLUB.toString(), List.of()))
                .isInstanceOf(GyreException.class)
                .hasMessageContaining("is not a model package folder");
        assertThatThrownBy(() -> evaluation().evaluate("models:/credit/1", "datasets:/", List.of()))
                .isInstanceOf(GyreException.class)
                .hasMessageContaining("is not a dataset reference");
        assertThatThrownBy(() -> evaluation()
                        .evaluate("models:/credit/1", LENDING_CLUB.toString(), List.of("models:/credit/99")))
                .isInstanceOf(GyreException.class);
    }
}
