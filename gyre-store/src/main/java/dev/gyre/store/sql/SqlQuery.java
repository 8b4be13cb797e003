package dev.gyre.store.sql;

import java.util.List;

/** A compiled statement: SQL text with {@code ?} placeholders and the values to bind, in order. */
record SqlQuery(String sql, List<Object> args) {}
