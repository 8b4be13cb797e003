package dev.gyre.cli.predict;

import dev.gyre.core.error.GyreException;
import dev.gyre.data.read.DatasetColumn;
import dev.gyre.data.read.GyreType;
import dev.gyre.model.frame.ValueKind;
import dev.gyre.model.pack.Signature;
import dev.gyre.serve.runtime.ModelMetadata;
import dev.gyre.serve.runtime.ModelRuntime;
import dev.gyre.serve.runtime.PackageRuntime;
import dev.gyre.serve.tensor.Datatype;
import dev.gyre.serve.tensor.Tensor;
import dev.gyre.serve.tensor.TensorData;
import dev.gyre.serve.tensor.TensorSpec;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How the columns of an input file become a model's input tensors, decided once from the file's columns and the
 * model's {@link ModelMetadata}, before anything is scored or written:
 *
 * <ul>
 *   <li>a model whose inputs are all 1-D ({@code [-1]}: a Gyre package's raw columns, an ONNX graph of named
 *       columns) takes each input from the file column of the same name; columns the model does not take are
 *       carried to the output untouched, and a missing one is an error naming every missing column and the model's
 *       inputs;
 *   <li>a model of one matrix input ({@code [-1, F]}: a bare XGBoost model, most ONNX graphs) takes every column of
 *       the file, in file order, as its features, so the file must hold exactly the {@code F} feature columns.
 * </ul>
 *
 * <p>Values are converted to the declared datatype here, where each row's number in the file is known, so that a
 * value the model cannot take fails naming its row (counted from 1, the header not counted) and column: text that
 * is no number for a numeric input, a fraction or a missing value for an integer or boolean input, text that is no
 * timestamp for a package's timestamp column, a missing value where the model takes none. The tensors then go
 * through the server's own {@code InputValidator} and {@link ModelRuntime#infer}, so batch and online scoring agree.
 */
final class InputPlan {

    /** Where one input tensor's values come from. */
    private record Binding(TensorSpec spec, int[] columns, ValueKind kind) {}

    private final String inputName;
    private final List<DatasetColumn> columns;
    private final List<Binding> bindings;
    private final boolean[] used;

    private InputPlan(String inputName, List<DatasetColumn> columns, List<Binding> bindings) {
        this.inputName = inputName;
        this.columns = columns;
        this.bindings = bindings;
        this.used = new boolean[columns.size()];
        for (Binding binding : bindings) {
            for (int column : binding.columns()) {
                used[column] = true;
            }
        }
    }

    /**
     * The plan for scoring a file of {@code columns} with {@code runtime}; a {@link GyreException} naming what does
     * not fit otherwise.
     *
     * @param inputName the input file, for messages
     * @param modelName the model, for messages
     */
    static InputPlan of(String inputName, String modelName, List<DatasetColumn> columns, ModelRuntime runtime) {
        ModelMetadata metadata = runtime.metadata();
        Map<String, ValueKind> kinds = new HashMap<>();
        if (runtime instanceof PackageRuntime packaged) {
            for (Signature.Field field :
                    packaged.modelPackage().manifest().signature().inputs()) {
                kinds.put(field.name(), field.kind());
            }
        }
        String cannot = inputName + " cannot be scored by " + modelName + ": ";
        List<TensorSpec> inputs = metadata.inputs();
        if (inputs.isEmpty()) {
            throw GyreException.invalid(cannot + "the model declares no inputs");
        }
        if (inputs.stream().allMatch(spec -> spec.shape().length == 1)) {
            return named(inputName, cannot, columns, inputs, kinds);
        }
        if (inputs.size() == 1 && inputs.getFirst().shape().length == 2) {
            return matrix(inputName, cannot, columns, inputs.getFirst());
        }
        throw GyreException.invalid(cannot + "batch scoring reads a table, so it takes models whose inputs are"
                + " columns ([-1]) or one feature matrix ([-1, features]), but this model takes "
                + inputs.stream().map(TensorSpec::toString).collect(Collectors.joining(", ")));
    }

