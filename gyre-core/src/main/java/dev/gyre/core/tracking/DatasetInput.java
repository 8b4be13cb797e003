package dev.gyre.core.tracking;

import java.util.List;

/** A dataset used by a run, with tags such as {@code mlflow.data.context=training}. */
public record DatasetInput(Dataset dataset, List<Tag> tags) {
    public DatasetInput {
        tags = List.copyOf(tags);
    }
}
