package dev.gyre.model.features;

import java.util.List;
import java.util.Objects;

/**
 * One unfitted step of a {@link PipelineSpec}, as a user writes it under {@code pipeline:}. Steps say what to do
 * and with which options; what they learn from the training data lives in a {@link FittedPipeline}. Each step
 * names its columns explicitly, so a reader of the project file sees every column's treatment in one place.
 *
 * <p>Numeric steps ({@link Impute}, {@link Standardize}, {@link Bucketize}) rewrite a numeric or boolean column in
 * place, in the order written, and the result is one output feature named like the column. Encoding steps ({@link
 * OneHot}, {@link Ordinal}, {@link Frequency}, {@link DateParts}, {@link Hash}) read a string or timestamp column's
 * raw values and add output features; several encodings of one column are allowed. {@link Drop} removes a column
 * from the model's inputs.
 */
public sealed interface PipelineStep {

    /** The transform's name as written in YAML, e.g. {@code onehot}. */
    String transform();

    /** The columns this step applies to, in the order written; never empty, no duplicates. */
    List<String> columns();

    /** How {@link Impute} finds the value that replaces a missing one. */
    enum ImputeStrategy {
        MEDIAN,
        MEAN,
        MOST_FREQUENT,
        CONSTANT
    }

    /** How {@link Bucketize} places its edges when none are given. */
    enum BucketMethod {
        /** Edges at the training quantiles, so buckets hold about equal counts. */
        QUANTILE,
        /** Edges at equal distances between the training minimum and maximum. */
        WIDTH
    }

    /**
     * Replaces missing values of numeric or boolean columns.
     *
     * @param value the replacement for {@link ImputeStrategy#CONSTANT}, finite; {@code NaN} for the other strategies
     */
    record Impute(List<String> columns, ImputeStrategy strategy, double value) implements PipelineStep {
        public Impute {
            columns = checkedColumns(columns);
            Objects.requireNonNull(strategy, "strategy");
            if ((strategy == ImputeStrategy.CONSTANT) != Double.isFinite(value)) {
                throw new IllegalArgumentException(
                        "impute: a finite value goes with strategy constant, and only there");
            }
        }

        @Override
        public String transform() {
            return "impute";
        }
    }

    /** Centers numeric or boolean columns on the training mean and scales by the training (population) deviation. */
    record Standardize(List<String> columns) implements PipelineStep {
        public Standardize {
            columns = checkedColumns(columns);
        }

        @Override
        public String transform() {
            return "standardize";
        }
    }

    /**
     * One 0/1 feature per kept category plus {@code column=<unknown>} for categories that are unseen, rarer than
     * {@code minFrequency} or beyond the {@code maxCategories} most frequent. A missing value sets none of them.
     */
    record OneHot(List<String> columns, int maxCategories, int minFrequency) implements PipelineStep {
        public OneHot {
            columns = checkedColumns(columns);
            if (maxCategories < 1 || minFrequency < 1) {
                throw new IllegalArgumentException("onehot: max_categories and min_frequency must be at least 1");
            }
        }

        @Override
        public String transform() {
            return "onehot";
        }
    }

    /** The category's rank among the sorted training categories (0..k-1); unseen → -1, missing → NaN. */
    record Ordinal(List<String> columns) implements PipelineStep {
        public Ordinal {
            columns = checkedColumns(columns);
        }

        @Override
        public String transform() {
            return "ordinal";
        }
    }

    /** The category's share of the training rows (0..1); unseen → 0, missing → NaN. */
    record Frequency(List<String> columns) implements PipelineStep {
        public Frequency {
            columns = checkedColumns(columns);
        }

        @Override
        public String transform() {
            return "frequency";
        }
    }

    /**
     * Replaces a numeric column by its bucket number 0..k-1 (missing stays missing): either at the given {@code
     * edges} (strictly increasing; value {@code v} falls in bucket {@code i} when {@code edges[i-1] <= v <
     * edges[i]}), or {@code buckets} buckets placed by {@code method} on the training data.
     *
     * @param buckets the number of buckets; with explicit edges, one more than their count
     * @param method how edges are learned; ignored when edges are given
     * @param edges the explicit inner edges, or empty to learn them
     */
    record Bucketize(List<String> columns, int buckets, BucketMethod method, List<Double> edges)
            implements PipelineStep {
        public Bucketize {
            columns = checkedColumns(columns);
            Objects.requireNonNull(method, "method");
            edges = List.copyOf(edges);
            if (edges.isEmpty() ? buckets < 2 : buckets != edges.size() + 1) {
                throw new IllegalArgumentException("bucketize: at least 2 buckets, and one more than the edges given");
            }
            for (int i = 0; i < edges.size(); i++) {
                if (!Double.isFinite(edges.get(i)) || (i > 0 && edges.get(i) <= edges.get(i - 1))) {
                    throw new IllegalArgumentException("bucketize: edges must be finite and strictly increasing");
                }
            }
        }

        @Override
        public String transform() {
            return "bucketize";
        }
    }

    /** Calendar parts (UTC) of timestamp columns, one feature per part named {@code column.part}. */
    record DateParts(List<String> columns, List<DatePart> parts) implements PipelineStep {
        /** The parts used when none are written. */
        public static final List<DatePart> DEFAULT_PARTS =
                List.of(DatePart.YEAR, DatePart.MONTH, DatePart.DAY, DatePart.DAY_OF_WEEK, DatePart.HOUR);

        public DateParts {
            columns = checkedColumns(columns);
            parts = List.copyOf(parts);
            if (parts.isEmpty() || parts.size() != parts.stream().distinct().count()) {
                throw new IllegalArgumentException("date_parts: parts must be non-empty and distinct");
            }
        }

        @Override
        public String transform() {
            return "date_parts";
        }
    }

    /**
     * Hashes the tokens of text columns into {@code buckets} count features named {@code column#i}: tokens are
     * the lower-cased runs of letters and digits, each counted in bucket {@code murmur3_32(utf8(token)) mod
     * buckets}. Needs no vocabulary, so unseen words cost nothing.
     */
    record Hash(List<String> columns, int buckets) implements PipelineStep {
        /** The most buckets a column may hash into. */
        public static final int MAX_BUCKETS = 1 << 16;

        public Hash {
            columns = checkedColumns(columns);
            if (buckets < 1 || buckets > MAX_BUCKETS) {
                throw new IllegalArgumentException("hash: buckets must be between 1 and " + MAX_BUCKETS);
            }
        }

        @Override
        public String transform() {
            return "hash";
        }
    }

    /** Leaves columns out of the model: they are neither required at serving time nor features. */
    record Drop(List<String> columns) implements PipelineStep {
        public Drop {
            columns = checkedColumns(columns);
        }

        @Override
        public String transform() {
            return "drop";
        }
    }

    private static List<String> checkedColumns(List<String> columns) {
        List<String> copy = List.copyOf(columns);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("a step needs at least one column");
        }
        if (copy.stream().distinct().count() != copy.size()) {
            throw new IllegalArgumentException("a step lists a column twice: " + copy);
        }
        return copy;
    }
}
