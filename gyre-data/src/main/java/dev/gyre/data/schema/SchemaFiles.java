package dev.gyre.data.schema;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.gyre.core.error.GyreException;
import dev.gyre.core.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads and writes schema files: YAML ({@code .yaml}, {@code .yml}) for people to review and edit, JSON
 * ({@code .json}) for programs, chosen by the file's extension; both carry {@code format: gyre.schema/v1} and the
 * same keys. Reading rejects anything it does not understand with a {@link GyreException} naming the file and the
 * key path. Stateless and thread-safe.
 */
public final class SchemaFiles {

    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final YAMLMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                    .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .build())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private SchemaFiles() {}

    /** The schema in {@code file}, a {@code .yaml}, {@code .yml} or {@code .json} file. */
    public static Schema read(Path file) {
        boolean json = isJson(file);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw GyreException.invalid("no such schema file: " + file);
        } catch (IOException e) {
            throw GyreException.invalid("cannot read schema " + file + ": " + e.getMessage());
        }
        return json ? fromJson(text, file.toString()) : fromYaml(text, file.toString());
    }

    /** The schema in YAML {@code text}; {@code origin} names it in error messages. */
    public static Schema fromYaml(String text, String origin) {
        return parse(YAML, text, origin);
    }

    /** The schema in JSON {@code text}; {@code origin} names it in error messages. */
    public static Schema fromJson(String text, String origin) {
        return parse(JSON, text, origin);
    }

    /** Writes {@code schema} to {@code file} atomically, as YAML or JSON by the file's extension. */
    public static void write(Schema schema, Path file) {
        String text = isJson(file) ? toJson(schema) : toYaml(schema);
        try {
            AtomicFiles.writeString(file, text);
        } catch (IOException e) {
            throw GyreException.invalid("cannot write schema " + file + ": " + e.getMessage());
        }
    }

    public static String toYaml(Schema schema) {
        return serialise(YAML, schema);
    }

    public static String toJson(Schema schema) {
        return serialise(JSON.writerWithDefaultPrettyPrinter(), schema) + "\n";
    }

    private static String serialise(ObjectMapper mapper, Schema schema) {
        return serialise(mapper.writer(), schema);
    }

    private static String serialise(com.fasterxml.jackson.databind.ObjectWriter writer, Schema schema) {
        try {
            return writer.writeValueAsString(SchemaWriter.tree(schema));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain nodes always serialises", e);
        }
    }

    private static Schema parse(ObjectMapper mapper, String text, String origin) {
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            String position = where == null || where.getLineNr() < 1
                    ? ""
                    : "line " + where.getLineNr() + ", column " + where.getColumnNr() + ": ";
            String detail = e.getOriginalMessage() == null ? "syntax error" : e.getOriginalMessage();
            throw GyreException.invalid(
                    origin + ": " + position + detail.lines().findFirst().orElse(detail));
        }
        try (RegexSyntax regexes = new RegexSyntax()) {
            return new SchemaReader(origin, regexes).read(root);
        }
    }

    private static boolean isJson(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".json")) {
            return true;
        }
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            return false;
        }
        throw GyreException.invalid("schema file " + file + " must end in .yaml, .yml or .json");
    }
}
