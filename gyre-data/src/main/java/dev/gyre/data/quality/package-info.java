/**
 * Data-quality checks that answer "is the data labeled consistently?" before anyone trains on it: label conflicts,
 * duplicate rows, class balance, constant features and leakage candidates. Every check is SQL run by an in-process
 * DuckDB over the file itself, and returns typed {@link dev.gyre.data.quality.Finding findings} with a severity and
 * the evidence behind it. Start at {@link dev.gyre.data.quality.QualityChecks}.
 */
package dev.gyre.data.quality;
