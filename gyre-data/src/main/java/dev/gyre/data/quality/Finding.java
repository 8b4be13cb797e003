package dev.gyre.data.quality;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One result of one check, with the evidence behind it. The JSON form names the check in a {@code "check"} field,
 * so consumers can switch on it the way Java code switches on the record type.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "check")
@JsonSubTypes({
    @JsonSubTypes.Type(value = LabelConflicts.class, name = "label_conflicts"),
    @JsonSubTypes.Type(value = DuplicateRows.class, name = "duplicate_rows"),
    @JsonSubTypes.Type(value = ClassBalance.class, name = "class_balance"),
    @JsonSubTypes.Type(value = ConstantFeature.class, name = "constant_feature"),
    @JsonSubTypes.Type(value = NearConstantFeature.class, name = "near_constant_feature"),
    @JsonSubTypes.Type(value = LeakageCandidate.class, name = "leakage_candidate"),
    @JsonSubTypes.Type(value = IdLikeColumn.class, name = "id_like_column")
})
@JsonPropertyOrder({"severity", "summary"})
public sealed interface Finding
        permits LabelConflicts,
                DuplicateRows,
                ClassBalance,
                ConstantFeature,
                NearConstantFeature,
                LeakageCandidate,
                IdLikeColumn {

    Severity severity();

    /** One line for people, e.g. {@code "12 feature vectors carry more than one label (40 rows, 0.87%)"}. */
    @JsonProperty("summary")
    String summary();

    /**
     * The column the finding is about, or {@code null} when it concerns rows or the label (conflicts, duplicates,
     * class balance). Findings about one column carry it as their {@code column} component.
     */
    default String column() {
        return null;
    }
}
