/**
 * Train / validation / test splits as row indexes: random (seeded, stratified for classification) or by time.
 * {@link dev.gyre.train.split.Splitter} is the entry point.
 */
package dev.gyre.train.split;
