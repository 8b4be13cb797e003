package dev.gyre.serve.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.gyre.serve.tensor.Datatype;
import dev.gyre.serve.tensor.TensorData;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Locale;

/**
 * A growable primitive array of one {@link Datatype}'s representation that appends JSON tokens or CSV cells after
 * checking them against the datatype, so that both codecs parse straight into the arrays a {@link TensorData} wraps
 * and share one set of element rules and messages. The append methods answer {@code null} when the value was taken
 * and otherwise the problem (e.g. {@code expected a number for datatype FP32, found "abc"}), which the caller prefixes
 * with the location; nothing is allocated on the happy path.
 */
final class ElementBuffer {

    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final float FP16_MAX = 65504f;

    private final Datatype type;
    private boolean[] bools;
    private int[] ints;
    private long[] longs;
    private float[] floats;
    private double[] doubles;
    private String[] texts;
    private int size;

    ElementBuffer(Datatype type, int capacity) {
        this.type = type;
        int initial = Math.max(capacity, 0);
        switch (type) {
            case BOOL -> bools = new boolean[initial];
            case INT8, INT16, INT32, UINT8, UINT16 -> ints = new int[initial];
            case INT64, UINT32, UINT64 -> longs = new long[initial];
            case FP16, FP32 -> floats = new float[initial];
            case FP64 -> doubles = new double[initial];
            case BYTES -> texts = new String[initial];
        }
    }

    Datatype type() {
        return type;
    }

    int size() {
        return size;
    }

