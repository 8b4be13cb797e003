package dev.gyre.data.schema;

import static dev.gyre.data.testing.TestData.csvRows;
import static dev.gyre.data.testing.TestData.shared;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gyre.data.profile.DatasetProfile;
import dev.gyre.data.profile.DatasetProfiler;
import dev.gyre.data.read.DatasetSource;
import dev.gyre.data.read.GyreType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaInferenceTest {

    private static final Path WEATHER = shared("weather.csv");

    @TempDir
    Path dir;

    @Test
    void weatherGetsTypesPresenceAndSmallDomains() throws IOException {
        List<String[]> rows = csvRows(WEATHER);
        TreeSet<String> weathers = new TreeSet<>();
        rows.forEach(r -> weathers.add(r[6]));

        Schema schema = SchemaInference.infer(profile(WEATHER), InferenceOptions.defaults());

        assertThat(schema.columns())
                .extracting(ColumnSchema::name)
                .containsExactly("location", "date", "precipitation", "temp_max", "temp_min", "wind", "weather");
        assertThat(schema.columns())
                .extracting(ColumnSchema::type)
                .containsExactly(
                        GyreType.STRING,
                        GyreType.TIMESTAMP,
                        GyreType.NUMERIC,
                        GyreType.NUMERIC,
                        GyreType.NUMERIC,
                        GyreType.NUMERIC,
                        GyreType.STRING);
        assertThat(schema.columns()).allSatisfy(c -> assertThat(c.presence()).isEqualTo(1.0));
        assertThat(schema.column("location").orElseThrow().domain()).containsExactly("New York", "Seattle");
        assertThat(schema.column("weather").orElseThrow().domain())
                .containsExactlyElementsOf(weathers)
                .hasSize(5);
        ColumnSchema tempMax = schema.column("temp_max").orElseThrow();
        assertThat(tempMax.range()).isNull();
        assertThat(tempMax.allowNan()).isFalse();
        assertThat(tempMax.allowInfinity()).isFalse();
        assertThat(tempMax.expectations()).isEmpty();
        assertThat(schema.expectations()).isEmpty();
    }

    @Test
    void rangesAreOptInAndDomainsRespectTheLimit() throws IOException {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (String[] row : csvRows(WEATHER)) {
            double value = Double.parseDouble(row[3]);
            min = Math.min(min, value);
            max = Math.max(max, value);
        }

        Schema schema = SchemaInference.infer(profile(WEATHER), new InferenceOptions(4, true));

        assertThat(schema.column("temp_max").orElseThrow().range()).isEqualTo(new NumericRange(min, max));
        assertThat(schema.column("weather").orElseThrow().domain()).isEmpty(); // 5 values > 4
        assertThat(schema.column("location").orElseThrow().domain()).hasSize(2);
        assertThat(schema.column("location").orElseThrow().range()).isNull();
    }

    @Test
    void lendingClubDomainsOnlyForFewValues() {
        Schema schema =
                SchemaInference.infer(profile(shared("modeldata_lending_club.csv")), InferenceOptions.defaults());

        assertThat(schema.column("term").orElseThrow().domain()).containsExactly("term_36", "term_60");
        assertThat(schema.column("Class").orElseThrow().domain()).containsExactly("bad", "good");
        assertThat(schema.column("sub_grade").orElseThrow().domain()).isEmpty(); // 35 grades
        assertThat(schema.column("addr_state").orElseThrow().domain()).isEmpty(); // 50 states
    }

    @Test
    void presenceIsRoundedDownAndBooleansGetDomains() throws IOException {
        Path file = dir.resolve("sparse.csv");
        Files.writeString(file, "note,flag\na,true\n,true\nb,\n,true\nc,true\n,true\nd,true\n");

        Schema schema = SchemaInference.infer(profile(file), InferenceOptions.defaults());

        assertThat(schema.column("note").orElseThrow().presence()).isEqualTo(0.57); // 4 of 7 = 0.5714
        assertThat(schema.column("flag").orElseThrow().presence()).isEqualTo(0.85); // 6 of 7 = 0.857
        assertThat(schema.column("flag").orElseThrow().domain()).containsExactly("true");
        assertThat(SchemaInference.presence(973, 1000)).isEqualTo(0.97);
        assertThat(SchemaInference.presence(999, 1000)).isEqualTo(0.99);
        assertThat(SchemaInference.presence(1000, 1000)).isEqualTo(1.0);
    }

    @Test
    void noDomainWhenTheSketchIsNoLongerExact() throws IOException {
        Path file = dir.resolve("many.csv");
        StringBuilder text = new StringBuilder("key\n");
        for (int i = 0; i < 1000; i++) {
            text.append("k").append(i).append('\n');
        }
        Files.writeString(file, text);

        Schema schema = SchemaInference.infer(profile(file), new InferenceOptions(5000, false));

        assertThat(schema.column("key").orElseThrow().domain()).isEmpty();
    }

    @Test
    void anInferredSchemaRoundTripsThroughYaml() {
        Schema schema = SchemaInference.infer(profile(WEATHER), new InferenceOptions(20, true));

        assertThat(SchemaFiles.fromYaml(SchemaFiles.toYaml(schema), "w.yaml")).isEqualTo(schema);
    }

    private static DatasetProfile profile(Path file) {
        return DatasetProfiler.profile(DatasetSource.of(file));
    }
}
