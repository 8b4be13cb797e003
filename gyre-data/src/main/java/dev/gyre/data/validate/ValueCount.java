package dev.gyre.data.validate;

/** An example offending value and how many rows hold it; evidence for people fixing the data. */
public record ValueCount(String value, long count) {}
