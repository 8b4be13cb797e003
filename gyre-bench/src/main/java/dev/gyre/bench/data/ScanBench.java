package dev.gyre.bench.data;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The floor under any DuckDB-based profile: one DuckDB pass over every column of a file ({@code sum(hash(c))} of each
 * column, so each value is read and, for a CSV, parsed, without a shortcut through Parquet statistics), on one in-memory connection with DuckDB's default threads. A
 * profile that makes {@code k} passes over a CSV cannot be faster than {@code k} times this. One warm-up pass, then
 * the median of {@code ROUNDS}.
 *
 * <p>Usage: {@code ScanBench FILE [ROUNDS=3]}.
 */
public final class ScanBench {

    private ScanBench() {}

    public static void main(String[] args) throws SQLException {
        Path file = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String path = "'" + file.toAbsolutePath().toString().replace("'", "''") + "'";
        String table = file.toString().endsWith(".parquet") ? "read_parquet(" + path + ")" : "read_csv(" + path + ")";
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            StringBuilder counts = new StringBuilder();
            try (ResultSet rs = s.executeQuery("DESCRIBE SELECT * FROM " + table)) {
                while (rs.next()) {
                    counts.append(counts.isEmpty() ? "" : ", ")
                            .append("sum(hash(\"")
                            .append(rs.getString(1).replace("\"", "\"\""))
                            .append("\"))");
                }
            }
            String sql = "SELECT count(*), " + counts + " FROM " + table;
            long rows = 0;
            double[] times = new double[rounds];
            for (int i = -1; i < rounds; i++) {
                long start = System.nanoTime();
                try (ResultSet rs = s.executeQuery(sql)) {
                    rs.next();
                    rows = rs.getLong(1);
                }
                if (i >= 0) {
                    times[i] = (System.nanoTime() - start) / 1e6;
                }
            }
            String threads;
            try (ResultSet rs = s.executeQuery("SELECT current_setting('threads')")) {
                rs.next();
                threads = rs.getString(1);
            }
            BenchResults.result(
                    "bench",
                    "duckdb_scan",
                    "file",
                    file.getFileName(),
                    "rows",
                    rows,
                    "rounds",
                    rounds,
                    "duckdb_threads",
                    threads,
                    "median_ms",
                    BenchResults.ms(BenchResults.median(times)));
        }
    }
}
