package dev.gyre.data.quality;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds features that on their own predict the label almost perfectly. Method per feature, on the labeled rows:
 *
 * <ul>
 *   <li>non-numeric features, and numeric ones with at most {@link QualityConfig#maxCategories()} distinct values:
 *       {@link LeakageMethod#MAJORITY_PER_VALUE} — predict the majority label of each feature value (NULL is a
 *       value); accuracy is the sum of those majority counts over the labeled rows, i.e. weighted by value
 *       frequency;
 *   <li>other numeric features: {@link LeakageMethod#BEST_THRESHOLD} — a decision stump: for every distinct value
 *       {@code t}, predict the majority label of {@code x <= t} and of {@code x > t} (and of the NULL rows), and keep
 *       the best accuracy. Per-label cumulative counts come from a window sum over the sorted distinct values, so
 *       the search is exact.
 * </ul>
 *
 * A feature is a {@link LeakageCandidate} (WARNING) when its accuracy reaches {@link
 * QualityConfig#leakageAccuracy()} and beats the majority-class baseline by at least {@link
 * QualityConfig#leakageMinLift()}. Non-floating columns with at least {@link QualityConfig#idLikeFraction()}
 * distinct values per row look like identifiers, on which a per-value lookup is trivially perfect: they are
 * skipped with an {@link IdLikeColumn} note (INFO). These are in-sample accuracies: a screen, not a proof.
 */
final class LeakageCheck implements QualityCheck {

    @Override
    public List<Finding> run(CheckContext context) throws SQLException {
        List<Finding> findings = new ArrayList<>();
        if (context.labeledRows() == 0) {
            return findings;
        }
        QualityConfig config = context.config();
        try (Statement statement = context.connection().createStatement()) {
            double baseline = (double) single(statement, majoritySql(context, "TRUE")) / context.labeledRows();
            for (Column feature : context.features()) {
                long distinct = single(
                        statement, "SELECT COUNT(DISTINCT " + Sql.quote(feature.name()) + ") FROM " + context.table());
                if (!feature.isFloating() && distinct >= config.idLikeFraction() * context.rows()) {
                    findings.add(new IdLikeColumn(Severity.INFO, feature.name(), distinct, context.rows()));
                    continue;
                }
                LeakageMethod method = feature.isNumeric() && distinct > config.maxCategories()
                        ? LeakageMethod.BEST_THRESHOLD
                        : LeakageMethod.MAJORITY_PER_VALUE;
                String sql = method == LeakageMethod.BEST_THRESHOLD
                        ? stumpSql(context, feature)
                        : perValueSql(context, feature);
                double accuracy = (double) single(statement, sql) / context.labeledRows();
                if (accuracy >= config.leakageAccuracy() && accuracy - baseline >= config.leakageMinLift()) {
                    findings.add(new LeakageCandidate(
                            Severity.WARNING, feature.name(), method, accuracy, baseline, distinct));
                }
            }
        }
        return findings;
    }

    /** Rows of the most frequent label among the labeled rows that satisfy {@code condition}. */
    private static String majoritySql(CheckContext context, String condition) {
        return "SELECT COALESCE(MAX(n), 0) FROM (SELECT COUNT(*) AS n FROM " + context.table() + " WHERE "
                + context.quotedLabel() + " IS NOT NULL AND (" + condition + ") GROUP BY " + context.quotedLabel()
                + ")";
    }

    private static String perValueSql(CheckContext context, Column feature) {
        return "SELECT COALESCE(SUM(m), 0) FROM (SELECT MAX(n) AS m FROM (SELECT " + Sql.quote(feature.name())
                + " AS v, COUNT(*) AS n FROM " + context.table() + " WHERE " + context.quotedLabel()
                + " IS NOT NULL GROUP BY " + Sql.quote(feature.name()) + ", " + context.quotedLabel()
                + ") GROUP BY v)";
    }

    private static String stumpSql(CheckContext context, Column feature) {
        String x = Sql.quote(feature.name());
        String y = context.quotedLabel();
        String counts = "SELECT " + x + " AS v, " + y + " AS y, COUNT(*) AS n FROM " + context.table() + " WHERE " + y
                + " IS NOT NULL AND " + x + " IS NOT NULL GROUP BY 1, 2";
        String totals = "SELECT y, SUM(n) AS total FROM counts GROUP BY y";
        String grid = "SELECT d.v, t.y, t.total, COALESCE(c.n, 0) AS n FROM (SELECT DISTINCT v FROM counts) d"
                + " CROSS JOIN totals t LEFT JOIN counts c ON c.v = d.v AND c.y = t.y";
        String cumulative = "SELECT v, y, total, SUM(n) OVER (PARTITION BY y ORDER BY v ROWS BETWEEN UNBOUNDED"
                + " PRECEDING AND CURRENT ROW) AS below FROM grid";
        String splits = "SELECT v, MAX(below) + MAX(total - below) AS correct FROM cumulative GROUP BY v";
        return "WITH counts AS (" + counts + "), totals AS (" + totals + "), grid AS (" + grid + "), cumulative AS ("
                + cumulative + "), splits AS (" + splits + ") SELECT COALESCE((SELECT MAX(correct) FROM splits), 0) + ("
                + majoritySql(context, x + " IS NULL") + ")";
    }

    private static long single(Statement statement, String sql) throws SQLException {
        try (ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }
}
