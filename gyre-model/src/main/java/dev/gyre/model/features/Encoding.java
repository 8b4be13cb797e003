package dev.gyre.model.features;

import dev.gyre.model.frame.Column;
import dev.gyre.model.frame.NumericColumn;
import dev.gyre.model.frame.TextColumn;
import dev.gyre.model.frame.ValueKind;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A fitted encoding of a string or timestamp column into one or more features, with everything it learned from
 * the training data. Encodings write straight into the row-major output, value by value without boxing, so the
 * same code serves a one-row request and encodes a million-row training set.
 */
public sealed interface Encoding {

    /** The name of the label that marks categories an encoder did not keep. */
    String UNKNOWN = "<unknown>";

    /** The transform's name, as in the pipeline spec and the JSON form. */
    String transform();

    /** The kind of column this encoding reads. */
    ValueKind input();

    /** The names of the features it writes for {@code column}, in order. */
    List<String> outputNames(String column);

    /** Number of features it writes. */
    int width();

    /**
     * Writes the features of every row of {@code column} (of kind {@link #input()}) into {@code out}: row {@code r}'s
     * first feature goes to {@code out[r * stride + offset]}. Cells not written must already hold 0.
     */
    void encode(Column column, float[] out, int stride, int offset);

    /** One 0/1 feature per category, then {@code column=<unknown>} for anything else; missing sets none. */
    record OneHot(CategoryIndex categories) implements Encoding {
        public OneHot {
            Objects.requireNonNull(categories, "categories");
        }

        @Override
        public String transform() {
            return "onehot";
        }

        @Override
        public ValueKind input() {
            return ValueKind.STRING;
        }

        @Override
        public List<String> outputNames(String column) {
            List<String> names = new ArrayList<>();
            categories.categories().forEach(category -> names.add(column + "=" + category));
            names.add(column + "=" + UNKNOWN);
            return names;
        }

        @Override
        public int width() {
            return categories.size() + 1;
        }

        @Override
        public void encode(Column column, float[] out, int stride, int offset) {
            String[] values = ((TextColumn) column).values();
            int unknown = categories.size();
            for (int row = 0; row < values.length; row++) {
                if (values[row] != null) {
                    int position = categories.indexOf(values[row]);
                    out[row * stride + offset + (position < 0 ? unknown : position)] = 1f;
                }
            }
        }
    }

    /** The category's position among the sorted training categories; unseen → -1, missing → {@code NaN}. */
    record Ordinal(CategoryIndex categories) implements Encoding {
        public Ordinal {
            Objects.requireNonNull(categories, "categories");
        }

        @Override
        public String transform() {
            return "ordinal";
        }

        @Override
        public ValueKind input() {
            return ValueKind.STRING;
        }

        @Override
        public List<String> outputNames(String column) {
            return List.of(column + ".ordinal");
        }

        @Override
        public int width() {
            return 1;
        }

        @Override
        public void encode(Column column, float[] out, int stride, int offset) {
            String[] values = ((TextColumn) column).values();
            for (int row = 0; row < values.length; row++) {
                out[row * stride + offset] = values[row] == null ? Float.NaN : categories.indexOf(values[row]);
            }
        }
    }

    /**
     * The category's share of the training rows (missing rows included in the count of rows); unseen → 0, missing →
     * {@code NaN}.
     *
     * @param frequencies one share per category, in the same order
     */
    record Frequency(CategoryIndex categories, List<Double> frequencies) implements Encoding {
        public Frequency {
            Objects.requireNonNull(categories, "categories");
            frequencies = List.copyOf(frequencies);
            if (frequencies.size() != categories.size()) {
                throw new IllegalArgumentException(
                        "frequency: " + categories.size() + " categories but " + frequencies.size() + " frequencies");
            }
            for (double frequency : frequencies) {
                if (!(frequency >= 0 && frequency <= 1)) {
                    throw new IllegalArgumentException("frequency: a share must lie in [0, 1], not " + frequency);
                }
            }
        }

        @Override
        public String transform() {
            return "frequency";
        }

        @Override
        public ValueKind input() {
            return ValueKind.STRING;
        }

        @Override
        public List<String> outputNames(String column) {
            return List.of(column + ".frequency");
        }