    private static InputPlan named(
            String inputName,
            String cannot,
            List<DatasetColumn> columns,
            List<TensorSpec> inputs,
            Map<String, ValueKind> kinds) {
        Map<String, Integer> byName = new HashMap<>();
        for (int c = 0; c < columns.size(); c++) {
            byName.putIfAbsent(columns.get(c).name(), c);
        }
        List<Binding> bindings = new ArrayList<>(inputs.size());
        List<String> missing = new ArrayList<>();
        for (TensorSpec spec : inputs) {
            Integer column = byName.get(spec.name());
            if (column == null) {
                missing.add("'" + spec.name() + "' (" + describe(spec, kinds) + ")");
            } else {
                bindings.add(new Binding(spec, new int[] {column}, kinds.get(spec.name())));
            }
        }
        if (!missing.isEmpty()) {
            throw GyreException.invalid(cannot + "missing " + (missing.size() == 1 ? "column " : "columns ")
                    + String.join(", ", missing) + "; the model takes " + inputs.size() + " input"
                    + (inputs.size() == 1 ? "" : "s") + ": "
                    + inputs.stream()
                            .map(spec -> spec.name() + " (" + describe(spec, kinds) + ")")
                            .collect(Collectors.joining(", ")));
        }
        return new InputPlan(inputName, columns, bindings);
    }

    private static InputPlan matrix(String inputName, String cannot, List<DatasetColumn> columns, TensorSpec spec) {
        long features = spec.shape()[1];
        if (features >= 0 && features != columns.size()) {
            throw GyreException.invalid(cannot + "the model takes one feature matrix, input '" + spec.name() + "' "
                    + spec.datatype() + " " + spec.shapeText() + ", so the file must hold exactly its " + features
                    + " feature columns in the model's order, but it has " + columns.size() + " columns");
        }
        if (columns.isEmpty()) {
            throw GyreException.invalid(cannot + "the file has no columns");
        }
        int[] all = new int[columns.size()];
        for (int c = 0; c < all.length; c++) {
            all[c] = c;
        }
        return new InputPlan(inputName, columns, List.of(new Binding(spec, all, null)));
    }

    private static String describe(TensorSpec spec, Map<String, ValueKind> kinds) {
        ValueKind kind = kinds.get(spec.name());
        return kind != null ? kind.name().toLowerCase(Locale.ROOT) : spec.datatype() + " " + spec.shapeText();
    }

    /** Which file columns the model reads. */
    boolean[] usedColumns() {
        return used.clone();
    }

    /** Which file columns are text (the rest arrive as doubles). */
    boolean[] textColumns() {
        boolean[] text = new boolean[columns.size()];
        for (int c = 0; c < text.length; c++) {
            text[c] = columns.get(c).type() == GyreType.STRING;
        }
        return text;
    }

    /**
     * Rows {@code [from, to)} of {@code chunk} as the model's inputs, in declaration order and of the declared
     * datatypes (or one the validator converts to them); a {@link GyreException} naming the first bad row.
     */
    List<Tensor> tensors(Chunk chunk, int from, int to) {
        List<Tensor> tensors = new ArrayList<>(bindings.size());
        int rows = to - from;
        for (Binding binding : bindings) {
            int width = binding.columns().length;
            boolean matrix = binding.spec().shape().length == 2;
            long[] shape = matrix ? new long[] {rows, width} : new long[] {rows};
            Cells cells = new Cells(chunk, from, binding);
            TensorData data = cells.data(rows * width);
            Datatype datatype = datatypeOf(data, binding.spec().datatype());
            tensors.add(Tensor.of(binding.spec().name(), datatype, shape, data));
        }
        return tensors;
    }

    /** The datatype of converted data: the declared one, except floating-point data built as doubles. */
    private static Datatype datatypeOf(TensorData data, Datatype declared) {
        return data instanceof TensorData.Doubles ? Datatype.FP64 : declared;
    }

