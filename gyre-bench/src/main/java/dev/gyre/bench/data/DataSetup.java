package dev.gyre.bench.data;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Prepares the inputs of {@code bench/data.sh} once, with DuckDB, into a work folder (files that exist are kept):
 *
 * <ul>
 *   <li>{@code flights-3m.csv}: the flights Parquet file as CSV, for pandas (no Parquet reader in Debian's pandas)
 *       and for a like-for-like Gyre run;
 *   <li>{@code flights-10m.csv}: 10,000,000 rows, the flights rows repeated with their dates shifted by 6, 12 and 18
 *       months per copy;
 *   <li>{@code delay-ref.f64}, {@code delay-cur.f64}: the {@code delay} column of rows 0–1M and 2M–3M as raw
 *       little-endian doubles, so that Gyre and scipy test exactly the same two arrays;
 *   <li>{@code lending-ref.csv}, {@code lending-cur.csv}: the first and second half of the Lending Club rows (23
 *       columns), the two datasets whose profiles are compared.
 * </ul>
 *
 * <p>Usage: {@code DataSetup WORK_DIR DATA_DIR}.
 */
public final class DataSetup {

    static final int DRIFT_ROWS = 1_000_000;
    static final long BIG_ROWS = 10_000_000;
    static final long FLIGHT_ROWS = 3_000_000;

    private DataSetup() {}

    public static void main(String[] args) throws SQLException, IOException {
        Path work = Path.of(args.length > 0 ? args[0] : "/tmp/gyre-data-bench");
        Path data = Path.of(args.length > 1 ? args[1] : "../shared/data");
        Files.createDirectories(work);
        String flights = sql(data.resolve("flights-3m.parquet"));
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            if (missing(work.resolve("flights-3m.csv"))) {
                s.execute("COPY (SELECT * FROM read_parquet(" + flights + ")) TO " + sql(work.resolve("flights-3m.csv"))
                        + " (HEADER)");
            }
            if (missing(work.resolve("flights-10m.csv"))) {
                // Copy k of the 3M rows has its dates shifted by 6k months; the last copy is cut at 10M rows.
                StringBuilder copies = new StringBuilder();
                for (int k = 0; k < 4; k++) {
                    copies.append(k == 0 ? "" : " UNION ALL ")
                            .append("(SELECT date + to_months(")
                            .append(6 * k)
                            .append(") AS date, delay, distance, origin, destination FROM read_parquet(")
                            .append(flights)
                            .append(k == 3 ? ") LIMIT " + (BIG_ROWS - 3 * FLIGHT_ROWS) + ")" : "))");
                }
                s.execute("COPY (" + copies + ") TO " + sql(work.resolve("flights-10m.csv")) + " (HEADER)");
            }
            if (missing(work.resolve("delay-ref.f64"))) {
                writeDoubles(s, flights, 0, work.resolve("delay-ref.f64"));
                writeDoubles(s, flights, 2L * DRIFT_ROWS, work.resolve("delay-cur.f64"));
            }
            if (missing(work.resolve("lending-ref.csv"))) {
                String lending = sql(data.resolve("modeldata_lending_club.csv"));
                s.execute("CREATE TABLE lending AS SELECT *, row_number() OVER () AS bench_row FROM read_csv(" + lending
                        + ")");
                s.execute("COPY (SELECT * EXCLUDE (bench_row) FROM lending WHERE bench_row <= (SELECT count(*) / 2"
                        + " FROM lending) ORDER BY bench_row) TO " + sql(work.resolve("lending-ref.csv"))
                        + " (HEADER)");
                s.execute("COPY (SELECT * EXCLUDE (bench_row) FROM lending WHERE bench_row > (SELECT count(*) / 2"
                        + " FROM lending) ORDER BY bench_row) TO " + sql(work.resolve("lending-cur.csv"))
                        + " (HEADER)");
            }
        }
        System.out.println("inputs ready in " + work);
    }

    private static boolean missing(Path file) {
        return !Files.isRegularFile(file);
    }

    /** Writes {@value #DRIFT_ROWS} values of {@code delay} from row {@code offset} on as little-endian doubles. */
    private static void writeDoubles(Statement s, String flights, long offset, Path target)
            throws SQLException, IOException {
        ByteBuffer buffer = ByteBuffer.allocate(DRIFT_ROWS * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        try (ResultSet rs = s.executeQuery("SELECT CAST(delay AS DOUBLE) FROM read_parquet(" + flights + ") LIMIT "
                + DRIFT_ROWS + " OFFSET " + offset)) {
            while (rs.next()) {
                buffer.putDouble(rs.getDouble(1));
            }
        }
        if (buffer.position() != buffer.capacity()) {
            throw new IllegalStateException("expected " + DRIFT_ROWS + " values, got " + buffer.position() / 8);
        }
        try (OutputStream out = Files.newOutputStream(target)) {
            out.write(buffer.array());
        }
    }

    static double[] readDoubles(Path file) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        double[] values = new double[buffer.remaining() / Double.BYTES];
        buffer.asDoubleBuffer().get(values);
        return values;
    }

    private static String sql(Path path) {
        return "'" + path.toAbsolutePath().toString().replace("'", "''") + "'";
    }
}
