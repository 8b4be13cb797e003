/**
 * Hyper-parameter search: which candidate parameter sets to train ({@link dev.gyre.train.tune.RandomSearch},
 * {@link dev.gyre.train.tune.SuccessiveHalving}), drawn reproducibly by {@link dev.gyre.train.tune.ParameterSampler},
 * run in parallel under a trial and time budget by {@link dev.gyre.train.tune.Tuner}. The engine knows nothing of
 * stores or trainers: a {@link dev.gyre.train.tune.TrialRunner} trains and scores each trial (and records it as an
 * MLflow child run), so the search itself can be tested against any real objective.
 */
package dev.gyre.train.tune;
