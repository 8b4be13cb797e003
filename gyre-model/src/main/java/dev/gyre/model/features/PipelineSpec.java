package dev.gyre.model.features;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The declarative, unfitted feature pipeline of a project: the {@code pipeline:} section of its project file. It
 * holds no statistics, so the same spec fitted on the same data always gives the same {@link FittedPipeline}.
 *
 * <p>Columns that no step names get the automatic treatment, which is also the whole of {@link #auto()}:
 *
 * <ul>
 *   <li>numeric and boolean (already 0/1) columns pass through unchanged; missing values stay {@code NaN},
 *       because XGBoost learns where missing values go and imputing would hide that a value was missing (write an
 *       {@code impute} step for models that cannot take {@code NaN});
 *   <li>string columns are one-hot encoded when training has at most {@value #AUTO_ONEHOT_MAX_CATEGORIES}
 *       categories, else frequency encoded;
 *   <li>timestamp columns become their {@link PipelineStep.DateParts#DEFAULT_PARTS date parts}.
 * </ul>
 *
 * A column named by a step gets only what its steps say; {@code drop} removes a column altogether.
 *
 * @param steps the steps in the order written (empty for {@link #auto()})
 */
public record PipelineSpec(List<PipelineStep> steps) {

    /** Up to this many training categories, the automatic rule one-hot encodes a string column. */
    public static final int AUTO_ONEHOT_MAX_CATEGORIES = 20;

    public PipelineSpec {
        steps = List.copyOf(steps);
    }

    /** The automatic pipeline: every column gets the default treatment described above. */
    public static PipelineSpec auto() {
        return new PipelineSpec(List.of());
    }

    /** Whether this spec has no steps, so every column gets the automatic treatment. */
    public boolean isAuto() {
        return steps.isEmpty();
    }

    /**
     * The spec written under {@code pipeline:}: absent ({@code null}, missing or null node) or the string {@code
     * auto} for {@link #auto()}, else a list of one-key objects {@code {transform: {options}}}. Throws {@code
     * GyreException.invalid} with a message naming the step (1-based) and the key at fault.
     */
    public static PipelineSpec fromTree(JsonNode tree) {
        return PipelineSpecReader.read(tree);
    }
}
