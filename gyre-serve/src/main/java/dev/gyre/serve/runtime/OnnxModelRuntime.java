package dev.gyre.serve.runtime;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.gyre.core.error.ErrorCode;
import dev.gyre.core.error.GyreException;
import dev.gyre.serve.tensor.Datatype;
import dev.gyre.serve.tensor.Tensor;
import dev.gyre.serve.tensor.TensorData;
import dev.gyre.serve.tensor.TensorSpec;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * An ONNX model (exported from PyTorch, scikit-learn, TensorFlow, …) served through ONNX Runtime, so that models
 * from any framework that exports ONNX are served without that framework. The model's own tensor inputs and outputs
 * are the served ones, with the batch as their first dimension; no value may be missing (NaN), since ONNX graphs
 * seldom handle it. Outputs that are not tensors, such as the {@code ZipMap} of class probabilities that
 * scikit-learn classifiers add, are left out and never computed.
 *
 * <p>One ONNX Runtime session serves all requests at once (its {@code run} is thread-safe), with one inter-op thread
 * and as many intra-op threads as asked for: one for online serving, where the request threads already use the
 * cores. Every native tensor and result is closed as soon as its values are copied out, because the Java heap does
 * not see their memory; closing the runtime waits for runs in flight.
 */
public final class OnnxModelRuntime implements ModelRuntime {

    /** The {@link ModelMetadata#platform()} of ONNX models, as Triton and KServe call it. */
    public static final String PLATFORM = "onnxruntime_onnx";

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final ModelMetadata metadata;
    private final Set<String> outputNames;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;

    private OnnxModelRuntime(OrtEnvironment environment, OrtSession session) throws OrtException {
        this.environment = environment;
        this.session = session;
        List<TensorSpec> inputs = new ArrayList<>();
        for (NodeInfo node : session.getInputInfo().values()) {
            if (!(node.getInfo() instanceof TensorInfo info)) {
                throw GyreException.invalid("the ONNX model's input '" + node.getName() + "' is not a tensor but "
                        + node.getInfo() + "; only tensor inputs can be served");
            }
            long[] shape = shape(info);
            if (shape.length == 0) {
                throw GyreException.invalid("the ONNX model's input '" + node.getName()
                        + "' is a scalar; every input needs the batch (rows) as its first dimension");
            }
            inputs.add(new TensorSpec(node.getName(), datatype("input", node.getName(), info), shape, false));
        }
        List<TensorSpec> outputs = new ArrayList<>();
        for (NodeInfo node : session.getOutputInfo().values()) {
            if (node.getInfo() instanceof TensorInfo info) {
                outputs.add(
                        new TensorSpec(node.getName(), datatype("output", node.getName(), info), shape(info), false));
            }
        }
        if (outputs.isEmpty()) {
            throw GyreException.invalid("the ONNX model has no tensor output (its outputs are "
                    + session.getOutputNames() + "); only tensor outputs can be served");
        }
        this.outputNames = Set.copyOf(outputs.stream().map(TensorSpec::name).toList());
        this.metadata = new ModelMetadata(PLATFORM, inputs, outputs, false);
    }

    /**
     * Loads a model from its bytes, scoring each request on {@code intraOpThreads} threads (1 for online serving; 0
     * for ONNX Runtime's default, one per core); {@code GyreException} (invalid parameter) if the bytes are no ONNX
     * model or the model cannot be served.
     */
    public static OnnxModelRuntime load(byte[] model, int intraOpThreads) {
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        return open(environment, intraOpThreads, options -> environment.createSession(model, options));
    }

    /**
     * Loads a model from its file, which ONNX Runtime reads itself (so that weights kept beside it as external data
     * are found); otherwise as {@link #load(byte[], int)}.
     */
    public static OnnxModelRuntime load(Path model, int intraOpThreads) {
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        return open(environment, intraOpThreads, options -> environment.createSession(model.toString(), options));
    }

    private interface SessionFactory {
        OrtSession create(OrtSession.SessionOptions options) throws OrtException;
    }

