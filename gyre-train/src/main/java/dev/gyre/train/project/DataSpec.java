package dev.gyre.train.project;

import java.util.Objects;
import java.util.Optional;

/**
 * The data of a project. Without a separate test set the training data is split three ways ({@link SplitSpec});
 * with one, the training data is split into train and validation only and the test set stays untouched until the
 * final evaluation — the realistic set-up when the test data is a later, separately collected period.
 *
 * @param train the data that is split and trained on
 * @param test a separate test set, if any
 */
public record DataSpec(DataSource train, Optional<DataSource> test) {

    public DataSpec {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
    }
}
