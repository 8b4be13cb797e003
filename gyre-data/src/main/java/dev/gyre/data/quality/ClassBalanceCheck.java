package dev.gyre.data.quality;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Counts the rows of each label value. A class is rare below {@link QualityConfig#rareClassFraction()} of the
 * labeled rows or below {@link QualityConfig#rareClassCount()} rows; the imbalance ratio is the largest count over
 * the smallest. Severity: ERROR with fewer than two classes, WARNING with a rare class, INFO otherwise.
 */
final class ClassBalanceCheck implements QualityCheck {

    @Override
    public List<Finding> run(CheckContext context) throws SQLException {
        String sql = "SELECT CAST(" + context.quotedLabel() + " AS VARCHAR), COUNT(*) FROM " + context.table()
                + " WHERE " + context.quotedLabel() + " IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1";
        QualityConfig config = context.config();
        List<ClassCount> classes = new ArrayList<>();
        try (Statement statement = context.connection().createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                long count = result.getLong(2);
                double fraction = Percent.fraction(count, context.labeledRows());
                boolean rare = fraction < config.rareClassFraction() || count < config.rareClassCount();
                classes.add(new ClassCount(result.getString(1), count, fraction, rare));
            }
        }
        double ratio = classes.isEmpty()
                ? 0
                : (double) classes.getFirst().count() / classes.getLast().count();
        Severity severity = classes.size() < 2
                ? Severity.ERROR
                : classes.stream().anyMatch(ClassCount::rare) ? Severity.WARNING : Severity.INFO;
        return List.of(new ClassBalance(severity, classes, context.rows() - context.labeledRows(), ratio));
    }
}