        @Override
        public int width() {
            return 1;
        }

        @Override
        public void encode(Column column, float[] out, int stride, int offset) {
            String[] values = ((TextColumn) column).values();
            for (int row = 0; row < values.length; row++) {
                float value;
                if (values[row] == null) {
                    value = Float.NaN;
                } else {
                    int position = categories.indexOf(values[row]);
                    value = position < 0 ? 0f : (float) (double) frequencies.get(position);
                }
                out[row * stride + offset] = value;
            }
        }
    }

    /** Calendar parts (UTC) of a timestamp, one feature {@code column.part} each; missing → {@code NaN}. */
    record DateParts(List<DatePart> parts) implements Encoding {
        public DateParts {
            parts = List.copyOf(parts);
            if (parts.isEmpty()) {
                throw new IllegalArgumentException("date_parts: no parts");
            }
        }

        @Override
        public String transform() {
            return "date_parts";
        }

        @Override
        public ValueKind input() {
            return ValueKind.TIMESTAMP;
        }

        @Override
        public List<String> outputNames(String column) {
            return parts.stream().map(part -> column + "." + part.label()).toList();
        }

        @Override
        public int width() {
            return parts.size();
        }

        @Override
        public void encode(Column column, float[] out, int stride, int offset) {
            double[] values = ((NumericColumn) column).values();
            DatePart[] order = parts.toArray(DatePart[]::new);
            for (int row = 0; row < values.length; row++) {
                int at = row * stride + offset;
                if (Double.isNaN(values[row])) {
                    for (int i = 0; i < order.length; i++) {
                        out[at + i] = Float.NaN;
                    }
                } else {
                    LocalDateTime time = DatePart.utc(values[row]);
                    for (int i = 0; i < order.length; i++) {
                        out[at + i] = (float) order[i].of(time);
                    }
                }
            }
        }
    }

    /**
     * Token counts hashed into {@code buckets} features {@code column#0 ..}: a token is a maximal run of letters and
     * digits, lower-cased (root locale), and lands in bucket {@code floorMod(murmur3_32(utf8(token), seed 0),
     * buckets)}. Missing text has no tokens, so all counts are 0.
     */
    record TextHashing(int buckets) implements Encoding {
        public TextHashing {
            if (buckets < 1 || buckets > PipelineStep.Hash.MAX_BUCKETS) {
                throw new IllegalArgumentException(
                        "hash: buckets must be between 1 and " + PipelineStep.Hash.MAX_BUCKETS);
            }
        }

        @Override
        public String transform() {
            return "hash";
        }

        @Override
        public ValueKind input() {
            return ValueKind.STRING;
        }

        @Override
        public List<String> outputNames(String column) {
            List<String> names = new ArrayList<>(buckets);
            for (int i = 0; i < buckets; i++) {
                names.add(column + "#" + i);
            }
            return names;
        }

        @Override
        public int width() {
            return buckets;
        }

        @Override
        public void encode(Column column, float[] out, int stride, int offset) {
            String[] values = ((TextColumn) column).values();
            for (int row = 0; row < values.length; row++) {
                if (values[row] != null) {
                    int at = row * stride + offset;
                    for (String token : tokens(values[row])) {
                        out[at + bucketOf(token)] += 1f;
                    }
                }
            }
        }

        /** The bucket of one (already lower-cased) token. */
        int bucketOf(String token) {
            return Math.floorMod(Murmur3.hash32(token.getBytes(java.nio.charset.StandardCharsets.UTF_8), 0), buckets);
        }

        /** The lower-cased runs of letters and digits of {@code text}, in order. */
        static List<String> tokens(String text) {
            String lower = text.toLowerCase(Locale.ROOT);
            List<String> tokens = new ArrayList<>();
            int start = -1;
            for (int i = 0; i < lower.length(); ) {
                int codePoint = lower.codePointAt(i);
                if (Character.isLetterOrDigit(codePoint)) {
                    if (start < 0) {
                        start = i;
                    }
                } else if (start >= 0) {
                    tokens.add(lower.substring(start, i));
                    start = -1;
                }
                i += Character.charCount(codePoint);
            }
            if (start >= 0) {
                tokens.add(lower.substring(start));
            }
            return tokens;
        }
    }
}
