package dev.gyre.train.project;

import dev.gyre.core.error.GyreException;
import dev.gyre.model.Task;
import dev.gyre.model.frame.ValueKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a {@link Project} against the columns of its data, the second half of validating a project file: the file
 * alone cannot know whether {@code target: Class} exists. Run it as soon as the data's columns are known and before
 * anything is trained, so that a misspelt column fails in seconds, not after an hour of tuning. Whether a
 * classification target has at least two classes needs the values and is the trainer's check. Stateless.
 */
public final class ProjectValidation {

    private ProjectValidation() {}

    /**
     * The problems of {@code project} against {@code columns}, one message each (empty when there are none): a
     * target, feature, excluded column or time column that is not in the data (with the closest name suggested), a
     * regression target that is not numeric, a time column that is neither a timestamp nor a number, and
     * {@code features: all} leaving no feature.
     */
    public static List<String> againstColumns(Project project, List<ColumnInfo> columns) {
        Map<String, ValueKind> kinds = new LinkedHashMap<>();
        columns.forEach(column -> kinds.put(column.name(), column.kind()));
        List<String> names = List.copyOf(kinds.keySet());
        List<String> problems = new ArrayList<>();
        String target = project.target();
        ValueKind targetKind = kinds.get(target);
        if (targetKind == null) {
            problems.add(missing("target", target, names));
        } else if (project.task() == Task.REGRESSION && targetKind != ValueKind.NUMERIC) {
            problems.add("target: a regression target must be numeric, '" + target + "' is " + targetKind.label()
                    + (targetKind == ValueKind.BOOLEAN ? " (use task: binary)" : ""));
        }
        switch (project.features()) {
            case FeatureSelection.NamedColumns named -> {
                for (int i = 0; i < named.names().size(); i++) {
                    String name = named.names().get(i);
                    if (!kinds.containsKey(name)) {
                        problems.add(missing("features[" + i + "]", name, names));
                    }
                }
            }
            case FeatureSelection.AllColumns all -> {
                for (int i = 0; i < all.exclude().size(); i++) {
                    String name = all.exclude().get(i);
                    if (!kinds.containsKey(name)) {
                        problems.add(missing("exclude[" + i + "]", name, names));
                    }
                }
                if (all.resolve(names, target).isEmpty()) {
                    problems.add("features: no column is left as a feature once the target and exclude are removed");
                }
            }
        }
        Optional<String> timeColumn = project.split().timeColumn();
        if (timeColumn.isPresent()) {
            ValueKind kind = kinds.get(timeColumn.get());
            if (kind == null) {
                problems.add(missing("split.time_column", timeColumn.get(), names));
            } else if (kind != ValueKind.TIMESTAMP && kind != ValueKind.NUMERIC) {
                problems.add("split.time_column: '" + timeColumn.get() + "' is " + kind.label()
                        + "; a time split needs a timestamp or number column");
            }
        }
        return List.copyOf(problems);
    }

    /** As {@link #againstColumns}, but throws one {@link GyreException#invalid} listing them; {@code data} names the data. */
    public static void requireColumns(Project project, List<ColumnInfo> columns, String data) {
        List<String> problems = againstColumns(project, columns);
        if (!problems.isEmpty()) {
            throw GyreException.invalid(
                    "project '" + project.name() + "' does not fit " + data + ":\n" + String.join("\n", problems));
        }
    }

    private static String missing(String path, String name, List<String> columns) {
        Optional<String> sameIgnoringCase = columns.stream()
                .filter(c -> c.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)))
                .findFirst();
        String hint = sameIgnoringCase
                .or(() -> Suggestions.closest(name, columns))
                .map(c -> " (did you mean '" + c + "'?)")
                .orElse("");
        return path + ": no column '" + name + "' in the data" + hint;
    }
}
