package dev.gyre.core.tracking;

/** A key/value tag on an experiment, run, dataset input, registered model or model version. */
public record Tag(String key, String value) {}
