package dev.gyre.data.quality;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds exact duplicate rows over every column of the file, label included. Method: {@code GROUP BY} all columns
 * (NULLs equal) and keep groups with more than one row; the duplicates are the rows beyond each group's first.
 * Severity: WARNING when there are any, INFO otherwise.
 */
final class DuplicateRowsCheck implements QualityCheck {

    private final List<String> columns;

    DuplicateRowsCheck(List<String> columns) {
        this.columns = List.copyOf(columns);
    }

    @Override
    public List<Finding> run(CheckContext context) throws SQLException {
        String all = Sql.quoteAll(columns);
        String repeated = "SELECT " + all + ", COUNT(*) AS " + Sql.quote("__gyre_copies") + " FROM " + context.table()
                + " GROUP BY ALL HAVING COUNT(*) > 1";
        long groups;
        long copies;
        try (Statement statement = context.connection().createStatement();
                ResultSet result = statement.executeQuery("SELECT COUNT(*), COALESCE(SUM(" + Sql.quote("__gyre_copies")
                        + "), 0) FROM (" + repeated + ")")) {
            result.next();
            groups = result.getLong(1);
            copies = result.getLong(2);
        }
        long duplicates = copies - groups;
        List<DuplicateGroup> examples = groups == 0 || context.config().examples() == 0
                ? List.of()
                : examples(context.connection(), repeated, context.config().examples());
        Severity severity = duplicates == 0 ? Severity.INFO : Severity.WARNING;
        return List.of(new DuplicateRows(
                severity, duplicates, Percent.fraction(duplicates, context.rows()), groups, examples));
    }

    private List<DuplicateGroup> examples(Connection connection, String repeated, int limit) throws SQLException {
        String sql =
                repeated + " ORDER BY " + Sql.quote("__gyre_copies") + " DESC, " + Sql.quoteAll(columns) + " LIMIT ?";
        List<DuplicateGroup> examples = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setInt(1, limit);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    Map<String, Object> values = new LinkedHashMap<>();
                    for (int i = 0; i < columns.size(); i++) {
                        values.put(columns.get(i), Values.read(result, i + 1));
                    }
                    examples.add(new DuplicateGroup(values, result.getLong(columns.size() + 1)));
                }
            }
        }
        return examples;
    }
}
