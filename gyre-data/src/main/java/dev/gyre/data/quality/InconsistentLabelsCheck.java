package dev.gyre.data.quality;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Finds feature vectors that occur with more than one label. Method: group the labeled rows by (features, label),
 * then group those by the features alone and keep groups with two or more labels. {@code GROUP BY} treats NULLs as
 * equal, and the example rows are matched back with {@code IS NOT DISTINCT FROM}, so a NULL feature matches a NULL.
 * Rows with a NULL label are left out. Severity: ERROR when the conflicting rows reach {@link
 * QualityConfig#conflictErrorFraction()} of the labeled rows, WARNING below, INFO when there are none.
 */
final class InconsistentLabelsCheck implements QualityCheck {

    private static final String LABEL = Sql.quote("__gyre_label");
    private static final String ROWS = Sql.quote("__gyre_rows");
    private static final String RANK = Sql.quote("__gyre_rank");

    @Override
    public List<Finding> run(CheckContext context) throws SQLException {
        List<String> features = context.featureNames();
        String groups = groupsSql(context);
        String conflicts = "SELECT " + Sql.quoteAll(features) + ", SUM(" + ROWS + ") AS " + ROWS + " FROM g GROUP BY "
                + Sql.quoteAll(features) + " HAVING COUNT(*) > 1";
        long groupCount;
        long rows;
        try (Statement statement = context.connection().createStatement();
                ResultSet result = statement.executeQuery("WITH g AS (" + groups + "), c AS (" + conflicts
                        + ") SELECT COUNT(*), COALESCE(SUM(" + ROWS + "), 0) FROM c")) {
            result.next();
            groupCount = result.getLong(1);
            rows = result.getLong(2);
        }
        double fraction = Percent.fraction(rows, context.labeledRows());
        Severity severity = groupCount == 0
                ? Severity.INFO
                : fraction >= context.config().conflictErrorFraction() ? Severity.ERROR : Severity.WARNING;
        List<ConflictGroup> examples =
                groupCount == 0 || context.config().examples() == 0 ? List.of() : examples(context, groups);
        return List.of(new LabelConflicts(severity, groupCount, rows, fraction, examples));
    }

    private static String groupsSql(CheckContext context) {
        return "SELECT " + Sql.quoteAll(context.featureNames()) + ", " + context.quotedLabel() + " AS " + LABEL
                + ", COUNT(*) AS " + ROWS + " FROM " + context.table() + " WHERE " + context.quotedLabel()
                + " IS NOT NULL GROUP BY ALL";
    }

    private static List<ConflictGroup> examples(CheckContext context, String groups) throws SQLException {
        List<String> features = context.featureNames();
        String ranked = "SELECT " + Sql.quoteAll(features) + ", ROW_NUMBER() OVER (ORDER BY SUM(" + ROWS + ") DESC, "
                + Sql.quoteAll(features) + ") AS " + RANK + " FROM g GROUP BY " + Sql.quoteAll(features)
                + " HAVING COUNT(*) > 1";
        String matches = features.stream()
                .map(f -> "g." + Sql.quote(f) + " IS NOT DISTINCT FROM top." + Sql.quote(f))
                .collect(Collectors.joining(" AND "));
        String sql = "WITH g AS (" + groups + "), r AS (" + ranked + "), top AS (SELECT * FROM r WHERE " + RANK
                + " <= ?) SELECT top." + RANK + ", CAST(g." + LABEL + " AS VARCHAR), g." + ROWS + ", "
                + Sql.qualifyAll("g", features) + " FROM g JOIN top ON " + matches + " ORDER BY top." + RANK
                + ", g." + ROWS + " DESC, 2";
        Map<Long, ConflictGroupBuilder> byRank = new LinkedHashMap<>();
        try (PreparedStatement statement = context.connection().prepareStatement(sql)) {
            statement.setInt(1, context.config().examples());
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    ConflictGroupBuilder group = byRank.get(result.getLong(1));
                    if (group == null) {
                        Map<String, Object> values = new LinkedHashMap<>();
                        for (int i = 0; i < features.size(); i++) {
                            values.put(features.get(i), Values.read(result, i + 4));
                        }
                        group = new ConflictGroupBuilder(values);
                        byRank.put(result.getLong(1), group);
                    }
                    group.labelCounts.put(result.getString(2), result.getLong(3));
                }
            }
        }
        List<ConflictGroup> examples = new ArrayList<>();
        byRank.values().forEach(b -> examples.add(b.build()));
        return examples;
    }

    /** Collects one example group's label counts while its rows stream in. */
    private static final class ConflictGroupBuilder {
        private final Map<String, Object> features;
        private final Map<String, Long> labelCounts = new LinkedHashMap<>();

        ConflictGroupBuilder(Map<String, Object> features) {
            this.features = features;
        }

        ConflictGroup build() {
            long rows = labelCounts.values().stream().mapToLong(Long::longValue).sum();
            return new ConflictGroup(features, labelCounts, rows);
        }
    }
}
