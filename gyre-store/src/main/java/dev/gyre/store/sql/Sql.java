package dev.gyre.store.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Small JDBC helpers: parameter binding (with typed NULLs, which PostgreSQL needs) and row mapping. */
final class Sql {
    private Sql() {}

    /** Maps the current row of a result set. */
    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** A NULL bound with its SQL type, so that PostgreSQL knows the parameter's type. */
    record TypedNull(int sqlType) {}

    static final TypedNull NULL_BIGINT = new TypedNull(Types.BIGINT);
    static final TypedNull NULL_VARCHAR = new TypedNull(Types.VARCHAR);

    static Object nullableLong(Long v) {
        return v == null ? NULL_BIGINT : v;
    }

    static Object nullableText(String v) {
        return v == null ? NULL_VARCHAR : v;
    }

    static void bind(PreparedStatement ps, List<?> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            bindOne(ps, i + 1, args.get(i));
        }
    }

    static void bindOne(PreparedStatement ps, int index, Object arg) throws SQLException {
        switch (arg) {
            case null -> ps.setNull(index, Types.VARCHAR);
            case TypedNull n -> ps.setNull(index, n.sqlType());
            case String s -> ps.setString(index, s);
            case Long l -> ps.setLong(index, l);
            case Integer n -> ps.setLong(index, n);
            case Double d -> ps.setDouble(index, d);
            case Boolean b -> ps.setBoolean(index, b);
            default -> ps.setObject(index, arg);
        }
    }

    static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, List.of(nullSafe(args)));
            return ps.executeUpdate();
        }
    }

    static <T> List<T> query(Connection c, String sql, RowMapper<T> mapper, Object... args) throws SQLException {
        return query(c, sql, mapper, List.of(nullSafe(args)));
    }

    static <T> List<T> query(Connection c, String sql, RowMapper<T> mapper, List<?> args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
                return out;
            }
        }
    }

    static <T> Optional<T> queryOne(Connection c, String sql, RowMapper<T> mapper, Object... args) throws SQLException {
        List<T> rows = query(c, sql, mapper, args);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.getFirst());
    }

    /** A nullable BIGINT column. */
    static Long getLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    /** {@code ?, ?, ?} for an IN list of {@code n} parameters. */
    static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    /** Splits a list for IN clauses, keeping each statement well under PostgreSQL's parameter limit. */
    static <T> List<List<T>> chunks(List<T> items, int size) {
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i += size) {
            out.add(items.subList(i, Math.min(items.size(), i + size)));
        }
        return out;
    }

    static boolean isUniqueViolation(SQLException e) {
        for (SQLException s = e; s != null; s = s.getNextException()) {
            if ("23505".equals(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    // List.of rejects null elements; varargs may carry nulls meant as untyped NULLs.
    private static Object[] nullSafe(Object[] args) {
        Object[] copy = args.clone();
        for (int i = 0; i < copy.length; i++) {
            if (copy[i] == null) {
                copy[i] = NULL_VARCHAR;
            }
        }
        return copy;
    }
}
