package dev.gyre.train.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The fixture written by {@code evaluate/make_reference.py}: real data, scikit-learn's values. */
final class Reference {

    static final double TOLERANCE = 1e-9;

    private Reference() {}

    static JsonNode load() {
        try (InputStream in = Reference.class.getResourceAsStream("/evaluate/reference.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int[] ints(JsonNode array) {
        int[] values = new int[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asInt();
        }
        return values;
    }

    static double[] doubles(JsonNode array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asDouble();
        }
        return values;
    }

    static double[][] matrix(JsonNode array) {
        double[][] values = new double[array.size()][];
        for (int i = 0; i < values.length; i++) {
            values[i] = doubles(array.get(i));
        }
        return values;
    }

    static String[] strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asText()));
        return values.toArray(String[]::new);
    }

    static List<List<Long>> counts(JsonNode array) {
        List<List<Long>> rows = new ArrayList<>();
        array.forEach(row -> {
            List<Long> counts = new ArrayList<>();
            row.forEach(c -> counts.add(c.asLong()));
            rows.add(counts);
        });
        return rows;
    }
}
