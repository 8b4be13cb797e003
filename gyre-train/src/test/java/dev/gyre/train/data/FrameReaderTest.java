package dev.gyre.train.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gyre.core.error.GyreException;
import dev.gyre.data.read.DatasetReader;
import dev.gyre.data.read.DatasetSource;
import dev.gyre.model.frame.Frame;
import dev.gyre.model.frame.NumericColumn;
import dev.gyre.model.frame.TextColumn;
import dev.gyre.model.frame.ValueKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameReaderTest {

    private static final Path LENDING_CLUB =
            Path.of(System.getProperty("gyre.shared.data"), "modeldata_lending_club.csv");

    @Test
    void readsTheLendingClubDataWithTheTypesTheProfilesSee() throws Exception {
        Frame frame;
        try (DatasetReader reader = DatasetReader.open(DatasetSource.of(LENDING_CLUB))) {
            frame = FrameReader.read(reader);
        }
        List<String> lines = Files.readAllLines(LENDING_CLUB);
        assertThat(frame.rows()).isEqualTo(lines.size() - 1);
        assertThat(frame.names()).hasSize(23).startsWith("funded_amnt", "term", "int_rate");
        NumericColumn funded = (NumericColumn) frame.column("funded_amnt");
        assertThat(funded.kind()).isEqualTo(ValueKind.NUMERIC);
        // first data line: 16100,"term_36",13.99,"C4",...,"good"
        assertThat(funded.get(0)).isEqualTo(16100.0);
        assertThat(((TextColumn) frame.column("term")).get(0)).isEqualTo("term_36");
        assertThat(((TextColumn) frame.column("Class")).get(0)).isEqualTo("good");
        assertThat(((NumericColumn) frame.column("int_rate")).get(0)).isEqualTo(13.99);
    }

    @Test
    void missingValuesAreNanOrNullAndColumnsComeInTheOrderAsked(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("small.csv");
        Files.writeString(csv, "a,b,when\n1,x,2024-01-02\n,,\n3,z,2024-01-03\n");
        Frame frame;
        try (DatasetReader reader = DatasetReader.open(DatasetSource.of(csv))) {
            frame = FrameReader.read(reader, List.of("when", "b", "a"));
        }
        assertThat(frame.names()).containsExactly("when", "b", "a");
        assertThat(((NumericColumn) frame.column("a")).values()).containsExactly(1.0, Double.NaN, 3.0);
        assertThat(((TextColumn) frame.column("b")).values()).containsExactly("x", null, "z");
        NumericColumn when = (NumericColumn) frame.column("when");
        assertThat(when.kind()).isEqualTo(ValueKind.TIMESTAMP);
        assertThat(when.get(0)).isEqualTo(1704153600000.0);
        assertThat(when.isMissing(1)).isTrue();
    }

    @Test
    void anUnknownColumnIsNamed(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("small.csv");
        Files.writeString(csv, "a\n1\n");
        try (DatasetReader reader = DatasetReader.open(DatasetSource.of(csv))) {
            assertThatThrownBy(() -> FrameReader.read(reader, List.of("b")))
                    .isInstanceOf(GyreException.class)
                    .hasMessageContaining("has no column 'b'");
        }
    }
}
