package dev.gyre.data.quality;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds features with one value, or with one value in nearly every row. Method per feature: {@code GROUP BY} the
 * feature (NULL is a value of its own), take the most frequent value and the number of groups. One group is a
 * {@link ConstantFeature} (ERROR); a top value covering at least {@link QualityConfig#nearConstantFraction()} of
 * all rows is a {@link NearConstantFeature} (WARNING). Features that pass produce no finding.
 */
final class ConstantFeaturesCheck implements QualityCheck {

    @Override
    public List<Finding> run(CheckContext context) throws SQLException {
        List<Finding> findings = new ArrayList<>();
        if (context.rows() == 0) {
            return findings;
        }
        try (Statement statement = context.connection().createStatement()) {
            for (Column feature : context.features()) {
                String column = Sql.quote(feature.name());
                String sql = "SELECT " + column + ", COUNT(*), COUNT(*) OVER () FROM " + context.table()
                        + " GROUP BY 1 ORDER BY 2 DESC, 1 NULLS LAST LIMIT 1";
                try (ResultSet result = statement.executeQuery(sql)) {
                    result.next();
                    Object top = Values.read(result, 1);
                    double topFraction = Percent.fraction(result.getLong(2), context.rows());
                    long distinct = result.getLong(3);
                    if (distinct == 1) {
                        findings.add(new ConstantFeature(Severity.ERROR, feature.name(), top));
                    } else if (topFraction >= context.config().nearConstantFraction()) {
                        findings.add(
                                new NearConstantFeature(Severity.WARNING, feature.name(), top, topFraction, distinct));
                    }
                }
            }
        }
        return findings;
    }
}
