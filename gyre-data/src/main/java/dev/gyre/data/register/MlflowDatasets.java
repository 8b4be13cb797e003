package dev.gyre.data.register;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gyre.core.data.DatasetVersion;
import dev.gyre.core.tracking.Dataset;
import dev.gyre.core.tracking.DatasetInput;
import dev.gyre.core.tracking.Tag;
import dev.gyre.data.read.DatasetColumn;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A registered dataset version as MLflow's log-inputs {@link Dataset}, so that MLflow's UI and clients show which
 * version a run used. MLflow's {@code datasets.digest} column holds 36 characters, so the digest is the first
 * {@value #MLFLOW_DIGEST_LENGTH} hex digits of the content hash (64 bits: ample to tell one name's versions apart);
 * the full hash, the Gyre name and version travel in the source JSON.
 */
public final class MlflowDatasets {
    /** The log-inputs tag MLflow uses for the role of a dataset in a run (training, validation, …). */
    public static final String CONTEXT_TAG = "mlflow.data.context";

    public static final int MLFLOW_DIGEST_LENGTH = 16;
    public static final String SOURCE_TYPE = "local";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private MlflowDatasets() {}

    /** The short digest MLflow sees: the hex digits of {@code sha256:<hex>}, cut to {@value #MLFLOW_DIGEST_LENGTH}. */
    public static String mlflowDigest(String contentHash) {
        String hex = contentHash.substring(contentHash.indexOf(':') + 1);
        return hex.substring(0, Math.min(MLFLOW_DIGEST_LENGTH, hex.length()));
    }

    public static Dataset toMlflow(DatasetVersion v) {
        ObjectNode source = JSON.objectNode();
        source.put("uri", uri(v.source()));
        source.put("gyre_dataset", v.name());
        source.put("gyre_version", v.version());
        source.put("gyre_digest", v.digest());
        List<DatasetSchemaJson.Column> columns = DatasetSchemaJson.read(v.schema());
        return dataset(v.name(), v.digest(), source, columns, v.rowCount());
    }

    /**
     * The MLflow dataset of a file that is not a registered version (a plain path in a project file): named by the
     * caller, identified by its content hash, with every column assumed nullable.
     */
    public static Dataset forFile(
            String name, String contentHash, String path, List<DatasetColumn> columns, long rows) {
        ObjectNode source = JSON.objectNode();
        source.put("uri", uri(path));
        source.put("gyre_digest", contentHash);
        List<DatasetSchemaJson.Column> described = columns.stream()
                .map(c -> new DatasetSchemaJson.Column(c.name(), c.type().label(), c.duckDbType(), true))
                .toList();
        return dataset(name, contentHash, source, described, rows);
    }

    private static Dataset dataset(
            String name, String contentHash, ObjectNode source, List<DatasetSchemaJson.Column> columns, long rows) {
        ArrayNode colspec = JSON.arrayNode();
        for (DatasetSchemaJson.Column column : columns) {
            ObjectNode spec = colspec.addObject();
            spec.put("type", mlflowType(column.duckDbType()));
            spec.put("name", column.name());
            spec.put("required", !column.nullable());
        }
        ObjectNode schema = JSON.objectNode();
        schema.set("mlflow_colspec", colspec);

        ObjectNode profile = JSON.objectNode();
        profile.put("num_rows", rows);
        profile.put("num_elements", rows * columns.size());

        return new Dataset(
                name,
                mlflowDigest(contentHash),
                SOURCE_TYPE,
                DatasetSchemaJson.toJson(source),
                DatasetSchemaJson.toJson(schema),
                DatasetSchemaJson.toJson(profile));
    }

    /** The input to log for {@code v} in a run, tagged with its role (e.g. {@code training}). */
    public static DatasetInput input(DatasetVersion v, String context) {
        return input(toMlflow(v), context);
    }

    /** The input to log for {@code dataset} in a run, tagged with its role (e.g. {@code training}). */
    public static DatasetInput input(Dataset dataset, String context) {
        List<Tag> tags = context == null || context.isBlank() ? List.of() : List.of(new Tag(CONTEXT_TAG, context));
        return new DatasetInput(dataset, tags);
    }

    /** MLflow's column types: boolean, integer, long, float, double, string, binary, datetime. */
    static String mlflowType(String duckDbType) {
        String t = duckDbType.toUpperCase(Locale.ROOT);
        return switch (t) {
            case "BOOLEAN" -> "boolean";
            case "TINYINT", "SMALLINT", "INTEGER", "UTINYINT", "USMALLINT" -> "integer";
            case "BIGINT", "UINTEGER" -> "long";
            case "FLOAT", "REAL" -> "float";
            case "DOUBLE", "UBIGINT", "HUGEINT", "UHUGEINT" -> "double";
            case "BLOB" -> "binary";
            default -> {
                if (t.startsWith("DECIMAL")) {
                    yield "double";
                }
                if (t.startsWith("DATE") || t.startsWith("TIMESTAMP")) {
                    yield "datetime";
                }
                yield "string";
            }
        };
    }

    private static String uri(String source) {
        if (source.contains("://")) {
            return source;
        }
        return Path.of(source).toUri().toString();
    }
}
