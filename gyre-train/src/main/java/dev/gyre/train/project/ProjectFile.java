package dev.gyre.train.project;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.gyre.core.error.GyreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads {@code gyre.yaml}, the project file, into a {@link Project}. A hand-edited file is checked key by key: unknown
 * keys (with the closest known one suggested), missing required keys, types, shares and durations, options that do
 * not fit the task or split method, metric targets that are unknown for the task, impossible or trivially met, and
 * tuning ranges. Every problem is collected and all are reported together in one {@link GyreException#invalid}
 * message, one per line, each naming the file, the line and the key path:
 *
 * <pre>
 * gyre.yaml line 3: unknown key 'targest' (did you mean 'targets'?)
 * gyre.yaml line 7: split.validation: 1.4 is not a fraction in (0, 1)
 * </pre>
 *
 * <p>The file itself is read without looking at the data: data paths are resolved but not opened, and whether the
 * named columns exist is checked once the data's columns are known, by {@link ProjectValidation}. The format is
 * documented in {@code docs/project-file.md}. Stateless and thread-safe.
 */
public final class ProjectFile {

    /** The conventional file name. */
    public static final String FILE_NAME = "gyre.yaml";

    private static final YAMLFactory FACTORY = YAMLFactory.builder().build();
    private static final YAMLMapper MAPPER = YAMLMapper.builder(FACTORY)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private ProjectFile() {}

    /** The project in {@code file}; relative data paths are resolved against the file's folder. */
    public static Project load(Path file) {
        String yaml;
        try {
            yaml = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw GyreException.invalid("no such project file: " + file);
        } catch (IOException e) {
            throw GyreException.invalid("cannot read project file " + file + ": " + e.getMessage());
        }
        Path folder = file.toAbsolutePath().getParent();
        return parse(yaml, folder, file.toString());
    }

    /** The project in {@code yaml}, named {@code gyre.yaml} in messages; relative paths resolve against {@code baseDir}. */
    public static Project parse(String yaml, Path baseDir) {
        return parse(yaml, baseDir, FILE_NAME);
    }

    /** The project in {@code yaml}; {@code origin} names it in messages. */
    public static Project parse(String yaml, Path baseDir, String origin) {
        JsonNode root;
        SourceLines lines;
        try {
            root = MAPPER.readTree(yaml);
            lines = SourceLines.of(FACTORY, yaml);
        } catch (JsonProcessingException e) {
            throw GyreException.invalid(origin + syntaxError(e));
        } catch (IOException e) {
            throw new IllegalStateException("reading from a string cannot fail", e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw GyreException.invalid(origin + ": the file is empty (a project needs name, task, target and data)");
        }
        Problems problems = new Problems(origin, lines);
        Project project = new ProjectReader(baseDir, problems).read(root);
        problems.throwIfAny();
        return project;
    }

    private static String syntaxError(JsonProcessingException e) {
        JsonLocation where = e.getLocation();
        String line = where == null || where.getLineNr() < 1 ? "" : " line " + where.getLineNr();
        String detail = e.getOriginalMessage() == null ? "not valid YAML" : e.getOriginalMessage();
        return line + ": " + detail.lines().findFirst().orElse(detail);
    }
}
