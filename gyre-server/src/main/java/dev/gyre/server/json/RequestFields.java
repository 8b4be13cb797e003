package dev.gyre.server.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gyre.core.error.GyreException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Typed, validating access to the fields of one request (a JSON body, or a query string turned into the same
 * shape), with MLflow's rules and wording: a required field that is absent, null or {@code ""} is "missing";
 * int64 fields accept JSON numbers or decimal strings (the Java client sends {@code "step": "0"}); doubles accept
 * {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}; lists accept a single value (a query parameter given
 * once). Unknown fields are refused by {@link #allowOnly}, naming the field.
 */
public final class RequestFields {

    private static final String API_DOCS_HINT = " See the API docs for more information about request parameters.";
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private final ObjectNode node;
    private final String prefix;

    private RequestFields(ObjectNode node, String prefix) {
        this.node = node;
        this.prefix = prefix;
    }

    public static RequestFields of(ObjectNode node) {
        return new RequestFields(node, "");
    }

    /** Refuses any field not in {@code allowed}, naming the first unknown one. */
    public RequestFields allowOnly(Set<String> allowed) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw GyreException.invalid("Invalid request: unknown parameter '" + prefix + printable(name)
                        + "'. Supported parameters are: "
                        + String.join(", ", allowed.stream().sorted().toList())
                        + ".");
            }
        }
        return this;
    }

    public boolean has(String name) {
        JsonNode value = node.get(name);
        return value != null && !value.isNull();
    }

    // ---- strings

    public String requiredString(String name) {
        String value = optionalString(name);
        if (value == null || value.isEmpty()) {
            throw missing(name);
        }
        return value;
    }

    /** The string, or null when absent. */
    public String optionalString(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw wrongType(name, value, "a string");
        }
        return value.textValue();
    }

    public String stringOr(String name, String fallback) {
        String value = optionalString(name);
        return value == null ? fallback : value;
    }

    /** {@code run_id}, or the deprecated {@code run_uuid} that older clients (and the Java client) still send. */
    public String requiredRunId() {
        String runId = optionalString("run_id");
        if (runId == null || runId.isEmpty()) {
            runId = optionalString("run_uuid");
        }
        if (runId == null || runId.isEmpty()) {
            throw missing("run_id");
        }
        return runId;
    }

    // ---- numbers

    public long requiredInt64(String name) {
        Long value = optionalInt64(name);
        if (value == null) {
            throw missing(name);
        }
        return value;
    }

    public Long optionalInt64(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isIntegralNumber()) {
            BigInteger big = value.bigIntegerValue();
            if (big.compareTo(LONG_MIN) < 0 || big.compareTo(LONG_MAX) > 0) {
                throw wrongType(name, value, "a 64-bit integer");
            }
            return value.longValue();
        }
        if (value.isFloatingPointNumber()) {
            double d = value.doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 0x1p63) {
                return (long) d;
            }
            throw wrongType(name, value, "a 64-bit integer");
        }
        if (value.isTextual()) {
            try {
                return Long.parseLong(value.textValue().trim());
            } catch (NumberFormatException e) {
                throw wrongType(name, value, "a 64-bit integer");
            }
        }
        throw wrongType(name, value, "a 64-bit integer");
    }

    public int int32Or(String name, int fallback) {
        Long value = optionalInt64(name);
        if (value == null) {
            return fallback;
        }
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw wrongType(name, node.get(name), "a 32-bit integer");
        }
        return value.intValue();
    }

    public double requiredDouble(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw missing(name);
        }
        if (value.isNumber()) {
            return value.doubleValue();
        }
        if (value.isTextual()) {
            String text = value.textValue().trim();
            switch (text) {
                case "NaN" -> {
                    return Double.NaN;
                }
                case "Infinity", "inf" -> {
                    return Double.POSITIVE_INFINITY;
                }
                case "-Infinity", "-inf" -> {
                    return Double.NEGATIVE_INFINITY;
                }
                default -> {
                    try {
                        if (!text.isEmpty() && Character.isLetter(text.charAt(text.length() - 1))) {
                            throw new NumberFormatException(); // refuse Java-only suffixes such as 1d, 2f
                        }
                        return Double.parseDouble(text);
                    } catch (NumberFormatException e) {
                        throw wrongType(name, value, "a double");
                    }
                }
            }
        }
        throw wrongType(name, value, "a double");
    }

    // ---- booleans

    public Boolean optionalBool(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isTextual()) {
            switch (value.textValue().toLowerCase(Locale.ROOT)) {
                case "true" -> {
                    return true;
                }
                case "false" -> {
                    return false;
                }
                default -> {}
            }
        }
        throw wrongType(name, value, "a boolean");
    }

    public boolean requiredBool(String name) {
        Boolean value = optionalBool(name);
        if (value == null) {
            throw missing(name);
        }
        return value;
    }

    // ---- lists

    /** A list of strings; empty when absent. A single string counts as a one-element list. */
    public List<String> stringList(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (value.isTextual()) {
            return List.of(value.textValue());
        }
        if (!value.isArray()) {
            throw wrongType(name, value, "an array of strings");
        }
        List<String> out = new ArrayList<>(value.size());
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw wrongType(name, value, "an array of strings");
            }
            out.add(item.textValue());
        }
        return out;
    }

    /** A list of objects, each with its own field reader (prefixed {@code name[i].} in messages). */
    public List<RequestFields> objectList(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!(value instanceof ArrayNode array)) {
            throw wrongType(name, value, "an array of objects");
        }
        List<RequestFields> out = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonNode item = array.get(i);
            if (!(item instanceof ObjectNode object)) {
                throw wrongType(name + "[" + i + "]", item, "an object");
            }
            out.add(new RequestFields(object, prefix + name + "[" + i + "]."));
        }
        return out;
    }

    /** A nested object; null when absent. */
    public RequestFields optionalObject(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!(value instanceof ObjectNode object)) {
            throw wrongType(name, value, "an object");
        }
        return new RequestFields(object, prefix + name + ".");
    }

    public RequestFields requiredObject(String name) {
        RequestFields value = optionalObject(name);
        if (value == null) {
            throw missing(name);
        }
        return value;
    }

    /** The raw value of a field, for fields whose type varies (e.g. a proto enum as name or number). */
    public JsonNode raw(String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : value;
    }

    // ---- errors

    /** MLflow's wording for an absent required field. */
    public GyreException missing(String name) {
        return GyreException.invalid("Missing value for required parameter '" + prefix + name + "'." + API_DOCS_HINT);
    }

    /** An invalid value, naming the field and what was expected. */
    public GyreException wrongType(String name, JsonNode value, String expected) {
        String shown = value.toString();
        if (shown.length() > 200) {
            shown = shown.substring(0, 200) + "…";
        }
        return GyreException.invalid("Invalid value " + printable(shown) + " for parameter '" + prefix + name
                + "' supplied: expected " + expected + ", got " + JsonCodec.kind(value) + "." + API_DOCS_HINT);
    }

    private static String printable(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length() && i < 250; i++) {
            char c = s.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return out.toString();
    }
}
