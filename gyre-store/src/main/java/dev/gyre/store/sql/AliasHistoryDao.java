package dev.gyre.store.sql;

import dev.gyre.core.registry.AliasChange;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * SQL for {@code registered_model_aliases} writes and the {@code registered_model_alias_history} they leave: every
 * alias write goes through here, so that no alias changes without its history row in the same transaction.
 * Callers lock the model's row first, which makes "read the previous version, write the new one" atomic.
 */
final class AliasHistoryDao {

    private static final String COLUMNS = "name, alias, version, previous_version, actor, reason, change_time";

    /** The version {@code alias} points at now, if it exists. */
    Optional<Long> current(Connection c, String name, String alias) throws SQLException {
        return Sql.queryOne(
                c,
                "SELECT version FROM registered_model_aliases WHERE name = ? AND alias = ?",
                rs -> rs.getLong(1),
                name,
                alias);
    }

    /** Points {@code alias} at {@code version} (which must exist) and records the change. */
    AliasChange set(Connection c, String name, String alias, long version, String actor, String reason, long now)
            throws SQLException {
        Long previous = current(c, name, alias).orElse(null);
        if (previous == null) {
            Sql.update(
                    c,
                    "INSERT INTO registered_model_aliases (name, alias, version) VALUES (?, ?, ?)",
                    name,
                    alias,
                    version);
        } else {
            Sql.update(
                    c,
                    "UPDATE registered_model_aliases SET version = ? WHERE name = ? AND alias = ?",
                    version,
                    name,
                    alias);
        }
        return record(c, new AliasChange(name, alias, version, previous, actor, reason, now));
    }

    /** Removes {@code alias} and records the removal; empty (and nothing recorded) when there was no such alias. */
    Optional<AliasChange> remove(Connection c, String name, String alias, String reason, long now) throws SQLException {
        Optional<Long> previous = current(c, name, alias);
        if (previous.isEmpty()) {
            return Optional.empty();
        }
        Sql.update(c, "DELETE FROM registered_model_aliases WHERE name = ? AND alias = ?", name, alias);
        return Optional.of(record(c, new AliasChange(name, alias, null, previous.get(), null, reason, now)));
    }

    /** Removes, with their history rows, the aliases pointing at a version that is about to be deleted. */
    void removeAllPointingAt(Connection c, String name, long version, long now) throws SQLException {
        List<String> aliases = Sql.query(
                c,
                "SELECT alias FROM registered_model_aliases WHERE name = ? AND version = ? ORDER BY alias",
                rs -> rs.getString(1),
                name,
                version);
        for (String alias : aliases) {
            remove(c, name, alias, "model version " + version + " was deleted", now);
        }
    }

    /** Changes newest first: one alias, or every alias of the model when {@code alias} is null. */
    List<AliasChange> search(Connection c, String name, String alias, int limit, long offset) throws SQLException {
        List<Object> args = new ArrayList<>(List.of(name));
        StringBuilder sql =
                new StringBuilder("SELECT " + COLUMNS + " FROM registered_model_alias_history WHERE name = ?");
        if (alias != null) {
            sql.append(" AND alias = ?");
            args.add(alias);
        }
        sql.append(" ORDER BY change_time DESC, change_id DESC LIMIT ? OFFSET ?");
        args.add(limit);
        args.add(offset);
        return Sql.query(c, sql.toString(), AliasHistoryDao::row, args);
    }

    private static AliasChange record(Connection c, AliasChange change) throws SQLException {
        Sql.update(
                c,
                "INSERT INTO registered_model_alias_history (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)",
                change.name(),
                change.alias(),
                Sql.nullableLong(change.version()),
                Sql.nullableLong(change.previousVersion()),
                Sql.nullableText(change.actor()),
                Sql.nullableText(change.reason()),
                change.timestamp());
        return change;
    }

    private static AliasChange row(ResultSet rs) throws SQLException {
        return new AliasChange(
                rs.getString("name"),
                rs.getString("alias"),
                Sql.getLong(rs, "version"),
                Sql.getLong(rs, "previous_version"),
                rs.getString("actor"),
                rs.getString("reason"),
                rs.getLong("change_time"));
    }
}
