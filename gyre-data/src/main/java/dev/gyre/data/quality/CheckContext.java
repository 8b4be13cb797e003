package dev.gyre.data.quality;

import java.sql.Connection;
import java.util.List;

/**
 * What every check needs: the open connection, the table to scan (the reader's table expression, a SQL {@code FROM}
 * item), the label and feature columns, the config and the row counts.
 *
 * @param rows all rows
 * @param labeledRows rows whose label is not NULL
 */
record CheckContext(
        Connection connection,
        String table,
        Column label,
        List<Column> features,
        QualityConfig config,
        long rows,
        long labeledRows) {

    CheckContext {
        features = List.copyOf(features);
    }

    List<String> featureNames() {
        return features.stream().map(Column::name).toList();
    }

    String quotedLabel() {
        return Sql.quote(label.name());
    }
}
