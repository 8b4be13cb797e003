package dev.gyre.data.schema;

import static dev.gyre.data.testing.TestData.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gyre.core.error.GyreException;
import dev.gyre.data.drift.DriftMethod;
import dev.gyre.data.read.GyreType;
import dev.gyre.data.schema.Expectation.Between;
import dev.gyre.data.schema.Expectation.InSet;
import dev.gyre.data.schema.Expectation.NotNull;
import dev.gyre.data.schema.Expectation.Regex;
import dev.gyre.data.schema.Expectation.RowCountBetween;
import dev.gyre.data.schema.Expectation.Unique;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SchemaFilesTest {

    @TempDir
    Path dir;

    /** Every feature of the format, so a round trip exercises every key. */
    static Schema everything() {
        return new Schema(
                List.of(
                        new ColumnSchema(
                                "amount",
                                GyreType.NUMERIC,
                                0.97,
                                List.of(),
                                new NumericRange(0.0, 1500.5),
                                false,
                                true,
                                new DriftRule(DriftMethod.PSI, 0.2),
                                new DriftRule(DriftMethod.KOLMOGOROV_SMIRNOV, null),
                                List.of(
                                        new Between(null, 1000.0, 0.99),
                                        new NotNull(0.95),
                                        new InSet(List.of("1", "2.5"), 1))),
                        new ColumnSchema(
                                "status",
                                GyreType.STRING,
                                1,
                                List.of("1", "no", "true", "paid", "it's: odd"),
                                null,
                                true,
                                true,
                                null,
                                new DriftRule(DriftMethod.JENSEN_SHANNON, 0.15),
                                List.of(new Regex("^[a-z]+\\d?$", 0.9), new Unique(1))),
                        new ColumnSchema(
                                "flag",
                                GyreType.BOOLEAN,
                                0,
                                List.of("false", "true"),
                                null,
                                true,
                                true,
                                null,
                                null,
                                List.of()),
                        ColumnSchema.of("when", GyreType.TIMESTAMP)),
                List.of(new RowCountBetween(10L, null)));
    }

    @Test
    void yamlAndJsonRoundTripEveryKey() {
        Schema schema = everything();

        assertThat(SchemaFiles.fromYaml(SchemaFiles.toYaml(schema), "x.yaml")).isEqualTo(schema);
        assertThat(SchemaFiles.fromJson(SchemaFiles.toJson(schema), "x.json")).isEqualTo(schema);
    }

    @Test
    void filesAreWrittenByExtensionAndReadBack() throws IOException {
        Path yaml = dir.resolve("schema.yaml");
        Path json = dir.resolve("schema.json");

        SchemaFiles.write(everything(), yaml);
        SchemaFiles.write(everything(), json);

        assertThat(Files.readString(yaml)).startsWith("format: gyre.schema/v1\ncolumns:\n");
        assertThat(Files.readString(json)).startsWith("{\n  \"format\" : \"gyre.schema/v1\",");
        assertThat(SchemaFiles.read(yaml)).isEqualTo(everything());
        assertThat(SchemaFiles.read(json)).isEqualTo(everything());
        try (var files = Files.list(dir)) {
            assertThat(files).hasSize(2); // no temporary file left behind
        }
    }

    @Test
    void yamlIsStableAndReadable() {
        String yaml = SchemaFiles.toYaml(everything());

        assertThat(yaml).isEqualTo(SchemaFiles.toYaml(SchemaFiles.fromYaml(yaml, "x.yaml")));
        // Values that YAML would read as numbers or booleans stay quoted strings; defaults are left out.
        assertThat(yaml)
                .contains("domain:\n      - \"1\"\n      - \"no\"\n      - \"true\"\n      - paid\n")
                .contains("range:\n      min: 0\n      max: 1500.5\n")
                .contains("- between:\n          max: 1000\n          mostly: 0.99\n")
                .contains("pattern: \"^[a-z]+\\\\d?$\"\n")
                .contains("- unique: {}\n")
                .endsWith("expectations:\n  - row_count_between:\n      min: 10\n")
                .doesNotContain("mostly: 1.0");
    }

    /** A file written by this version, committed so that later versions prove they still read it. */
    @Test
    void theCommittedV1FileStillLoads() {
        Schema schema = SchemaFiles.read(resource("schema/compat-v1.yaml"));

        assertThat(schema).isEqualTo(everything());
    }

    @Test
    void plainNamesAndFlowStyleAreAccepted() {
        Schema schema = SchemaFiles.fromYaml("""
                format: gyre.schema/v1
                columns:
                  - {name: id, type: numeric, expectations: [unique, not_null, {in_set: {values: [1, 2]}}]}
                """, "inline.yaml");

        assertThat(schema.columns().getFirst().expectations())
                .containsExactly(new Unique(1), new NotNull(1), new InSet(List.of("1", "2"), 1));
        assertThat(schema.columns().getFirst().allowNan()).isTrue();
        assertThat(schema.columns().getFirst().presence()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            mostly above 1      | columns: [{name: a, type: numeric, expectations: [{between: {min: 0, mostly: 1.5}}]}] | columns[0].expectations[0].between.mostly: must be between 0 and 1, was 1.5
            unknown column key  | columns: [{name: a, type: numeric, colour: red}]                                      | columns[0].colour: unknown key (expected one of name, type, presence, domain, range, allow_nan, allow_infinity, drift, skew, expectations)
            unknown top key     | columns: []\\nversion: 2                                                              | version: unknown key (expected one of format, columns, expectations)
            wrong type          | columns: [{name: a, type: numeric, presence: high}]                                   | columns[0].presence: must be a finite number, was string 'high'
            boolean as string   | columns: [{name: a, type: numeric, allow_nan: 'no'}]                                  | columns[0].allow_nan: must be true or false, was string 'no'
            min above max       | columns: [{name: a, type: numeric}, {name: b, type: numeric, range: {min: 5, max: 1}}] | columns[1].range: min 5 > max 1
            between min > max   | columns: [{name: a, type: numeric, expectations: [{between: {min: 3.5, max: 2}}]}]    | columns[0].expectations[0].between: min 3.5 > max 2
            unknown type        | columns: [{name: a, type: float}]                                                     | columns[0].type: unknown type 'float' (expected one of numeric, boolean, string, timestamp)
            missing type        | columns: [{name: a}]                                                                  | columns[0].type: required
            bad regex           | columns: [{name: a, type: string, expectations: [{regex: {pattern: 'a(b'}}]}]         | columns[0].expectations[0].regex.pattern: invalid RE2 regular expression 'a(b': missing ): a(b
            look-behind regex   | columns: [{name: a, type: string, expectations: [{regex: {pattern: '(?<=x)y'}}]}]     | columns[0].expectations[0].regex.pattern: invalid RE2 regular expression '(?<=x)y'
            regex on numbers    | columns: [{name: a, type: numeric, expectations: [{regex: {pattern: '^1'}}]}]         | columns[0].expectations[0]: regex needs a string column, not numeric
            unknown expectation | columns: [{name: a, type: string, expectations: [{matches: {}}]}]                     | columns[0].expectations[0]: unknown expectation 'matches' (expected one of between, in_set, not_null, regex, row_count_between, unique)
            two keys in one     | columns: [{name: a, type: string, expectations: [{unique: {}, not_null: {}}]}]        | columns[0].expectations[0]: must be an expectation name or a mapping with one expectation name as its key, was a mapping
            unknown arg         | columns: [{name: a, type: string, expectations: [{unique: {most: 0.5}}]}]             | columns[0].expectations[0].unique.most: unknown key (expected one of mostly)
            row count on column | columns: [{name: a, type: string, expectations: [row_count_between]}]                 | columns[0].expectations[0]: row_count_between is a dataset-level expectation: list it under the top-level expectations
            column exp on table | columns: []\\nexpectations: [{unique: {}}]                                           | expectations[0]: unique is a column expectation: list it under the column's expectations
            negative row count  | columns: []\\nexpectations: [{row_count_between: {min: -1}}]                         | expectations[0].row_count_between.min: must be a whole number >= 0, was number -1
            duplicate column    | columns: [{name: a, type: string}, {name: a, type: numeric}]                          | columns[1].name: duplicate column 'a' (also columns[0])
            domain on numeric   | columns: [{name: a, type: numeric, domain: [1, 2]}]                                   | columns[0].domain: a domain needs a string or boolean column, not numeric
            bad boolean domain  | columns: [{name: a, type: boolean, domain: [true, maybe]}]                            | columns[0].domain[1]: a boolean domain holds true or false, was 'maybe'
            empty in_set        | columns: [{name: a, type: string, expectations: [{in_set: {values: []}}]}]            | columns[0].expectations[0].in_set.values: must list at least one value
            drift method        | columns: [{name: a, type: string, drift: {method: kolmogorov_smirnov}}]               | columns[0].drift.method: kolmogorov_smirnov does not apply to a string column
            columns not a list  | columns: {a: numeric}                                                                 | columns: must be a list, was a mapping
            """)
    void badFilesFailWithTheKeyPath(String name, String body, String message) {
        String text = "format: gyre.schema/v1\n" + body.replace("\\n", "\n");

        assertThatThrownBy(() -> SchemaFiles.fromYaml(text, "schema.yaml"))
                .isInstanceOf(GyreException.class)
                .hasMessageStartingWith("schema.yaml: " + message);
    }

    @Test
    void theFormatLineIsRequiredAndChecked() {
        assertThatThrownBy(() -> SchemaFiles.fromYaml("columns: []\n", "s.yaml"))
                .isInstanceOf(GyreException.class)
                .hasMessage("s.yaml: format: required (this version reads gyre.schema/v1)");
        assertThatThrownBy(() -> SchemaFiles.fromYaml("format: gyre.schema/v9\ncolumns: []\n", "s.yaml"))
                .hasMessage("s.yaml: format: unsupported format 'gyre.schema/v9', this version reads gyre.schema/v1");
    }

    @Test
    void syntaxErrorsNameFileAndLine() {
        assertThatThrownBy(() -> SchemaFiles.fromYaml("format: gyre.schema/v1\ncolumns: [\n  {name: a\n", "s.yaml"))
                .isInstanceOf(GyreException.class)
                .hasMessageStartingWith("s.yaml: line ")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> SchemaFiles.fromYaml("format: gyre.schema/v1\nformat: x\ncolumns: []\n", "s.yaml"))
                .hasMessageContaining("Duplicate field 'format'");
        assertThatThrownBy(() -> SchemaFiles.fromJson("{\"format\": ", "s.json"))
                .isInstanceOf(GyreException.class)
                .hasMessageStartingWith("s.json: line 1");
        assertThatThrownBy(() -> SchemaFiles.fromYaml("", "s.yaml")).hasMessage("s.yaml: the file is empty");
    }

    @Test
    void fileErrorsNameTheFile() {
        assertThatThrownBy(() -> SchemaFiles.read(dir.resolve("missing.yaml")))
                .isInstanceOf(GyreException.class)
                .hasMessage("no such schema file: " + dir.resolve("missing.yaml"));
        assertThatThrownBy(() -> SchemaFiles.read(dir.resolve("schema.txt")))
                .isInstanceOf(GyreException.class)
                .hasMessage("schema file " + dir.resolve("schema.txt") + " must end in .yaml, .yml or .json");
    }
}
