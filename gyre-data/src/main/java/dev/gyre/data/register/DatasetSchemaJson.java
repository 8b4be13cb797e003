package dev.gyre.data.register;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gyre.core.error.ErrorCode;
import dev.gyre.core.error.GyreException;
import dev.gyre.data.read.DatasetColumn;
import java.util.ArrayList;
import java.util.List;

/**
 * The schema a dataset version stores: {@code [{"name", "type", "duckdb_type", "nullable"}, …]} in column order.
 * {@code type} is the Gyre type label; {@code duckdb_type} is kept so that the MLflow column types can be exact.
 */
public final class DatasetSchemaJson {

    /** One stored column. */
    public record Column(String name, String type, String duckDbType, boolean nullable) {}

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DatasetSchemaJson() {}

    /** @param nullable per column, whether it holds missing values */
    static String write(List<DatasetColumn> columns, List<Boolean> nullable) {
        ArrayNode array = MAPPER.createArrayNode();
        for (int i = 0; i < columns.size(); i++) {
            DatasetColumn column = columns.get(i);
            ObjectNode node = array.addObject();
            node.put("name", column.name());
            node.put("type", column.type().label());
            node.put("duckdb_type", column.duckDbType());
            node.put("nullable", nullable.get(i));
        }
        return toJson(array);
    }

    /** Parses what {@link #write} stored. */
    public static List<Column> read(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new GyreException(ErrorCode.INTERNAL_ERROR, "stored dataset schema is not JSON: " + e.getMessage());
        }
        List<Column> out = new ArrayList<>();
        for (JsonNode node : root) {
            out.add(new Column(
                    node.path("name").asText(),
                    node.path("type").asText(),
                    node.path("duckdb_type").asText(),
                    node.path("nullable").asBoolean(true)));
        }
        return out;
    }

    static String toJson(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain nodes always serialises", e);
        }
    }
}
