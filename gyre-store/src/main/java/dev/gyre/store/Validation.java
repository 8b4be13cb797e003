package dev.gyre.store;

import dev.gyre.core.error.GyreException;
import dev.gyre.core.tracking.DatasetInput;
import dev.gyre.core.tracking.Metric;
import dev.gyre.core.tracking.Param;
import dev.gyre.core.tracking.Tag;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * MLflow 2.17's input rules and error messages ({@code mlflow/utils/validation.py}), in one place, so that every
 * store applies them the same way and clients that match on messages see MLflow's wording. Every failure is a
 * {@link GyreException} with {@code INVALID_PARAMETER_VALUE}.
 */
public final class Validation {
    public static final int MAX_PARAMS_TAGS_PER_BATCH = 100;
    public static final int MAX_METRICS_PER_BATCH = 1000;
    public static final int MAX_ENTITIES_PER_BATCH = 1000;
    public static final int MAX_PARAM_VAL_LENGTH = 6000;
    /** Run tag values: raised from 5000 to 8000 in MLflow 2.17 (migration f5a4f2784254). */
    public static final int MAX_TAG_VAL_LENGTH = 8000;

    public static final int MAX_EXPERIMENT_NAME_LENGTH = 500;
    public static final int MAX_EXPERIMENT_TAG_KEY_LENGTH = 250;
    public static final int MAX_EXPERIMENT_TAG_VAL_LENGTH = 5000;
    public static final int MAX_ENTITY_KEY_LENGTH = 250;
    public static final int MAX_RUN_NAME_LENGTH = 250;
    public static final int MAX_USER_ID_LENGTH = 256;
    /** The tag that mirrors a run's name; setting it renames the run. */
    public static final String RUN_NAME_TAG = "mlflow.runName";

    public static final int MAX_MODEL_REGISTRY_TAG_KEY_LENGTH = 250;
    public static final int MAX_MODEL_REGISTRY_TAG_VALUE_LENGTH = 5000;
    public static final int MAX_REGISTERED_MODEL_NAME_LENGTH = 256;
    public static final int MAX_DESCRIPTION_LENGTH = 5000;
    public static final int MAX_DATASET_NAME_SIZE = 500;
    public static final int MAX_DATASET_DIGEST_SIZE = 36;
    public static final int MAX_DATASET_SOURCE_SIZE = 65535;
    public static final int MAX_DATASET_SCHEMA_SIZE = 1048575;
    public static final int MAX_DATASET_PROFILE_SIZE = 16777215;
    public static final int MAX_INPUT_TAG_KEY_SIZE = 255;
    public static final int MAX_INPUT_TAG_VALUE_SIZE = 500;
    public static final int MAX_REGISTERED_MODEL_ALIAS_LENGTH = 255;
    /** search-runs and search-experiments: MLflow's SEARCH_MAX_RESULTS_THRESHOLD. */
    public static final int SEARCH_MAX_RESULTS_THRESHOLD = 50_000;

    public static final int SEARCH_REGISTERED_MODEL_MAX_RESULTS_THRESHOLD = 1000;
    public static final int SEARCH_MODEL_VERSION_MAX_RESULTS_THRESHOLD = 200_000;
    /** Alias-history pages: at most this many changes. */
    public static final int ALIAS_HISTORY_MAX_RESULTS_THRESHOLD = 1000;
    /** The reason recorded with an alias change. */
    public static final int MAX_ALIAS_CHANGE_REASON_LENGTH = 5000;
    /** get-metric-history: MLflow rejects more than 25,000 per page. */
    public static final int GET_METRIC_HISTORY_MAX_RESULTS = 25_000;

