package dev.gyre.train.project;

import dev.gyre.core.error.GyreException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;

/**
 * The problems found in one project file, collected rather than thrown one at a time so that a user fixes them all
 * in one round. Each is shown as {@code ORIGIN line N: KEY.PATH: message}, sorted by line. Not thread-safe: one
 * instance serves one read.
 */
final class Problems {

    private record Problem(int line, String text) {}

    private final String origin;
    private final SourceLines lines;
    private final List<Problem> problems = new ArrayList<>();

    Problems(String origin, SourceLines lines) {
        this.origin = origin;
        this.lines = lines;
    }

    /** A problem with the value at {@code path}, located at its line (or its nearest ancestor's). */
    void at(String path, String message) {
        add(lines.lineOf(path), (path.isEmpty() ? "" : path + ": ") + message);
    }

    /** An unknown {@code key} in the mapping at {@code parent}, located at the key's own line. */
    void unknownKey(String parent, String key, String hint) {
        String path = parent.isEmpty() ? key : parent + "." + key;
        add(lines.lineOf(path), (parent.isEmpty() ? "" : parent + ": ") + "unknown key '" + key + "'" + hint);
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    /** Throws one {@link GyreException#invalid} listing every problem, one per line, when there is any. */
    void throwIfAny() {
        if (problems.isEmpty()) {
            return;
        }
        List<String> texts = problems.stream()
                .sorted(Comparator.comparingInt(Problem::line))
                .map(Problem::text)
                .toList();
        throw GyreException.invalid(String.join("\n", texts));
    }

    private void add(OptionalInt line, String message) {
        String where = line.isPresent() ? origin + " line " + line.getAsInt() : origin;
        problems.add(new Problem(line.orElse(0), where + ": " + message));
    }
}
