package dev.gyre.data.quality;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The columns of the table the checks scan. The checks query the {@link dev.gyre.data.read.DatasetReader}'s table
 * expression directly: text files are already parsed once into a table by the reader, and Parquet is cheaper to
 * scan again than to copy, so no check-specific copy of the data is made.
 */
final class QualityTable {

    private QualityTable() {}

    /** The columns of {@code tableExpression}, in file order, with their DuckDB types. */
    static List<Column> columns(Connection connection, String tableExpression) throws SQLException {
        List<Column> columns = new ArrayList<>();
        try (Statement describe = connection.createStatement();
                ResultSet rows = describe.executeQuery("DESCRIBE SELECT * FROM " + tableExpression)) {
            while (rows.next()) {
                columns.add(new Column(rows.getString("column_name"), rows.getString("column_type")));
            }
        }
        return List.copyOf(columns);
    }
}
