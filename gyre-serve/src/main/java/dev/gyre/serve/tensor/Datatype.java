package dev.gyre.serve.tensor;

import java.util.Locale;

/**
 * The tensor element types of the Open Inference Protocol (v2), by their wire names. Each maps to one {@link
 * TensorData} representation: integers up to 32 bits (and the unsigned 8/16-bit ones) as {@code int}, 64-bit and
 * unsigned 32/64-bit integers as {@code long}, {@code FP16} and {@code FP32} as {@code float}, {@code FP64} as
 * {@code double}, {@code BYTES} as UTF-8 text.
 */
public enum Datatype {
    BOOL,
    UINT8,
    UINT16,
    UINT32,
    UINT64,
    INT8,
    INT16,
    INT32,
    INT64,
    FP16,
    FP32,
    FP64,
    BYTES;

    /** The name on the wire, e.g. {@code FP32}. */
    public String wireName() {
        return name();
    }

    /** Whether elements are numbers (every type but {@code BOOL} and {@code BYTES}). */
    public boolean numeric() {
        return this != BOOL && this != BYTES;
    }

    /** Whether elements are floating point. */
    public boolean floating() {
        return this == FP16 || this == FP32 || this == FP64;
    }

    /** The type with this wire name (case-sensitive, as the protocol spells it); {@code null} when there is none. */
    public static Datatype ofWireName(String name) {
        if (name == null) {
            return null;
        }
        for (Datatype type : values()) {
            if (type.name().equals(name)) {
                return type;
            }
        }
        return null;
    }

    /** The wire names, for error messages. */
    public static String wireNames() {
        StringBuilder names = new StringBuilder();
        for (Datatype type : values()) {
            names.append(names.isEmpty() ? "" : ", ").append(type.name());
        }
        return names.toString().toUpperCase(Locale.ROOT);
    }
}
