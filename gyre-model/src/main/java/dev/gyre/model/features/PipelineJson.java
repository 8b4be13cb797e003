package dev.gyre.model.features;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gyre.core.error.GyreException;
import dev.gyre.model.frame.ValueKind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The fitted pipeline's file in a model package: versioned JSON ({@value #FORMAT}) that a server reads back to run
 * the very transforms training ran. Doubles are written in their shortest round-tripping form, so a read pipeline
 * is {@code equals} to the written one and produces identical features. A reader refuses formats it does not know
 * rather than guess. Written by hand on Jackson's tree model: the file is a contract, not a dump of classes.
 */
public final class PipelineJson {

    /** The format this version writes and reads. */
    public static final String FORMAT = "gyre.pipeline/v1";

    private static final String FORMAT_PREFIX = "gyre.pipeline/v";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PipelineJson() {}

    /** The JSON text of {@code pipeline}. */
    public static String write(FittedPipeline pipeline) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        ArrayNode columns = root.putArray("columns");
        for (FittedColumn column : pipeline.columns()) {
            ObjectNode node = columns.addObject();
            node.put("name", column.name());
            node.put("kind", column.kind().label());
            if (FittedColumn.passesThrough(column.kind())) {
                ArrayNode transforms = node.putArray("transforms");
                column.transforms().forEach(transform -> writeTransform(transform, transforms.addObject()));
            } else {
                ArrayNode encodings = node.putArray("encodings");
                column.encodings().forEach(encoding -> writeEncoding(encoding, encodings.addObject()));
            }
        }
        ArrayNode outputs = root.putArray("outputs");
        pipeline.outputNames().forEach(outputs::add);
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }

    /** The UTF-8 bytes of {@link #write(FittedPipeline)}. */
    public static byte[] writeBytes(FittedPipeline pipeline) {
        return write(pipeline).getBytes(StandardCharsets.UTF_8);
    }

    /** The pipeline in {@code bytes} (UTF-8 JSON). */
    public static FittedPipeline read(byte[] bytes) {
        return read(new String(bytes, StandardCharsets.UTF_8));
    }

    /**
     * The pipeline in {@code json}; {@code GyreException.invalid} when the text is not a pipeline of a format this
     * version reads, or is damaged (the recorded output names must match the ones the read state produces).
     */
    public static FittedPipeline read(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw GyreException.invalid("feature pipeline: not JSON (" + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw GyreException.invalid("feature pipeline: expected a JSON object");
        }
        checkFormat(root.path("format"));
        try {
            List<FittedColumn> columns = new ArrayList<>();
            for (JsonNode column : array(root, "columns")) {
                columns.add(readColumn(column));
            }
            FittedPipeline pipeline = new FittedPipeline(columns);
            List<String> outputs = new ArrayList<>();
            array(root, "outputs").forEach(name -> outputs.add(text(name)));
            if (!outputs.equals(pipeline.outputNames())) {
                throw new IllegalArgumentException(
                        "its outputs " + outputs + " differ from those of its columns " + pipeline.outputNames());
            }
            return pipeline;
        } catch (IllegalArgumentException e) {
            throw GyreException.invalid("feature pipeline (" + FORMAT + ") is damaged: " + e.getMessage());
        }
    }

    private static void checkFormat(JsonNode format) {
        if (!format.isTextual()) {
            throw GyreException.invalid("feature pipeline: no 'format' field, so not a Gyre pipeline file");
        }
        String name = format.asText();
        if (name.equals(FORMAT)) {
            return;
        }
        if (name.startsWith(FORMAT_PREFIX)) {
            throw GyreException.invalid("feature pipeline: format '" + name + "' is not one this Gyre reads (" + FORMAT
                    + "); it was probably written by a newer Gyre, so upgrade to read it");
        }
        throw GyreException.invalid("feature pipeline: unknown format '" + name + "' (expected " + FORMAT + ")");
    }

    private static void writeTransform(NumericTransform transform, ObjectNode node) {
        switch (transform) {
            case NumericTransform.Imputation imputation ->
                node.put("type", "impute").put("fill", imputation.fill());
            case NumericTransform.Standardization standardization ->
                node.put("type", "standardize")
                        .put("mean", standardization.mean())
                        .put("scale", standardization.scale());
            case NumericTransform.Bucketing bucketing -> {
                ArrayNode edges = node.put("type", "bucketize").putArray("edges");
                bucketing.edges().forEach(edges::add);
            }
        }
    }

    private static void writeEncoding(Encoding encoding, ObjectNode node) {
        node.put("type", encoding.transform());
        switch (encoding) {
            case Encoding.OneHot oneHot -> writeStrings(node.putArray("categories"), oneHot.categories());
            case Encoding.Ordinal ordinal -> writeStrings(node.putArray("categories"), ordinal.categories());
            case Encoding.Frequency frequency -> {
                writeStrings(node.putArray("categories"), frequency.categories());
                ArrayNode shares = node.putArray("frequencies");
                frequency.frequencies().forEach(shares::add);
            }
            case Encoding.DateParts dateParts -> {
                ArrayNode parts = node.putArray("parts");
                dateParts.parts().forEach(part -> parts.add(part.label()));
            }
            case Encoding.TextHashing hashing -> node.put("buckets", hashing.buckets());
        }
    }

    private static void writeStrings(ArrayNode array, CategoryIndex categories) {
        categories.categories().forEach(array::add);
    }

    private static FittedColumn readColumn(JsonNode node) {
        String name = text(node.path("name"));
        ValueKind kind = ValueKind.ofLabel(text(node.path("kind")));
        List<NumericTransform> transforms = new ArrayList<>();
        List<Encoding> encodings = new ArrayList<>();
        if (FittedColumn.passesThrough(kind)) {
            array(node, "transforms").forEach(transform -> transforms.add(readTransform(transform)));
        } else {
            array(node, "encodings").forEach(encoding -> encodings.add(readEncoding(encoding)));
        }
        return new FittedColumn(name, kind, transforms, encodings);
    }

    private static NumericTransform readTransform(JsonNode node) {
        String type = text(node.path("type"));
        return switch (type) {
            case "impute" -> new NumericTransform.Imputation(number(node.path("fill")));
            case "standardize" ->
                new NumericTransform.Standardization(number(node.path("mean")), number(node.path("scale")));
            case "bucketize" -> new NumericTransform.Bucketing(numbers(array(node, "edges")));
            default -> throw new IllegalArgumentException("unknown transform '" + type + "'");
        };
    }

    private static Encoding readEncoding(JsonNode node) {
        String type = text(node.path("type"));
        return switch (type) {
            case "onehot" -> new Encoding.OneHot(categories(node));
            case "ordinal" -> new Encoding.Ordinal(categories(node));
            case "frequency" -> new Encoding.Frequency(categories(node), numbers(array(node, "frequencies")));
            case "date_parts" -> {
                List<DatePart> parts = new ArrayList<>();
                for (JsonNode part : array(node, "parts")) {
                    DatePart parsed = DatePart.ofLabel(text(part));
                    if (parsed == null) {
                        throw new IllegalArgumentException("unknown date part '" + part.asText() + "'");
                    }
                    parts.add(parsed);
                }
                yield new Encoding.DateParts(parts);
            }
            case "hash" -> {
                JsonNode buckets = node.path("buckets");
                if (!buckets.isIntegralNumber() || !buckets.canConvertToInt()) {
                    throw new IllegalArgumentException("hash buckets must be a whole number, not " + buckets);
                }
                yield new Encoding.TextHashing(buckets.asInt());
            }
            default -> throw new IllegalArgumentException("unknown encoding '" + type + "'");
        };
    }

    private static CategoryIndex categories(JsonNode node) {
        List<String> categories = new ArrayList<>();
        array(node, "categories").forEach(category -> categories.add(text(category)));
        return CategoryIndex.of(categories);
    }

    private static JsonNode array(JsonNode node, String field) {
        JsonNode array = node.path(field);
        if (!array.isArray()) {
            throw new IllegalArgumentException("'" + field + "' must be a list");
        }
        return array;
    }

    private static String text(JsonNode node) {
        if (!node.isTextual()) {
            throw new IllegalArgumentException("expected text, not " + (node.isMissingNode() ? "nothing" : node));
        }
        return node.asText();
    }

    private static double number(JsonNode node) {
        if (!node.isNumber()) {
            throw new IllegalArgumentException("expected a number, not " + (node.isMissingNode() ? "nothing" : node));
        }
        return node.asDouble();
    }

    private static List<Double> numbers(JsonNode array) {
        List<Double> numbers = new ArrayList<>();
        array.forEach(item -> numbers.add(number(item)));
        return numbers;
    }
}