    /** Appends the parser's current token. */
    String add(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        return switch (type) {
            case BOOL -> {
                if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
                    addBool(token == JsonToken.VALUE_TRUE);
                    yield null;
                }
                yield expected("a boolean", parser);
            }
            case FP64 -> {
                if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                    double value = parser.getDoubleValue();
                    if (Double.isInfinite(value)) {
                        yield outOfRange(parser.getText());
                    }
                    addDouble(value);
                    yield null;
                }
                yield addSpecialFloat(parser, token);
            }
            case FP32, FP16 -> {
                if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                    float value = parser.getFloatValue();
                    if (Float.isInfinite(value) || (type == Datatype.FP16 && Math.abs(value) > FP16_MAX)) {
                        yield outOfRange(parser.getText());
                    }
                    addFloat(value);
                    yield null;
                }
                yield addSpecialFloat(parser, token);
            }
            case BYTES -> {
                if (token == JsonToken.VALUE_STRING) {
                    addText(parser.getText());
                    yield null;
                }
                if (token == JsonToken.VALUE_NULL) {
                    addText(null);
                    yield null;
                }
                yield expected("a string", parser);
            }
            default -> addInteger(parser, token);
        };
    }

    /** Appends a CSV cell; {@code null} is a missing value. */
    String addCell(String cell) {
        if (cell == null) {
            return addMissing();
        }
        switch (type) {
            case BYTES -> {
                addText(cell);
                return null;
            }
            case BOOL -> {
                String trimmed = cell.trim();
                if (trimmed.equalsIgnoreCase("true")) {
                    addBool(true);
                    return null;
                }
                if (trimmed.equalsIgnoreCase("false")) {
                    addBool(false);
                    return null;
                }
                return "expected a boolean for datatype BOOL, found " + Json.quote(cell);
            }
            case FP64, FP32, FP16 -> {
                double value = parseCsvDouble(cell.trim());
                if (value != value && !isNaNText(cell.trim())) {
                    return "expected a number for datatype " + type + ", found " + Json.quote(cell);
                }
                if (Double.isInfinite(value) && !isInfinityText(cell.trim())
                        || type == Datatype.FP32 && Float.isInfinite((float) value) && !Double.isInfinite(value)
                        || type == Datatype.FP16 && Math.abs(value) > FP16_MAX && !Double.isInfinite(value)) {
                    return outOfRange(cell.trim());
                }
                if (type == Datatype.FP64) {
                    addDouble(value);
                } else {
                    addFloat((float) value);
                }
                return null;
            }
            default -> {
                BigDecimal value;
                try {
                    value = new BigDecimal(cell.trim());
                } catch (NumberFormatException e) {
                    return "expected an integer for datatype " + type + ", found " + Json.quote(cell);
                }
                return addIntegral(value, cell.trim());
            }
        }
    }

    /** Appends a missing value: NaN for floating point, null for text; booleans and integers have none. */
    String addMissing() {
        switch (type) {
            case FP64 -> addDouble(Double.NaN);
            case FP32, FP16 -> addFloat(Float.NaN);
            case BYTES -> addText(null);
            default -> {
                return "no value, and datatype " + type
                        + " has no missing value (only numbers and text can be missing)";
            }
        }
        return null;
    }

    /** The elements appended, in an array of exactly their number. */
    TensorData build() {
        return switch (type) {
            case BOOL -> new TensorData.Bools(bools.length == size ? bools : Arrays.copyOf(bools, size));
            case INT8, INT16, INT32, UINT8, UINT16 ->
                new TensorData.Ints(ints.length == size ? ints : Arrays.copyOf(ints, size));
            case INT64, UINT32, UINT64 ->
                new TensorData.Longs(longs.length == size ? longs : Arrays.copyOf(longs, size));
            case FP16, FP32 -> new TensorData.Floats(floats.length == size ? floats : Arrays.copyOf(floats, size));
            case FP64 -> new TensorData.Doubles(doubles.length == size ? doubles : Arrays.copyOf(doubles, size));
            case BYTES -> new TensorData.Texts(texts.length == size ? texts : Arrays.copyOf(texts, size));
        };
    }

    private String addSpecialFloat(JsonParser parser, JsonToken token) throws IOException {
        double value;
        if (token == JsonToken.VALUE_NULL) {
            value = Double.NaN;
        } else if (token == JsonToken.VALUE_STRING) {
            switch (parser.getText()) {
                case "NaN" -> value = Double.NaN;
                case "Infinity" -> value = Double.POSITIVE_INFINITY;
                case "-Infinity" -> value = Double.NEGATIVE_INFINITY;
                default -> {
                    return expected("a number", parser);
                }
            }
        } else {
            return expected("a number", parser);
        }
        if (type == Datatype.FP64) {
            addDouble(value);
        } else {
            addFloat((float) value);
        }
        return null;
    }

    private String addInteger(JsonParser parser, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NUMBER_INT) {
            JsonParser.NumberType numberType = parser.getNumberType();
            if (numberType == JsonParser.NumberType.INT) {
                return addLong(parser.getIntValue(), parser);
            }
            if (numberType == JsonParser.NumberType.LONG) {
                return addLong(parser.getLongValue(), parser);
            }
            return addIntegral(new BigDecimal(parser.getBigIntegerValue()), parser.getText());
        }
        if (token == JsonToken.VALUE_NUMBER_FLOAT) {
            return addIntegral(parser.getDecimalValue(), parser.getText());
        }
        return expected("an integer", parser);
    }

    private String addLong(long value, JsonParser parser) throws IOException {
        if (value < min() || value > max()) {
            return outOfRange(parser.getText());
        }
        putLong(value);
        return null;
    }

    private String addIntegral(BigDecimal value, String text) {
        if (value.signum() != 0 && value.stripTrailingZeros().scale() > 0) {
            return "expected an integer for datatype " + type + ", found " + text;
        }
        if (value.precision() - value.scale() > 21) {
            return outOfRange(text);
        }
        BigInteger integer = value.toBigInteger();
        if (type == Datatype.UINT64) {
            if (integer.signum() < 0 || integer.compareTo(UINT64_MAX) > 0) {
                return outOfRange(text);
            }
            putLong(integer.longValue());
            return null;
        }
        if (integer.bitLength() > 63 || integer.longValue() < min() || integer.longValue() > max()) {
            return outOfRange(text);
        }
        putLong(integer.longValue());
        return null;
    }

    private void putLong(long value) {
        switch (type) {
            case INT64, UINT32, UINT64 -> {
                if (size == longs.length) {
                    longs = Arrays.copyOf(longs, grow(size));
                }
                longs[size++] = value;
            }
            default -> {
                if (size == ints.length) {
                    ints = Arrays.copyOf(ints, grow(size));
                }
                ints[size++] = (int) value;
            }
        }
    }

    private long min() {
        return switch (type) {
            case INT8 -> Byte.MIN_VALUE;
            case INT16 -> Short.MIN_VALUE;
            case INT32 -> Integer.MIN_VALUE;
            case INT64 -> Long.MIN_VALUE;
            default -> 0;
        };
    }

    private long max() {
        return switch (type) {
            case INT8 -> Byte.MAX_VALUE;
            case INT16 -> Short.MAX_VALUE;
            case INT32 -> Integer.MAX_VALUE;
            case UINT8 -> 255;
            case UINT16 -> 65535;
            case UINT32 -> 4294967295L;
            default -> Long.MAX_VALUE;
        };
    }

    private String range() {
        return switch (type) {
            case UINT64 -> "0 to 18446744073709551615";
            case FP16 -> "-65504 to 65504";
            case FP32 -> "about -3.4e38 to 3.4e38";
            case FP64 -> "about -1.8e308 to 1.8e308";
            default -> min() + " to " + max();
        };
    }

    private String outOfRange(String text) {
        return text + " is out of range for datatype " + type + " (" + range() + ")";
    }

    private String expected(String what, JsonParser parser) throws IOException {
        return "expected " + what + " for datatype " + type + ", found " + Json.describe(parser);
    }

    private void addBool(boolean value) {
        if (size == bools.length) {
            bools = Arrays.copyOf(bools, grow(size));
        }
        bools[size++] = value;
    }

    private void addDouble(double value) {
        if (size == doubles.length) {
            doubles = Arrays.copyOf(doubles, grow(size));
        }
        doubles[size++] = value;
    }

    private void addFloat(float value) {
        if (size == floats.length) {
            floats = Arrays.copyOf(floats, grow(size));
        }
        floats[size++] = value;
    }

    private void addText(String value) {
        if (size == texts.length) {
            texts = Arrays.copyOf(texts, grow(size));
        }
        texts[size++] = value;
    }

    private static int grow(int size) {
        return Math.max(16, size + (size >> 1));
    }

    /** A CSV number, or NaN when the text is not one (plain decimal notation, nan and inf spelled as pandas does). */
    private static double parseCsvDouble(String text) {
        if (isNaNText(text)) {
            return Double.NaN;
        }
        if (isInfinityText(text)) {
            return text.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (text.isEmpty()) {
            return Double.NaN;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) {
                return Double.NaN;
            }
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static boolean isNaNText(String text) {
        return text.equalsIgnoreCase("nan");
    }

    private static boolean isInfinityText(String text) {
        String unsigned = text.startsWith("-") || text.startsWith("+") ? text.substring(1) : text;
        String lower = unsigned.toLowerCase(Locale.ROOT);
        return lower.equals("inf") || lower.equals("infinity");
    }
}
