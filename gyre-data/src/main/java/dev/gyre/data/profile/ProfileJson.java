package dev.gyre.data.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gyre.core.error.GyreException;
import dev.gyre.core.io.AtomicFiles;
import dev.gyre.data.read.GyreType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The versioned JSON form of a {@link DatasetProfile} ({@code format_version: 2}). People read the stats,
 * quantiles, histograms ({@value #HISTOGRAM_BUCKETS} buckets) and top values; programs read back only the exact
 * fields and the base64 sketches under {@code sketches}, so a loaded profile merges like a fresh one and the
 * derived fields may change between versions without breaking old files. Non-finite numbers are written as
 * {@code null}. Instances hold their own {@link ObjectMapper} and are thread-safe.
 *
 * <p>Version 2 adds {@code sketches.exact_values}: for a feature with at most {@link
 * SketchParameters#EXACT_VALUES_LIMIT} finite values, base64 of those values sorted, as little-endian doubles, with
 * {@code sketches.kll} then {@code null}. Version 1 files, which lack the field, still load.
 */
public final class ProfileJson {

    public static final int HISTOGRAM_BUCKETS = 10;
    public static final int TOP_VALUES = 10;

    private final ObjectMapper mapper = new ObjectMapper();

    public String write(DatasetProfile profile) {
        ObjectNode root = mapper.createObjectNode();
        root.put("format_version", DatasetProfile.FORMAT_VERSION);
        root.put("row_count", profile.rowCount());
        ArrayNode features = root.putArray("features");
        profile.features().forEach(feature -> features.add(feature(feature)));
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain nodes always serialises", e);
        }
    }

    /**
     * Writes the profile to {@code file} atomically: to a temporary file in the same folder, then renamed over
     * {@code file}, so a reader never sees half a profile and a failed write leaves the old file intact.
     */
    public void write(DatasetProfile profile, Path file) {
        try {
            AtomicFiles.writeString(file, write(profile));
        } catch (IOException e) {
            throw GyreException.invalid("cannot write profile " + file + ": " + e.getMessage());
        }
    }

    public DatasetProfile read(Path file) {
        try {
            return read(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw GyreException.invalid("cannot read profile " + file + ": " + e.getMessage());
        }
    }

    /** Parses a profile; {@code origin} names it in error messages. */
    public DatasetProfile read(String json, String origin) {
        try {
            JsonNode root = mapper.readTree(json);
            int version = root.path("format_version").asInt(-1);
            if (version < 1 || version > DatasetProfile.FORMAT_VERSION) {
                throw GyreException.invalid("profile " + origin + " has format_version " + root.path("format_version")
                        + "; this Gyre reads versions 1 to " + DatasetProfile.FORMAT_VERSION);
            }
            List<FeatureProfile> features = new ArrayList<>();
            for (JsonNode feature : required(root, "features", origin)) {
                features.add(readFeature(feature, version, origin));
            }
            return new DatasetProfile(
                    version, required(root, "row_count", origin).asLong(), features);
        } catch (JsonProcessingException e) {
            throw GyreException.invalid("profile " + origin + " is not valid JSON: " + e.getOriginalMessage());
        } catch (IllegalArgumentException | org.apache.datasketches.common.SketchesException e) {
            throw GyreException.invalid("profile " + origin + " has a damaged sketch: " + e.getMessage());
        }
    }

    private ObjectNode feature(FeatureProfile feature) {
        ObjectNode node = mapper.createObjectNode();
        node.put("name", feature.name());
        node.put("type", feature.type().label());
        ValueCounts counts = feature.counts();
        node.put("count", counts.present());
        node.put("missing", counts.missing());
        putNumber(node, "missing_fraction", counts.missingFraction());
        node.put("nan", counts.nan());
        node.put("positive_infinity", counts.positiveInfinity());
        node.put("negative_infinity", counts.negativeInfinity());
        node.put("zeros", counts.zeros());
        if (feature.type() != GyreType.STRING) {
            Moments moments = feature.moments();
            node.put("finite_count", moments.count());
            putNumber(node, "min", moments.min());
            putNumber(node, "max", moments.max());
            putNumber(node, "mean", moments.mean());
            putNumber(node, "std", moments.std());
            putNumber(node, "sum_squared_deviations", moments.sumSquaredDeviations());
            ObjectNode quantiles = node.putObject("quantiles");
            List<Double> values = feature.quantiles(FeatureProfile.REPORTED_RANKS);
            for (int i = 0; i < values.size(); i++) {
                putNumber(quantiles, FeatureProfile.REPORTED_RANKS.get(i).toString(), values.get(i));
            }
            putHistogram(node.putArray("equal_width_histogram"), feature.equalWidthHistogram(HISTOGRAM_BUCKETS));
            putHistogram(node.putArray("quantile_histogram"), feature.quantileHistogram(HISTOGRAM_BUCKETS));
        } else {
            LengthStats lengths = feature.lengths();
            ObjectNode length = node.putObject("string_length");
            length.put("count", lengths.count());
            length.put("min", lengths.min());
            length.put("max", lengths.max());
            length.put("total", lengths.totalLength());
            putNumber(length, "mean", lengths.mean());
        }
        DistinctEstimate distinct = feature.distinct();
        ObjectNode distinctNode = node.putObject("distinct");
        putNumber(distinctNode, "estimate", distinct.estimate());
        putNumber(distinctNode, "lower_bound", distinct.lowerBound());
        putNumber(distinctNode, "upper_bound", distinct.upperBound());
        if (feature.sketches().frequentItems() != null) {
            ArrayNode top = node.putArray("top_values");
            for (FrequentValue value : feature.topValues(TOP_VALUES)) {
                ObjectNode item = top.addObject();
                item.put("value", value.value());
                item.put("count", value.count());
                item.put("lower_bound", value.lowerBound());
                item.put("upper_bound", value.upperBound());
            }
        }
        ObjectNode sketches = node.putObject("sketches");
        FeatureSketches raw = feature.sketches();
        sketches.put("kll", raw.kll());
        sketches.put("hll", raw.hll());
        sketches.put("frequent_items", raw.frequentItems());
        sketches.put("exact_values", raw.exact());
        return node;
    }

    private static FeatureProfile readFeature(JsonNode node, int version, String origin) {
        String name = required(node, "name", origin).asText();
        GyreType type;
        try {
            type = GyreType.ofLabel(required(node, "type", origin).asText());
        } catch (IllegalArgumentException e) {
            throw GyreException.invalid(
                    "profile " + origin + ": feature " + name + " has unknown type " + node.get("type"));
        }
        ValueCounts counts = new ValueCounts(
                required(node, "count", origin).asLong(),
                required(node, "missing", origin).asLong(),
                node.path("nan").asLong(),
                node.path("positive_infinity").asLong(),
                node.path("negative_infinity").asLong(),
                node.path("zeros").asLong());
        Moments moments = Moments.EMPTY;
        LengthStats lengths = LengthStats.EMPTY;
        if (type != GyreType.STRING) {
            long finite = node.path("finite_count").asLong();
            if (finite > 0) {
                moments = new Moments(
                        finite,
                        node.path("mean").asDouble(),
                        node.path("sum_squared_deviations").asDouble(),
                        node.path("min").asDouble(),
                        node.path("max").asDouble());
            }
        } else {
            JsonNode length = node.path("string_length");
            if (length.path("count").asLong() > 0) {
                lengths = new LengthStats(
                        length.path("count").asLong(),
                        length.path("min").asLong(),
                        length.path("max").asLong(),
                        length.path("total").asLong());
            }
        }
        JsonNode sketches = required(node, "sketches", origin);
        FeatureSketches raw = new FeatureSketches(
                textOrNull(sketches.get("kll")),
                required(sketches, "hll", origin).asText(),
                textOrNull(sketches.get("frequent_items")),
                version >= 2 ? textOrNull(sketches.get("exact_values")) : null);
        raw.exactValues();
        raw.hllSketch();
        return new FeatureProfile(name, type, counts, moments, lengths, raw);
    }

    private static JsonNode required(JsonNode node, String field, String origin) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw GyreException.invalid("profile " + origin + " lacks the field " + field);
        }
        return value;
    }

    private static String textOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    private static void putNumber(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        } else {
            node.putNull(field);
        }
    }

    private static void putHistogram(ArrayNode array, List<HistogramBucket> buckets) {
        for (HistogramBucket bucket : buckets) {
            ObjectNode node = array.addObject();
            node.put("low", bucket.low());
            node.put("high", bucket.high());
            node.put("count", bucket.count());
        }
    }
}
