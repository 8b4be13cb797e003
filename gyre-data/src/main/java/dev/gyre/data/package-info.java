/**
 * The data stage of the lifecycle: read datasets with DuckDB, profile them into mergeable sketches, compare
 * profiles for drift and skew, and check data quality. Depends only on {@code gyre-core}; the server and the CLI
 * wire it to the stores.
 */
package dev.gyre.data;
