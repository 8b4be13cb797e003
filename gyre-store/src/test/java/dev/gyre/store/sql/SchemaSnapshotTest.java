package dev.gyre.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gyre.store.MetadataStores;
import dev.gyre.store.TestDatabases;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * After migration, the tables and columns (types normalised across the two databases) on H2 and on PostgreSQL
 * equal the committed {@code db/schema-snapshot.txt}. A changed migration must update the snapshot in the same
 * commit: the actual schema is written to {@code target/schema-snapshot.actual.txt} to copy from.
 */
class SchemaSnapshotTest {

    @Test
    void h2SchemaMatchesTheSnapshot() throws Exception {
        String uri = TestDatabases.h2Memory();
        try (MetadataStores stores = SqlMetadataStores.open(uri, "mlflow-artifacts:/")) {
            assertThat(stores.tracking().isHealthy()).isTrue();
            BackendUri b = BackendUri.parse(uri);
            try (Connection c = DriverManager.getConnection(b.jdbcUrl(), b.user(), b.password())) {
                assertMatchesSnapshot(describe(c), "h2");
            }
        }
    }

    @Test
    void postgresSchemaMatchesTheSnapshot() throws Exception {
        try (TestDatabases.PostgresDatabase db = TestDatabases.freshPostgres()) {
            try (MetadataStores stores = SqlMetadataStores.open(db.uri(), "mlflow-artifacts:/")) {
                assertThat(stores.tracking().isHealthy()).isTrue();
                BackendUri b = BackendUri.parse(db.uri());
                try (Connection c = DriverManager.getConnection(b.jdbcUrl(), b.user(), b.password())) {
                    assertMatchesSnapshot(describe(c), "postgresql");
                }
            }
        }
    }

    private static void assertMatchesSnapshot(String actual, String database) throws IOException {
        Path out = Path.of("target", "schema-snapshot." + database + ".actual.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, actual);
        String expected;
        try (InputStream in = Objects.requireNonNull(
                SchemaSnapshotTest.class.getResourceAsStream("/db/schema-snapshot.txt"),
                "db/schema-snapshot.txt is missing")) {
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(actual)
                .as("schema on %s (actual written to %s)", database, out)
                .isEqualTo(expected);
    }

    /** One line per column: {@code table.column TYPE [NOT NULL]}, tables by name, columns in table order. */
    static String describe(Connection c) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = md.getTables(null, "public", "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                if (!name.equals("flyway_schema_history")) {
                    tables.add(name);
                }
            }
        }
        tables.sort(null);
        StringBuilder sb = new StringBuilder();
        for (String table : tables) {
            try (ResultSet rs = md.getColumns(null, "public", table, "%")) {
                while (rs.next()) {
                    sb.append(table)
                            .append('.')
                            .append(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT))
                            .append(' ')
                            .append(type(rs.getInt("DATA_TYPE"), rs.getString("TYPE_NAME"), rs.getLong("COLUMN_SIZE")))
                            .append(rs.getInt("NULLABLE") == DatabaseMetaData.columnNoNulls ? " NOT NULL" : "")
                            .append('\n');
                }
            }
        }
        return sb.toString();
    }

    private static String type(int jdbcType, String typeName, long size) {
        return switch (jdbcType) {
            case Types.VARCHAR, Types.LONGVARCHAR, Types.CLOB ->
                size >= 1_000_000_000L || jdbcType == Types.CLOB ? "TEXT" : "VARCHAR(" + size + ")";
            case Types.BIGINT -> "BIGINT";
            case Types.DOUBLE, Types.FLOAT -> "DOUBLE PRECISION";
            case Types.BOOLEAN, Types.BIT -> "BOOLEAN";
            default -> typeName.toUpperCase(Locale.ROOT);
        };
    }
}
