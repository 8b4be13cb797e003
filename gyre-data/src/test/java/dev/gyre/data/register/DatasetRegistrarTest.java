package dev.gyre.data.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gyre.core.data.DatasetRegistration;
import dev.gyre.core.data.DatasetVersion;
import dev.gyre.core.error.ErrorCode;
import dev.gyre.core.error.GyreException;
import dev.gyre.core.tracking.Dataset;
import dev.gyre.core.tracking.DatasetInput;
import dev.gyre.core.tracking.Run;
import dev.gyre.core.tracking.Tag;
import dev.gyre.store.MetadataStores;
import dev.gyre.store.TestDatabases;
import dev.gyre.store.TrackingStore;
import dev.gyre.store.sql.SqlMetadataStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registrar against a real embedded store and real files read by DuckDB. */
class DatasetRegistrarTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private MetadataStores stores;
    private DatasetRegistrar registrar;

    @BeforeEach
    void open() {
        stores = SqlMetadataStores.open(TestDatabases.h2Memory(), "mlflow-artifacts:/");
        registrar = new DatasetRegistrar(stores.datasets());
    }

    @AfterEach
    void close() {
        stores.close();
    }

    private Path csv(String name, String text) throws Exception {
        return Files.writeString(temp.resolve(name), text);
    }

    @Test
    void registersNewBytesAsNewVersionsAndUnchangedBytesAsTheExistingOne() throws Exception {
        Path file = csv("iris.csv", "sepal,species,weight\n5.1,setosa,1\n4.9,setosa,\n6.3,virginica,3\n");

        DatasetRegistration first = registrar.register("iris", file, "three flowers");
        assertThat(first.created()).isTrue();
        DatasetVersion v1 = first.version();
        assertThat(v1.version()).isEqualTo(1);
        assertThat(v1.rowCount()).isEqualTo(3);
        assertThat(v1.format()).isEqualTo("csv");
        assertThat(v1.source()).isEqualTo(file.toAbsolutePath().toString());
        assertThat(v1.digest()).matches("sha256:[0-9a-f]{64}");
        assertThat(v1.description()).isEqualTo("three flowers");
        assertThat(DatasetSchemaJson.read(v1.schema()))
                .containsExactly(
                        new DatasetSchemaJson.Column("sepal", "numeric", "DOUBLE", false),
                        new DatasetSchemaJson.Column("species", "string", "VARCHAR", false),
                        new DatasetSchemaJson.Column("weight", "numeric", "BIGINT", true));
        JsonNode profile = JSON.readTree(stores.datasets().getProfile("iris", 1));
        assertThat(profile.get("row_count").asLong()).isEqualTo(3);
        assertThat(profile.get("features")).hasSize(3);

        DatasetRegistration again = registrar.register("iris", file, "ignored");
        assertThat(again.created()).isFalse();
        assertThat(again.version()).isEqualTo(v1);

        Files.writeString(file, "sepal,species,weight\n5.1,setosa,1\n");
        DatasetRegistration second = registrar.register("iris", file, null);
        assertThat(second.created()).isTrue();
        assertThat(second.version().version()).isEqualTo(2);
        assertThat(second.version().rowCount()).isEqualTo(1);
        assertThat(second.version().digest()).isNotEqualTo(v1.digest());
    }

    @Test
    void knownBytesAreNotReadAgain() throws Exception {
        Path file = csv("a.csv", "x,y\n1,2\n3,4\n");
        DatasetVersion v1 = registrar.register("pairs", file, null).version();
        // The same bytes under an extension DuckDB would fail to read: only the hash can have been computed.
        Path disguised = Files.copy(file, temp.resolve("a.parquet"));

        DatasetRegistration again = registrar.register("pairs", disguised, null);

        assertThat(again.created()).isFalse();
        assertThat(again.version()).isEqualTo(v1);
    }

    @Test
    void raggedCsvWritesNothingAndNamesTheFileAndLine() throws Exception {
        StringBuilder text = new StringBuilder("a,b,c\n");
        for (int i = 0; i < 30_000; i++) {
            text.append(i).append(",x,").append(i * 2).append('\n');
        }
        text.append("7,y,8,9\n");
        Path ragged = csv("ragged.csv", text.toString());

        assertThatThrownBy(() -> registrar.register("ragged", ragged, null))
                .isInstanceOf(GyreException.class)
                .satisfies(e -> assertThat(((GyreException) e).code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE))
                .hasMessageContaining(ragged.toString())
                .hasMessageContaining("CSV Error on Line: 30002");

        assertThat(stores.datasets().listDatasets(10, null).items()).isEmpty();
    }

    @Test
    void corruptParquetAndMissingFilesWriteNothing() throws Exception {
        Path broken = Files.writeString(temp.resolve("broken.parquet"), "this is not parquet");
        assertThatThrownBy(() -> registrar.register("broken", broken, null))
                .isInstanceOf(GyreException.class)
                .hasMessageStartingWith("cannot read parquet " + broken);
        Path missing = temp.resolve("missing.csv");
        assertThatThrownBy(() -> registrar.register("missing", missing, null))
                .isInstanceOf(GyreException.class)
                .hasMessage("no such file or folder: " + missing);

        assertThat(stores.datasets().listDatasets(10, null).items()).isEmpty();
    }

    @Test
    void rejectsBadNamesBeforeReadingAnything() {
        Path missing = temp.resolve("never-read.csv");
        assertThatThrownBy(() -> registrar.register("../escape", missing, null))
                .isInstanceOf(GyreException.class)
                .hasMessageStartingWith("Invalid dataset name: '../escape'");
        assertThatThrownBy(() -> registrar.register("", missing, null))
                .isInstanceOf(GyreException.class)
                .hasMessage("Dataset name cannot be empty.");
    }

    @Test
    void convertsAVersionToMlflowsDatasetEntity() throws Exception {
        Path file = csv("mixed.csv", "id,score,label,flag,day\n1,0.5,a,true,2024-01-02\n2,,b,false,2024-01-03\n");
        DatasetVersion v = registrar.register("mixed", file, null).version();

        Dataset d = MlflowDatasets.toMlflow(v);

        assertThat(d.name()).isEqualTo("mixed");
        assertThat(d.digest()).hasSize(16).isEqualTo(v.digest().substring("sha256:".length(), 7 + 16));
        assertThat(d.sourceType()).isEqualTo("local");
        JsonNode source = JSON.readTree(d.source());
        assertThat(source.get("uri").asText())
                .isEqualTo(file.toAbsolutePath().toUri().toString());
        assertThat(source.get("gyre_dataset").asText()).isEqualTo("mixed");
        assertThat(source.get("gyre_version").asLong()).isEqualTo(1);
        assertThat(source.get("gyre_digest").asText()).isEqualTo(v.digest());
        assertThat(JSON.readTree(d.schema()))
                .isEqualTo(JSON.readTree("{\"mlflow_colspec\": ["
                        + "{\"type\": \"long\", \"name\": \"id\", \"required\": true},"
                        + "{\"type\": \"double\", \"name\": \"score\", \"required\": false},"
                        + "{\"type\": \"string\", \"name\": \"label\", \"required\": true},"
                        + "{\"type\": \"boolean\", \"name\": \"flag\", \"required\": true},"
                        + "{\"type\": \"datetime\", \"name\": \"day\", \"required\": true}]}"));
        assertThat(JSON.readTree(d.profile())).isEqualTo(JSON.readTree("{\"num_rows\": 2, \"num_elements\": 10}"));
    }

    @Test
    void linksAVersionToARunThroughLogInputs() throws Exception {
        TrackingStore tracking = stores.tracking();
        DatasetVersion v = registrar
                .register("train", csv("train.csv", "x,y\n1,2\n"), null)
                .version();
        String runId = tracking.createRun(TrackingStore.DEFAULT_EXPERIMENT_ID, "me", 1L, List.of(), "r1")
                .info()
                .runId();

        DatasetRegistrar.linkToRun(tracking, runId, v, "training");
        DatasetRegistrar.linkToRun(tracking, runId, v, "training");

        Run run = tracking.getRun(runId);
        assertThat(run.inputs()).hasSize(1);
        DatasetInput input = run.inputs().getFirst();
        assertThat(input.dataset()).isEqualTo(MlflowDatasets.toMlflow(v));
        assertThat(input.tags()).containsExactly(new Tag(MlflowDatasets.CONTEXT_TAG, "training"));
    }
}
