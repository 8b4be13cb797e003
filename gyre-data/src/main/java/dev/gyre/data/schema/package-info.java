/**
 * Dataset schemas: the expected columns, types, presence, domains, ranges and Great-Expectations-style
 * expectations, kept in a versioned, human-edited YAML or JSON file ({@code format: gyre.schema/v1}). Infer a first
 * one from a profile with {@link dev.gyre.data.schema.SchemaInference}, read and write files with
 * {@link dev.gyre.data.schema.SchemaFiles}, validate data with {@link dev.gyre.data.validate.DatasetValidator}.
 */
package dev.gyre.data.schema;
