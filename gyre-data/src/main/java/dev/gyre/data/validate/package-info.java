/**
 * Validation of a dataset or a profile against a {@link dev.gyre.data.schema.Schema} and optional baselines
 * (previous span: drift; training data: skew), TFDV-style: typed {@link dev.gyre.data.validate.Anomaly anomalies}
 * with a severity and evidence, and a report that passes when none is an error. Start at
 * {@link dev.gyre.data.validate.DatasetValidator}.
 */
package dev.gyre.data.validate;
