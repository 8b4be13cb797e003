package dev.gyre.store.sql;

/** The two databases the schema and queries are written for. Queries are portable; this only drives set-up. */
enum Dialect {
    H2,
    POSTGRESQL
}