    /**
     * A timestamp written as text: an ISO-8601 date ({@code 2024-01-31}, midnight UTC), date and time with an offset
     * ({@code 2024-01-31T12:00:00Z}, {@code 2024-01-31 12:00:00+01:00}) or without one (UTC); null for anything else.
     */
    static Instant parseInstant(String text) {
        try {
            if (text.length() <= 10) {
                return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            String iso = text.charAt(10) == ' ' ? text.substring(0, 10) + 'T' + text.substring(11) : text;
            char last = iso.charAt(iso.length() - 1);
            boolean offset = last == 'Z' || last == 'z' || iso.lastIndexOf('+') > 10 || iso.lastIndexOf('-') > 10;
            return offset
                    ? OffsetDateTime.parse(iso.replace('z', 'Z')).toInstant()
                    : LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Reads the cells of one binding, element by element in row-major order, converting and checking them. */
    private final class Cells {
        private final Chunk chunk;
        private final int from;
        private final Binding binding;
        private final int width;

        Cells(Chunk chunk, int from, Binding binding) {
            this.chunk = chunk;
            this.from = from;
            this.binding = binding;
            this.width = binding.columns().length;
        }

        TensorData data(int elements) {
            Datatype type = binding.spec().datatype();
            boolean missingAllowed = binding.spec().missingAllowed();
            return switch (type) {
                case FP64, FP32, FP16 -> {
                    double[] values = new double[elements];
                    for (int i = 0; i < elements; i++) {
                        values[i] = number(i);
                        if (!missingAllowed && Double.isNaN(values[i])) {
                            throw missingValue(i);
                        }
                    }
                    yield new TensorData.Doubles(values);
                }
                case INT64, UINT32, UINT64 -> {
                    long[] values = new long[elements];
                    for (int i = 0; i < elements; i++) {
                        values[i] = integer(i, type);
                    }
                    yield new TensorData.Longs(values);
                }
                case INT8, INT16, INT32, UINT8, UINT16 -> {
                    int[] values = new int[elements];
                    for (int i = 0; i < elements; i++) {
                        values[i] = (int) integer(i, type);
                    }
                    yield new TensorData.Ints(values);
                }
                case BOOL -> {
                    boolean[] values = new boolean[elements];
                    for (int i = 0; i < elements; i++) {
                        values[i] = bool(i);
                    }
                    yield new TensorData.Bools(values);
                }
                case BYTES -> {
                    String[] values = new String[elements];
                    for (int i = 0; i < elements; i++) {
                        values[i] = binding.kind() == ValueKind.TIMESTAMP ? timestamp(i) : text(i);
                        if (!missingAllowed && values[i] == null) {
                            throw missingValue(i);
                        }
                    }
                    yield new TensorData.Texts(values);
                }
            };
        }

        private int column(int element) {
            return binding.columns()[element % width];
        }

        private int row(int element) {
            return from + element / width;
        }

        private boolean missing(int element) {
            int column = column(element);
            int row = row(element);
            if (chunk.values()[column] instanceof String[] texts) {
                return texts[row] == null || texts[row].isBlank();
            }
            return chunk.missing()[column][row];
        }

        private double number(int element) {
            if (missing(element)) {
                return Double.NaN;
            }
            int column = column(element);
            int row = row(element);
            if (chunk.values()[column] instanceof String[] texts) {
                String text = texts[row].strip();
                try {
                    return Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw bad(element, "'" + text + "' is not a number");
                }
            }
            return ((double[]) chunk.values()[column])[row];
        }

        private long integer(int element, Datatype type) {
            if (missing(element)) {
                throw bad(
                        element,
                        "has no value, and input '" + binding.spec().name() + "' (" + type
                                + ") cannot take a missing one");
            }
            double value = number(element);
            if (value != Math.rint(value) || Double.isInfinite(value)) {
                throw bad(
                        element,
                        value(element) + " is not a whole number, which input '"
                                + binding.spec().name() + "' (" + type + ") takes");
            }
            boolean inRange =
                    switch (type) {
                        case INT8 -> value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE;
                        case INT16 -> value >= Short.MIN_VALUE && value <= Short.MAX_VALUE;
                        case INT32 -> value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE;
                        case UINT8 -> value >= 0 && value <= 255;
                        case UINT16 -> value >= 0 && value <= 65_535;
                        case UINT32 -> value >= 0 && value <= 4_294_967_295.0;
                        case UINT64 -> value >= 0 && value < 0x1p64;
                        default -> value >= -0x1p63 && value < 0x1p63;
                    };
            if (!inRange) {
                throw bad(
                        element,
                        value(element) + " is out of the range of input '"
                                + binding.spec().name() + "' (" + type + ")");
            }
            // UINT64 travels as the unsigned bits of a long
            return value >= 0x1p63 ? (long) (value - 0x1p63) + Long.MIN_VALUE : (long) value;
        }

        private boolean bool(int element) {
            if (missing(element)) {
                throw bad(
                        element,
                        "has no value, and input '" + binding.spec().name() + "' (BOOL) cannot take a missing one");
            }
            int column = column(element);
            int row = row(element);
            if (chunk.values()[column] instanceof String[] texts) {
                return switch (texts[row].strip().toLowerCase(Locale.ROOT)) {
                    case "true", "t", "1" -> true;
                    case "false", "f", "0" -> false;
                    default -> throw bad(element, "'" + texts[row].strip() + "' is not a boolean (true or false)");
                };
            }
            double value = ((double[]) chunk.values()[column])[row];
            if (value == 1) {
                return true;
            }
            if (value == 0) {
                return false;
            }
            throw bad(element, value(element) + " is not a boolean (true/false or 1/0)");
        }

        /** A timestamp as the ISO-8601 instant a package's timestamp input takes; null when missing. */
        private String timestamp(int element) {
            if (missing(element)) {
                return null;
            }
            int column = column(element);
            int row = row(element);
            if (chunk.values()[column] instanceof String[] texts) {
                String text = texts[row].strip();
                Instant instant = parseInstant(text);
                if (instant == null) {
                    throw bad(element, "'" + text + "' is not a timestamp such as 2024-01-31T12:00:00Z");
                }
                return instant.toString();
            }
            double millis = ((double[]) chunk.values()[column])[row];
            if (columns.get(column).type() != GyreType.TIMESTAMP) {
                throw bad(
                        element,
                        "is a number (" + value(element) + "), but input '"
                                + binding.spec().name() + "' is a timestamp");
            }
            return Instant.ofEpochMilli(Math.round(millis)).toString();
        }

        /** A value as text, for a text input: text as it is, numbers, booleans and timestamps as written. */
        private String text(int element) {
            int column = column(element);
            int row = row(element);
            if (chunk.values()[column] instanceof String[] texts) {
                return texts[row];
            }
            if (chunk.missing()[column][row]) {
                return null;
            }
            return value(element);
        }

        /** A non-missing value as a user reads it in the file. */
        private String value(int element) {
            int column = column(element);
            int row = row(element);
            if (chunk.values()[column] instanceof String[] texts) {
                return "'" + texts[row].strip() + "'";
            }
            double value = ((double[]) chunk.values()[column])[row];
            return switch (columns.get(column).type()) {
                case BOOLEAN -> value == 1 ? "true" : "false";
                case TIMESTAMP -> Instant.ofEpochMilli(Math.round(value)).toString();
                default ->
                    value == Math.rint(value) && Math.abs(value) < 1e15
                            ? Long.toString((long) value)
                            : Double.toString(value);
            };
        }

        private GyreException missingValue(int element) {
            return bad(
                    element,
                    "has no value, which this model does not accept (input '"
                            + binding.spec().name() + "' " + binding.spec().datatype() + " "
                            + binding.spec().shapeText() + ")");
        }

        private GyreException bad(int element, String problem) {
            long fileRow = chunk.firstRow() + row(element) + 1;
            return GyreException.invalid(inputName + " row " + fileRow + ": column '"
                    + columns.get(column(element)).name() + "' " + problem);
        }
    }
}
