package dev.gyre.train.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gyre.core.error.GyreException;
import dev.gyre.model.frame.Frame;
import dev.gyre.model.frame.NumericColumn;
import dev.gyre.model.frame.TextColumn;
import dev.gyre.model.frame.ValueKind;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProjectValidationTest {

    private static final List<ColumnInfo> LOANS = List.of(
            new ColumnInfo("id", ValueKind.NUMERIC),
            new ColumnInfo("funded_amnt", ValueKind.NUMERIC),
            new ColumnInfo("term", ValueKind.STRING),
            new ColumnInfo("issued", ValueKind.TIMESTAMP),
            new ColumnInfo("Class", ValueKind.STRING));

    private static Project project(String yaml) {
        return ProjectFile.parse(yaml, Path.of("/p"));
    }

    @Test
    void aProjectThatFitsItsDataHasNoProblems() {
        Project project = project("""
                name: p
                task: binary
                target: Class
                exclude: [id]
                data: {train: loans.csv}
                split: {method: time, time_column: issued}
                """);

        assertThat(ProjectValidation.againstColumns(project, LOANS)).isEmpty();
        assertThat(project.features().resolve(List.of("id", "funded_amnt", "term", "issued", "Class"), "Class"))
                .containsExactly("funded_amnt", "term", "issued");
    }

    @Test
    void columnsThatAreNotInTheDataAreNamedWithTheClosestColumn() {
        Project project = project("""
                name: p
                task: binary
                target: class
                features: [funded_amt, term, zip]
                data: {train: loans.csv}
                split: {method: time, time_column: isued}
                """);

        assertThat(ProjectValidation.againstColumns(project, LOANS))
                .containsExactly(
                        "target: no column 'class' in the data (did you mean 'Class'?)",
                        "features[0]: no column 'funded_amt' in the data (did you mean 'funded_amnt'?)",
                        "features[2]: no column 'zip' in the data",
                        "split.time_column: no column 'isued' in the data (did you mean 'issued'?)");
    }

    @Test
    void anExcludedColumnMustExistSoATypoCannotLetALeakIn() {
        Project project = project("name: p\ntask: binary\ntarget: Class\nexclude: [ID]\ndata: {train: x}\n");

        assertThat(ProjectValidation.againstColumns(project, LOANS))
                .containsExactly("exclude[0]: no column 'ID' in the data (did you mean 'id'?)");
    }

    @Test
    void aRegressionTargetMustBeNumericAndATimeColumnATimeOrNumber() {
        Project project = project("""
                name: p
                task: regression
                target: term
                data: {train: loans.csv}
                split: {method: time, time_column: Class}
                """);

        assertThat(ProjectValidation.againstColumns(project, LOANS))
                .containsExactly(
                        "target: a regression target must be numeric, 'term' is string",
                        "split.time_column: 'Class' is string; a time split needs a timestamp or number column");
    }

    @Test
    void allColumnsMayLeaveNoFeature() {
        Project project = project("name: p\ntask: binary\ntarget: y\nexclude: [x]\ndata: {train: d}\n");
        Frame frame = Frame.of(NumericColumn.of("x", 1, 2), TextColumn.of("y", "a", "b"));

        assertThat(ProjectValidation.againstColumns(project, ColumnInfo.of(frame)))
                .containsExactly("features: no column is left as a feature once the target and exclude are removed");
        assertThatThrownBy(() -> ProjectValidation.requireColumns(project, ColumnInfo.of(frame), "d.csv"))
                .isInstanceOf(GyreException.class)
                .hasMessage("project 'p' does not fit d.csv:\n"
                        + "features: no column is left as a feature once the target and exclude are removed");
    }

    @Test
    void thePositiveClassDefaultsToTheSecondClassAndMustBeAClass() {
        Project defaulted = project("name: p\ntask: binary\ntarget: y\ndata: {train: d}\n");
        Project bad = project("name: p\ntask: binary\ntarget: y\npositive_class: bad\ndata: {train: d}\n");

        assertThat(defaulted.positiveClassAmong(List.of("0", "1"))).isEqualTo("1");
        assertThat(bad.positiveClassAmong(List.of("bad", "good"))).isEqualTo("bad");
        assertThatThrownBy(() -> bad.positiveClassAmong(List.of("no", "yes")))
                .hasMessage("positive_class 'bad' is not a class of 'y' (its classes are no, yes)");
        assertThatThrownBy(() -> bad.positiveClassAmong(List.of("a", "b", "c")))
                .hasMessage("a binary target needs exactly 2 classes, 'y' has 3: a, b, c");
    }
}
