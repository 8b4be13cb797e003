package dev.gyre.core.registry;

/** Registration status of a model version, as in MLflow. */
public enum ModelVersionStatus {
    PENDING_REGISTRATION,
    FAILED_REGISTRATION,
    READY
}
