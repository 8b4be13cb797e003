package dev.gyre.serve.tensor;

import java.util.Arrays;
import java.util.List;

/**
 * The flat, row-major elements of a tensor, in one primitive array per representation so that scoring never boxes.
 * Arrays are shared, not copied: whoever builds a {@code TensorData} hands its array over and does not change it
 * afterwards (records over arrays compare by identity, which is what the batcher needs).
 */
public sealed interface TensorData {

    /** Number of elements. */
    int length();

    /** Elements {@code [from, to)} as a new array of the same representation. */
    TensorData slice(int from, int to);

    /** The element at {@code index} as a double (booleans as 1/0); {@code UnsupportedOperationException} for text. */
    double doubleAt(int index);

    /** Booleans ({@code BOOL}). */
    record Bools(boolean[] values) implements TensorData {
        @Override
        public int length() {
            return values.length;
        }

        @Override
        public TensorData slice(int from, int to) {
            return new Bools(Arrays.copyOfRange(values, from, to));
        }

        @Override
        public double doubleAt(int index) {
            return values[index] ? 1 : 0;
        }
    }

    /** Integers of up to 32 bits ({@code INT8}, {@code INT16}, {@code INT32}, {@code UINT8}, {@code UINT16}). */
    record Ints(int[] values) implements TensorData {
        @Override
        public int length() {
            return values.length;
        }

        @Override
        public TensorData slice(int from, int to) {
            return new Ints(Arrays.copyOfRange(values, from, to));
        }

        @Override
        public double doubleAt(int index) {
            return values[index];
        }
    }

    /** 64-bit integers ({@code INT64}, {@code UINT32}, {@code UINT64}; the last as unsigned bits). */
    record Longs(long[] values) implements TensorData {
        @Override
        public int length() {
            return values.length;
        }

        @Override
        public TensorData slice(int from, int to) {
            return new Longs(Arrays.copyOfRange(values, from, to));
        }

        @Override
        public double doubleAt(int index) {
            return values[index];
        }
    }

    /** Single-precision floats ({@code FP32}, {@code FP16}). */
    record Floats(float[] values) implements TensorData {
        @Override
        public int length() {
            return values.length;
        }

        @Override
        public TensorData slice(int from, int to) {
            return new Floats(Arrays.copyOfRange(values, from, to));
        }

        @Override
        public double doubleAt(int index) {
            return values[index];
        }
    }

    /** Double-precision floats ({@code FP64}). */
    record Doubles(double[] values) implements TensorData {
        @Override
        public int length() {
            return values.length;
        }

        @Override
        public TensorData slice(int from, int to) {
            return new Doubles(Arrays.copyOfRange(values, from, to));
        }

        @Override
        public double doubleAt(int index) {
            return values[index];
        }
    }

    /** Text ({@code BYTES}, UTF-8); an element may be {@code null} for a missing value. */
    record Texts(String[] values) implements TensorData {
        @Override
        public int length() {
            return values.length;
        }

        @Override
        public TensorData slice(int from, int to) {
            return new Texts(Arrays.copyOfRange(values, from, to));
        }

        @Override
        public double doubleAt(int index) {
            throw new UnsupportedOperationException("text elements have no numeric value");
        }
    }

    /** The parts one after the other; all must share one representation (the batcher only joins alike tensors). */
    static TensorData concat(List<TensorData> parts) {
        if (parts.size() == 1) {
            return parts.getFirst();
        }
        int total = 0;
        for (TensorData part : parts) {
            total += part.length();
        }
        TensorData first = parts.getFirst();
        Object target =
                switch (first) {
                    case Bools b -> new boolean[total];
                    case Ints i -> new int[total];
                    case Longs l -> new long[total];
                    case Floats f -> new float[total];
                    case Doubles d -> new double[total];
                    case Texts t -> new String[total];
                };
        int offset = 0;
        for (TensorData part : parts) {
            if (part.getClass() != first.getClass()) {
                throw new IllegalArgumentException(
                        "cannot join " + first.getClass().getSimpleName() + " and "
                                + part.getClass().getSimpleName() + " elements");
            }
            System.arraycopy(array(part), 0, target, offset, part.length());
            offset += part.length();
        }
        return switch (first) {
            case Bools b -> new Bools((boolean[]) target);
            case Ints i -> new Ints((int[]) target);
            case Longs l -> new Longs((long[]) target);
            case Floats f -> new Floats((float[]) target);
            case Doubles d -> new Doubles((double[]) target);
            case Texts t -> new Texts((String[]) target);
        };
    }

    private static Object array(TensorData data) {
        return switch (data) {
            case Bools b -> b.values();
            case Ints i -> i.values();
            case Longs l -> l.values();
            case Floats f -> f.values();
            case Doubles d -> d.values();
            case Texts t -> t.values();
        };
    }
}
