package dev.gyre.data.quality;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies a dataset into a temporary DuckDB table once, so that every check scans memory instead of re-parsing the
 * file. The data is read through {@link dev.gyre.data.read.DatasetReader}, so files, folders, formats and read
 * errors behave exactly as in profiling.
 */
final class QualityTable {

    /** The temporary table's name, already quoted. */
    static final String NAME = Sql.quote("gyre_quality_data");

    private QualityTable() {}

    /** Creates the table on {@code connection} from {@code tableExpression}; returns its columns in file order. */
    static List<Column> load(Connection connection, String tableExpression) throws SQLException {
        try (Statement create = connection.createStatement()) {
            create.execute("CREATE TEMP TABLE " + NAME + " AS SELECT * FROM " + tableExpression);
        }
        List<Column> columns = new ArrayList<>();
        try (Statement describe = connection.createStatement();
                ResultSet rows = describe.executeQuery("DESCRIBE " + NAME)) {
            while (rows.next()) {
                columns.add(new Column(rows.getString("column_name"), rows.getString("column_type")));
            }
        }
        return List.copyOf(columns);
    }
}