    private static OnnxModelRuntime open(OrtEnvironment environment, int intraOpThreads, SessionFactory factory) {
        if (intraOpThreads < 0) {
            throw new IllegalArgumentException("intraOpThreads must be 0 (the default) or more: " + intraOpThreads);
        }
        OrtSession session;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(intraOpThreads);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            session = factory.create(options);
        } catch (OrtException e) {
            String problem = e.getCode() == OrtException.OrtErrorCode.ORT_NO_SUCHFILE
                    ? "the ONNX model file cannot be read: "
                    : "the file is not an ONNX model: ";
            throw new GyreException(ErrorCode.INVALID_PARAMETER_VALUE, problem + summary(e), e);
        } catch (RuntimeException e) {
            throw new GyreException(
                    ErrorCode.INVALID_PARAMETER_VALUE, "the file is not an ONNX model: " + summary(e), e);
        }
        try {
            return new OnnxModelRuntime(environment, session);
        } catch (OrtException | RuntimeException e) {
            closeQuietly(session, e);
            if (e instanceof GyreException gyre) {
                throw gyre;
            }
            throw new GyreException(
                    ErrorCode.INVALID_PARAMETER_VALUE, "the ONNX model cannot be served: " + summary(e), e);
        }
    }

    @Override
    public ModelMetadata metadata() {
        return metadata;
    }

    @Override
    public List<Tensor> infer(List<Tensor> inputs) {
        List<TensorSpec> specs = metadata.inputs();
        if (inputs.size() != specs.size()) {
            throw GyreException.invalid("the ONNX model takes " + specs.size() + " inputs, not " + inputs.size());
        }
        Map<String, OnnxTensor> feed = new LinkedHashMap<>();
        lock.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("the ONNX model is closed");
            }
            for (int i = 0; i < specs.size(); i++) {
                TensorSpec spec = specs.get(i);
                feed.put(spec.name(), onnxTensor(spec, inputs.get(i)));
            }
            try (OrtSession.Result result = session.run(feed, outputNames)) {
                List<Tensor> outputs = new ArrayList<>(metadata.outputs().size());
                for (TensorSpec spec : metadata.outputs()) {
                    OnnxValue value = result.get(spec.name())
                            .orElseThrow(() ->
                                    new IllegalStateException("ONNX Runtime gave no output '" + spec.name() + "'"));
                    outputs.add(tensor(spec.name(), (OnnxTensor) value));
                }
                return outputs;
            }
        } catch (OrtException e) {
            if (e.getCode() == OrtException.OrtErrorCode.ORT_INVALID_ARGUMENT) {
                throw new GyreException(
                        ErrorCode.INVALID_PARAMETER_VALUE,
                        "the ONNX model cannot score these inputs: " + summary(e),
                        e);
            }
            throw new GyreException(ErrorCode.INTERNAL_ERROR, "ONNX Runtime failed to score: " + summary(e), e);
        } finally {
            feed.values().forEach(OnnxTensor::close);
            lock.readLock().unlock();
        }
    }

    /** The input as a native tensor of its declared type; the caller closes it. */
    private OnnxTensor onnxTensor(TensorSpec spec, Tensor input) throws OrtException {
        long[] shape = input.shape();
        TensorData data = input.data();
        if (Tensor.elementCount(shape) != data.length()) {
            throw GyreException.invalid("input '" + spec.name() + "' has " + data.length() + " values but its shape "
                    + Arrays.toString(shape) + " needs " + Tensor.elementCount(shape));
        }
        Datatype datatype = spec.datatype();
        return switch (data) {
            case TensorData.Floats f
            when datatype == Datatype.FP32 -> OnnxTensor.createTensor(environment, FloatBuffer.wrap(f.values()), shape);
            case TensorData.Doubles d
            when datatype == Datatype.FP64 ->
                OnnxTensor.createTensor(environment, DoubleBuffer.wrap(d.values()), shape);
            case TensorData.Longs l
            when datatype == Datatype.INT64 -> OnnxTensor.createTensor(environment, LongBuffer.wrap(l.values()), shape);
            case TensorData.Ints i
            when datatype == Datatype.INT32 -> OnnxTensor.createTensor(environment, IntBuffer.wrap(i.values()), shape);
            case TensorData.Ints i
            when datatype == Datatype.INT16 -> {
                short[] values = new short[i.values().length];
                for (int k = 0; k < values.length; k++) {
                    values[k] = (short) inRange(spec, input, k, Short.MIN_VALUE, Short.MAX_VALUE);
                }
                yield OnnxTensor.createTensor(environment, ShortBuffer.wrap(values), shape, OnnxJavaType.INT16);
            }
            case TensorData.Ints i
            when datatype == Datatype.INT8 || datatype == Datatype.UINT8 -> {
                boolean signed = datatype == Datatype.INT8;
                byte[] values = new byte[i.values().length];
                for (int k = 0; k < values.length; k++) {
                    values[k] = (byte)
                            (signed
                                    ? inRange(spec, input, k, Byte.MIN_VALUE, Byte.MAX_VALUE)
                                    : inRange(spec, input, k, 0, 255));
                }
                yield OnnxTensor.createTensor(
                        environment, ByteBuffer.wrap(values), shape, signed ? OnnxJavaType.INT8 : OnnxJavaType.UINT8);
            }
            case TensorData.Bools b
            when datatype == Datatype.BOOL -> {
                byte[] values = new byte[b.values().length];
                for (int k = 0; k < values.length; k++) {
                    values[k] = (byte) (b.values()[k] ? 1 : 0);
                }
                yield OnnxTensor.createTensor(environment, ByteBuffer.wrap(values), shape, OnnxJavaType.BOOL);
            }
            case TensorData.Texts t
            when datatype == Datatype.BYTES -> {
                for (int k = 0; k < t.values().length; k++) {
                    if (t.values()[k] == null) {
                        throw GyreException.invalid("input '" + spec.name() + "' has a missing value (null) in row "
                                + k / Math.max(input.rowWidth(), 1) + ", which this model does not accept");
                    }
                }
                yield OnnxTensor.createTensor(environment, t.values(), shape);
            }
            default ->
                throw GyreException.invalid("input '" + spec.name() + "' has datatype " + input.datatype()
                        + " but the model takes " + datatype);
        };
    }

    private static int inRange(TensorSpec spec, Tensor input, int index, int min, int max) {
        int value = ((TensorData.Ints) input.data()).values()[index];
        if (value < min || value > max) {
            throw GyreException.invalid("input '" + spec.name() + "' row " + index / Math.max(input.rowWidth(), 1)
                    + ": " + value + " does not fit " + spec.datatype() + " [" + min + ", " + max + "]");
        }
        return value;
    }

    /** The output's values copied out of native memory, flat and row-major. */
    private static Tensor tensor(String name, OnnxTensor value) throws OrtException {
        TensorInfo info = value.getInfo();
        long[] shape = info.getShape();
        Datatype datatype = datatype("output", name, info);
        TensorData data =
                switch (info.type) {
                    case FLOAT -> {
                        FloatBuffer buffer = value.getFloatBuffer();
                        float[] values = new float[buffer.remaining()];
                        buffer.get(values);
                        yield new TensorData.Floats(values);
                    }
                    case DOUBLE -> {
                        DoubleBuffer buffer = value.getDoubleBuffer();
                        double[] values = new double[buffer.remaining()];
                        buffer.get(values);
                        yield new TensorData.Doubles(values);
                    }
                    case INT64 -> {
                        LongBuffer buffer = value.getLongBuffer();
                        long[] values = new long[buffer.remaining()];
                        buffer.get(values);
                        yield new TensorData.Longs(values);
                    }
                    case INT32 -> {
                        IntBuffer buffer = value.getIntBuffer();
                        int[] values = new int[buffer.remaining()];
                        buffer.get(values);
                        yield new TensorData.Ints(values);
                    }
                    case INT16 -> {
                        ShortBuffer buffer = value.getShortBuffer();
                        int[] values = new int[buffer.remaining()];
                        for (int k = 0; k < values.length; k++) {
                            values[k] = buffer.get();
                        }
                        yield new TensorData.Ints(values);
                    }
                    case INT8, UINT8 -> {
                        ByteBuffer buffer = value.getByteBuffer();
                        int[] values = new int[buffer.remaining()];
                        for (int k = 0; k < values.length; k++) {
                            byte b = buffer.get();
                            values[k] = info.type == OnnxJavaType.UINT8 ? Byte.toUnsignedInt(b) : b;
                        }
                        yield new TensorData.Ints(values);
                    }
                    case BOOL -> {
                        ByteBuffer buffer = value.getByteBuffer();
                        boolean[] values = new boolean[buffer.remaining()];
                        for (int k = 0; k < values.length; k++) {
                            values[k] = buffer.get() != 0;
                        }
                        yield new TensorData.Bools(values);
                    }
                    case STRING -> {
                        List<String> values = new ArrayList<>();
                        flatten(value.getValue(), values);
                        yield new TensorData.Texts(values.toArray(String[]::new));
                    }
                    default -> throw new IllegalStateException("unexpected ONNX output type " + info.type);
                };
        return Tensor.of(name, datatype, shape, data);
    }

    /** Row-major elements of a (possibly nested) array of strings, or of one string. */
    private static void flatten(Object value, List<String> into) {
        if (value instanceof String text) {
            into.add(text);
        } else {
            for (int i = 0, n = Array.getLength(value); i < n; i++) {
                flatten(Array.get(value, i), into);
            }
        }
    }

    private static long[] shape(TensorInfo info) {
        long[] shape = info.getShape();
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 0) {
                shape[i] = -1;
            }
        }
        return shape;
    }

    private static Datatype datatype(String role, String name, TensorInfo info) {
        return switch (info.onnxType) {
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT -> Datatype.FP32;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_DOUBLE -> Datatype.FP64;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64 -> Datatype.INT64;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT32 -> Datatype.INT32;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT16 -> Datatype.INT16;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT8 -> Datatype.INT8;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT8 -> Datatype.UINT8;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_BOOL -> Datatype.BOOL;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_STRING -> Datatype.BYTES;
            default ->
                throw GyreException.invalid("the ONNX model's " + role + " '" + name + "' has element type "
                        + elementTypeName(info.onnxType) + ", which cannot be served; supported: float, double, "
                        + "int64, int32, int16, int8, uint8, bool, string (export half precision as float)");
        };
    }

    private static String elementTypeName(TensorInfo.OnnxTensorType type) {
        return type.name().replace("ONNX_TENSOR_ELEMENT_DATA_TYPE_", "").toLowerCase(Locale.ROOT);
    }

    /** ONNX Runtime's message on one line, without its "Error code - ORT_… - message: " prefix. */
    private static String summary(Exception e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return message.replaceFirst("^Error code - \\w+ - message[:-] ?", "")
                .replaceAll("\\s*\\R\\s*", " ")
                .strip();
    }

    private static void closeQuietly(OrtSession session, Exception cause) {
        try {
            session.close();
        } catch (OrtException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                session.close();
            }
        } catch (OrtException e) {
            throw new GyreException(ErrorCode.INTERNAL_ERROR, "closing the ONNX model failed: " + summary(e), e);
        } finally {
            lock.writeLock().unlock();
        }
    }
}
