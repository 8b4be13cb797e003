package dev.gyre.model.pack;

import dev.gyre.model.frame.ValueKind;
import java.util.List;
import java.util.Objects;

/**
 * What a packaged model takes and gives, in MLflow's column-based signature terms, so a server can validate a
 * request before scoring it and MLflow's UI can show the schema. Inputs are the raw columns the feature pipeline
 * reads (not the encoded features); outputs are what a prediction returns per row.
 *
 * @param inputs the input columns, in the pipeline's order
 * @param outputs the output columns: {@code probability} (binary), one {@code probability(<class>)} per class
 *     (multiclass) followed by {@code label} for classification, {@code prediction} (regression)
 */
public record Signature(List<Field> inputs, List<Field> outputs) {

    public Signature {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /**
     * One column of a signature.
     *
     * @param name the column name
     * @param kind its value kind
     * @param required whether a request must carry it (a value may still be missing, i.e. null/NaN)
     */
    public record Field(String name, ValueKind kind, boolean required) {
        public Field {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(kind, "kind");
        }

        /** MLflow's name for the kind in a column-based schema. */
        public String mlflowType() {
            return switch (kind) {
                case NUMERIC -> "double";
                case BOOLEAN -> "boolean";
                case TIMESTAMP -> "datetime";
                case STRING -> "string";
            };
        }
    }
}
