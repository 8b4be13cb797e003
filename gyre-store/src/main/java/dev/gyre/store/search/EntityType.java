package dev.gyre.store.search;

/** What a filter or order-by identifier refers to: {@code metrics.x}, {@code params.x}, {@code tags.x}, … */
public enum EntityType {
    METRIC("metric"),
    PARAM("parameter"),
    TAG("tag"),
    ATTRIBUTE("attribute"),
    DATASET("dataset");

    private final String mlflowName;

    EntityType(String mlflowName) {
        this.mlflowName = mlflowName;
    }

    /** The name MLflow's messages use ({@code parameter}, not {@code param}). */
    public String mlflowName() {
        return mlflowName;
    }
}
