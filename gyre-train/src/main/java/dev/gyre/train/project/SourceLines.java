package dev.gyre.train.project;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Where each key and list item of a YAML document starts, by key path ({@code split.validation},
 * {@code targets.quality[0]}): Jackson's tree forgets positions, so the document is streamed once more to remember
 * them, which lets every error name its line. Immutable.
 */
final class SourceLines {

    private final Map<String, Integer> lines;

    private SourceLines(Map<String, Integer> lines) {
        this.lines = Map.copyOf(lines);
    }

    /** The positions in {@code yaml}, which must already be known to parse. */
    static SourceLines of(YAMLFactory factory, String yaml) throws IOException {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = factory.createParser(yaml)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    continue;
                }
                String path = path(parser.getParsingContext());
                lines.putIfAbsent(path, parser.currentTokenLocation().getLineNr());
            }
        }
        return new SourceLines(lines);
    }

    /** The line of {@code path} or, when it is absent from the file, of its nearest ancestor; empty for the root. */
    OptionalInt lineOf(String path) {
        for (String at = path; !at.isEmpty(); at = parent(at)) {
            Integer line = lines.get(at);
            if (line != null && line > 0) {
                return OptionalInt.of(line);
            }
        }
        return OptionalInt.empty();
    }

    static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut < 0 ? "" : path.substring(0, cut);
    }

    private static String path(JsonStreamContext context) {
        if (context == null || context.inRoot()) {
            return "";
        }
        String parent = path(context.getParent());
        if (context.inArray()) {
            return parent + "[" + Math.max(context.getCurrentIndex(), 0) + "]";
        }
        String name = context.getCurrentName();
        if (name == null) {
            return parent;
        }
        return parent.isEmpty() ? name : parent + "." + name;
    }
}
