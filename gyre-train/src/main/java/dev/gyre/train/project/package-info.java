/**
 * The project file, {@code gyre.yaml}: what a modeling project predicts, from which data, split how, with which
 * model, tuning, targets, baselines and limits. Read it with {@link dev.gyre.train.project.ProjectFile} (every problem
 * reported at once, with its line), check it against the data's columns with
 * {@link dev.gyre.train.project.ProjectValidation}. The format is documented in {@code docs/project-file.md}.
 */
package dev.gyre.train.project;