    private static final Pattern VALID_PARAM_AND_METRIC_NAMES =
            Pattern.compile("^[/\\w.\\- ]*$", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern RUN_ID = Pattern.compile("^[a-zA-Z0-9][\\w\\-]{0,255}$");
    private static final Pattern ALIAS = Pattern.compile("^[\\w\\-]*$", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern VERSION_ALIAS = Pattern.compile("^[vV]\\d+$");
    private static final String BAD_CHARACTERS_MESSAGE = "Names may only contain alphanumerics, underscores (_),"
            + " dashes (-), periods (.), spaces ( ), and slashes (/).";
    private static final String BAD_ALIAS_CHARACTERS_MESSAGE =
            "Names may only contain alphanumerics, underscores (_), and dashes (-).";
    private static final String MISSING_KEY_NAME_MESSAGE = "A key name must be provided.";

    private Validation() {}

    // ---- tracking -------------------------------------------------------------------------------------------

    public static void experimentName(String name) {
        if (name == null || name.isEmpty()) {
            throw GyreException.invalid("Invalid experiment name: '" + pythonStr(name) + "'");
        }
        if (name.length() > MAX_EXPERIMENT_NAME_LENGTH) {
            throw GyreException.invalid(
                    "Experiment name exceeds the maximum length of " + MAX_EXPERIMENT_NAME_LENGTH + " characters");
        }
    }

    public static void experimentArtifactLocation(String location) {
        if (location != null && location.startsWith("runs:")) {
            throw GyreException.invalid("Artifact location cannot be a runs:/ URI. Given: '" + location + "'");
        }
    }

    public static void experimentTag(Tag tag) {
        requireTag(tag);
        keyName("tag", tag.key());
        lengthLimit("Tag key", MAX_EXPERIMENT_TAG_KEY_LENGTH, tag.key());
        lengthLimit("Tag value", MAX_EXPERIMENT_TAG_VAL_LENGTH, tag.value());
    }

    public static void runId(String runId) {
        if (runId == null || !RUN_ID.matcher(runId).matches()) {
            throw GyreException.invalid("Invalid run ID: '" + pythonStr(runId) + "'");
        }
    }

    public static void metric(Metric metric) {
        if (metric == null) {
            throw GyreException.invalid("Metric cannot be None.");
        }
        keyName("metric", metric.key());
        if (metric.timestamp() < 0) {
            throw GyreException.invalid("Got invalid timestamp " + metric.timestamp() + " for metric '"
                    + metric.key() + "' (value=" + pythonFloat(metric.value())
                    + "). Timestamp must be a nonnegative long (64-bit integer) ");
        }
        lengthLimit("Metric name", MAX_ENTITY_KEY_LENGTH, metric.key());
    }

    public static void param(Param param) {
        if (param == null) {
            throw GyreException.invalid("Param cannot be None.");
        }
        keyName("parameter", param.key());
        lengthLimit("Param key", MAX_ENTITY_KEY_LENGTH, param.key());
        if (param.value() == null) {
            throw GyreException.invalid("Param value cannot be None. Param key: '" + param.key() + "'");
        }
        lengthLimit("Param value", MAX_PARAM_VAL_LENGTH, param.value());
    }

    public static void runTag(Tag tag) {
        requireTag(tag);
        keyName("tag", tag.key());
        lengthLimit("Tag key", MAX_ENTITY_KEY_LENGTH, tag.key());
        lengthLimit("Tag value", MAX_TAG_VAL_LENGTH, tag.value());
        if (RUN_NAME_TAG.equals(tag.key())) {
            runName(tag.value());
        }
    }

    /** Run names are stored in a 250-character column, as in MLflow's schema. */
    public static void runName(String name) {
        lengthLimit("Run name", MAX_RUN_NAME_LENGTH, name);
    }

    public static void userId(String userId) {
        lengthLimit("User ID", MAX_USER_ID_LENGTH, userId);
    }

    /** Everything MLflow checks for log-batch, in MLflow's order: entries, limits, duplicate param keys. */
    public static void batch(List<Metric> metrics, List<Param> params, List<Tag> tags) {
        // A batch usually repeats a few keys many times (one per step): check each distinct key's name once.
        Set<String> checkedKeys = new java.util.HashSet<>();
        for (Metric m : metrics) {
            if (m != null && m.timestamp() >= 0 && m.key() != null && checkedKeys.contains(m.key())) {
                continue;
            }
            metric(m);
            checkedKeys.add(m.key());
        }
        params.forEach(Validation::param);
        tags.forEach(Validation::runTag);
        batchLimit("metrics", MAX_METRICS_PER_BATCH, metrics.size());
        batchLimit("params", MAX_PARAMS_TAGS_PER_BATCH, params.size());
        batchLimit("tags", MAX_PARAMS_TAGS_PER_BATCH, tags.size());
        batchLimit("metrics, params, and tags", MAX_ENTITIES_PER_BATCH, metrics.size() + params.size() + tags.size());
        Set<String> seen = new LinkedHashSet<>();
        List<String> duplicates = new ArrayList<>();
        for (Param p : params) {
            if (!seen.add(p.key())) {
                duplicates.add(p.key());
            }
        }
        if (!duplicates.isEmpty()) {
            throw GyreException.invalid("Duplicate parameter keys have been submitted: " + pythonList(duplicates)
                    + ". Please ensure the request contains only one param value per param key.");
        }
    }

    public static void datasetInputs(List<DatasetInput> inputs) {
        for (DatasetInput input : inputs) {
            if (input == null || input.dataset() == null) {
                throw GyreException.invalid("Dataset cannot be None");
            }
            var d = input.dataset();
            notNull(d.name(), "Dataset name cannot be None");
            notNull(d.digest(), "Dataset digest cannot be None");
            notNull(d.sourceType(), "Dataset source_type cannot be None");
            notNull(d.source(), "Dataset source cannot be None");
            maxSize(d.name(), MAX_DATASET_NAME_SIZE, "Dataset name");
            maxSize(d.digest(), MAX_DATASET_DIGEST_SIZE, "Dataset digest");
            maxSize(d.source(), MAX_DATASET_SOURCE_SIZE, "Dataset source");
            maxSize(d.schema(), MAX_DATASET_SCHEMA_SIZE, "Dataset schema");
            maxSize(d.profile(), MAX_DATASET_PROFILE_SIZE, "Dataset profile");
            for (Tag tag : input.tags()) {
                if (tag == null) {
                    throw GyreException.invalid("InputTag cannot be None");
                }
                notNull(tag.key(), "InputTag key cannot be None");
                notNull(tag.value(), "InputTag value cannot be None");
                maxSize(tag.key(), MAX_INPUT_TAG_KEY_SIZE, "InputTag key");
                maxSize(tag.value(), MAX_INPUT_TAG_VALUE_SIZE, "InputTag value");
            }
        }
    }

    /** max_results of search-runs and search-experiments. */
    public static void searchMaxResults(int maxResults) {
        if (maxResults < 1) {
            throw GyreException.invalid(
                    "Invalid value for max_results. It must be a positive integer, but got " + maxResults);
        }
        if (maxResults > SEARCH_MAX_RESULTS_THRESHOLD) {
            throw GyreException.invalid("Invalid value for request parameter max_results. It must be at most "
                    + SEARCH_MAX_RESULTS_THRESHOLD + ", but got value " + maxResults);
        }
    }

    public static void metricHistoryMaxResults(int maxResults) {
        if (maxResults < 1 || maxResults > GET_METRIC_HISTORY_MAX_RESULTS) {
            throw GyreException.invalid("Invalid value for max_results. It must be between 1 and "
                    + GET_METRIC_HISTORY_MAX_RESULTS + ", but got " + maxResults);
        }
    }

    // ---- model registry -------------------------------------------------------------------------------------

    public static void registeredModelName(String name) {
        if (name == null || name.isEmpty()) {
            throw GyreException.invalid("Registered model name cannot be empty.");
        }
        if (name.length() > MAX_REGISTERED_MODEL_NAME_LENGTH) {
            throw GyreException.invalid("Registered model name exceeds the maximum length of "
                    + MAX_REGISTERED_MODEL_NAME_LENGTH + " characters");
        }
    }

    public static void modelVersion(long version) {
        if (version < 1) {
            throw GyreException.invalid("Model version must be an integer, got '" + version + "'");
        }
    }

    public static void registeredModelTag(Tag tag) {
        requireTag(tag);
        keyName("tag", tag.key());
        lengthLimit("Registered model key", MAX_MODEL_REGISTRY_TAG_KEY_LENGTH, tag.key());
        lengthLimit("Registered model value", MAX_MODEL_REGISTRY_TAG_VALUE_LENGTH, tag.value());
    }

    public static void modelVersionTag(Tag tag) {
        requireTag(tag);
        keyName("tag", tag.key());
        if (tag.value() == null) {
            throw GyreException.invalid("Tag value cannot be None");
        }
        lengthLimit("Model version key", MAX_MODEL_REGISTRY_TAG_KEY_LENGTH, tag.key());
        lengthLimit("Model version value", MAX_MODEL_REGISTRY_TAG_VALUE_LENGTH, tag.value());
    }

    public static void description(String description) {
        lengthLimit("Description", MAX_DESCRIPTION_LENGTH, description);
    }

    public static void aliasName(String alias) {
        if (alias == null || alias.isEmpty()) {
            throw GyreException.invalid("Registered model alias name cannot be empty.");
        }
        if (!ALIAS.matcher(alias).matches()) {
            throw GyreException.invalid("Invalid alias name: '" + alias + "'. " + BAD_ALIAS_CHARACTERS_MESSAGE);
        }
        lengthLimit("Registered model alias name", MAX_REGISTERED_MODEL_ALIAS_LENGTH, alias);
        if (alias.equalsIgnoreCase("latest")) {
            throw GyreException.invalid("'latest' alias name (case insensitive) is reserved.");
        }
        if (VERSION_ALIAS.matcher(alias).matches()) {
            throw GyreException.invalid("Version alias name '" + alias + "' is reserved.");
        }
    }

    /** The optional actor and reason of an alias change: length limits only (null means "not said"). */
    public static void aliasChange(String actor, String reason) {
        lengthLimit("Alias change actor", MAX_USER_ID_LENGTH, actor);
        lengthLimit("Alias change reason", MAX_ALIAS_CHANGE_REASON_LENGTH, reason);
    }

    public static void registryMaxResults(int maxResults, int threshold) {
        if (maxResults < 1) {
            throw GyreException.invalid("Invalid value for request parameter max_results. It must be at least 1,"
                    + " but got value " + maxResults);
        }
        if (maxResults > threshold) {
            throw GyreException.invalid("Invalid value for request parameter max_results. It must be at most "
                    + threshold + ", but got value " + maxResults);
        }
    }

    // ---- shared rules ---------------------------------------------------------------------------------------

    /**
     * MLflow's key rule for metrics, params and tags: allowed characters, and the name must not change when
     * treated as a path ({@code a/../b}, {@code /abs}, {@code a//b}, {@code .}).
     *
     * @param kind {@code metric}, {@code parameter} or {@code tag}, as it appears in MLflow's messages
     */
    public static void keyName(String kind, String name) {
        if (name == null) {
            String capitalised = Character.toUpperCase(kind.charAt(0)) + kind.substring(1);
            throw GyreException.invalid(capitalised + " name cannot be None. " + MISSING_KEY_NAME_MESSAGE);
        }
        if (!VALID_PARAM_AND_METRIC_NAMES.matcher(name).matches()) {
            throw GyreException.invalid("Invalid " + kind + " name: '" + name + "'. " + BAD_CHARACTERS_MESSAGE);
        }
        String norm = normalizePosixPath(name);
        if (!norm.equals(name) || norm.equals(".") || norm.startsWith("..") || norm.startsWith("/")) {
            throw GyreException.invalid("Invalid " + kind + " name: '" + name + "'. Names may be treated as files"
                    + " in certain cases, and must not resolve to other names when treated as such. This name"
                    + " would resolve to '" + norm + "'");
        }
    }

    static void lengthLimit(String entityName, int limit, String value) {
        if (value != null && value.length() > limit) {
            throw GyreException.invalid(entityName + " '" + value.substring(0, 250) + "' had length " + value.length()
                    + ", which exceeded length limit of " + limit);
        }
    }

    private static void batchLimit(String entityName, int limit, int length) {
        if (length > limit) {
            throw GyreException.invalid("A batch logging request can contain at most " + limit + " " + entityName
                    + ". Got " + length + " " + entityName + ". Please split up " + entityName
                    + " across multiple requests and try again.");
        }
    }

    private static void requireTag(Tag tag) {
        if (tag == null) {
            throw GyreException.invalid("Tag cannot be None.");
        }
    }

    private static void notNull(String value, String message) {
        if (value == null) {
            throw GyreException.invalid(message);
        }
    }

    private static void maxSize(String value, int max, String what) {
        if (value != null && value.length() > max) {
            throw GyreException.invalid(what + " exceeds the maximum length of " + max);
        }
    }

    /** Python's {@code posixpath.normpath}, which MLflow uses to reject keys that are not unique as paths. */
    static String normalizePosixPath(String path) {
        if (path.isEmpty()) {
            return ".";
        }
        int initialSlashes = path.startsWith("/") ? (path.startsWith("//") && !path.startsWith("///") ? 2 : 1) : 0;
        Deque<String> parts = new ArrayDeque<>();
        for (String comp : path.split("/", -1)) {
            if (comp.isEmpty() || comp.equals(".")) {
                continue;
            }
            if (!comp.equals("..")
                    || (initialSlashes == 0 && parts.isEmpty())
                    || (!parts.isEmpty() && parts.peekLast().equals(".."))) {
                parts.addLast(comp);
            } else if (!parts.isEmpty()) {
                parts.removeLast();
            }
        }
        String joined = "/".repeat(initialSlashes) + String.join("/", parts);
        return joined.isEmpty() ? "." : joined;
    }

    /** How Python prints {@code str(x)} for a possibly-None string, which MLflow's messages embed. */
    private static String pythonStr(String s) {
        return s == null ? "None" : s;
    }

    static String pythonFloat(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        return Double.toString(v);
    }

    static String pythonList(List<String> values) {
        return values.stream()
                .map(v -> "'" + v + "'")
                .reduce((a, b) -> a + ", " + b)
                .map(s -> "[" + s + "]")
                .orElse("[]");
    }
}
