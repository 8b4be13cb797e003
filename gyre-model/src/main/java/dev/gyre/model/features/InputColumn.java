package dev.gyre.model.features;

import dev.gyre.model.frame.ValueKind;
import java.util.Objects;

/** One column a fitted pipeline needs at serving time: together they are the model signature's inputs. */
public record InputColumn(String name, ValueKind kind) {
    public InputColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
    }
}
