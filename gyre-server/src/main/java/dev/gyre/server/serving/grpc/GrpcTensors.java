package dev.gyre.server.serving.grpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import dev.gyre.core.error.GyreException;
import dev.gyre.serve.protocol.InferenceRequest;
import dev.gyre.serve.protocol.InferenceResponse;
import dev.gyre.serve.runtime.ModelMetadata;
import dev.gyre.serve.tensor.Datatype;
import dev.gyre.serve.tensor.Tensor;
import dev.gyre.serve.tensor.TensorData;
import dev.gyre.serve.tensor.TensorSpec;
import dev.gyre.server.serving.grpc.proto.InferParameter;
import dev.gyre.server.serving.grpc.proto.InferTensorContents;
import dev.gyre.server.serving.grpc.proto.ModelInferRequest;
import dev.gyre.server.serving.grpc.proto.ModelInferResponse;
import dev.gyre.server.serving.grpc.proto.ModelMetadataResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts the Open Inference Protocol's gRPC messages to and from the serving stage's {@link InferenceRequest} and
 * {@link InferenceResponse}, checking everything the protocol fixes so that a bad request is answered with what is
 * wrong rather than scored on garbage: the datatype name, the shape, that the elements are in the contents field of
 * the datatype (or all in {@code raw_input_contents}), that their number matches the shape, the range of small
 * integers and that text is UTF-8.
 *
 * <p>Typed contents map by datatype: {@code BOOL} from {@code bool_contents}; {@code INT8}, {@code INT16}, {@code
 * INT32} from {@code int_contents}; {@code INT64} from {@code int64_contents}; {@code UINT8}, {@code UINT16}, {@code
 * UINT32} from {@code uint_contents}; {@code UINT64} from {@code uint64_contents}; {@code FP32} (and, leniently,
 * {@code FP16}) from {@code fp32_contents}; {@code FP64} from {@code fp64_contents}; {@code BYTES} from {@code
 * bytes_contents}. Raw contents are packed little-endian, {@code BOOL} one byte per element, {@code FP16} as IEEE
 * half precision, each {@code BYTES} element a 4-byte little-endian length and its bytes. Outputs are written the
 * same way: raw when the request was raw (as Triton answers), typed otherwise ({@code FP16} then in {@code
 * fp32_contents}).
 */
final class GrpcTensors {

    /** The most elements one input may declare; the message size limit bounds the real amount of data. */
    private static final long MAX_ELEMENTS = Integer.MAX_VALUE - 16;

    /** The contents fields, in the protocol's order. */
    private static final List<String> FIELDS = List.of(
            "bool_contents",
            "int_contents",
            "int64_contents",
            "uint_contents",
            "uint64_contents",
            "fp32_contents",
            "fp64_contents",
            "bytes_contents");

    private GrpcTensors() {}

    /** The request for the serving stage; {@code GyreException.invalid} naming the first problem. */
    static InferenceRequest request(ModelInferRequest request) {
        int inputCount = request.getInputsCount();
        int rawCount = request.getRawInputContentsCount();
        boolean raw = rawCount > 0;
        if (raw && rawCount != inputCount) {
            throw GyreException.invalid("raw_input_contents has " + rawCount + " entries but the request has "
                    + inputCount + " inputs; give one entry per input, in the order of inputs");
        }
        List<Tensor> inputs = new ArrayList<>(inputCount);
        for (int i = 0; i < inputCount; i++) {
            ModelInferRequest.InferInputTensor input = request.getInputs(i);
            String name = input.getName();
            if (name.isEmpty()) {
                throw GyreException.invalid("inputs[" + i + "] has no name");
            }
            String label = "input '" + name + "'";
            Datatype datatype = Datatype.ofWireName(input.getDatatype());
            if (datatype == null) {
                throw GyreException.invalid(label + " has "
                        + (input.getDatatype().isEmpty()
                                ? "no datatype"
                                : "unknown datatype \"" + input.getDatatype() + "\"")
                        + "; expected one of " + Datatype.wireNames());
            }
            long[] shape = new long[input.getShapeCount()];
            for (int d = 0; d < shape.length; d++) {
                shape[d] = input.getShape(d);
                if (shape[d] < 0) {
                    throw GyreException.invalid(label + " has shape "
                            + Arrays.toString(input.getShapeList().toArray())
                            + ": dimensions must be zero or more (-1 is for model metadata, not requests)");
                }
            }
            long count = Tensor.elementCount(shape);
            if (count < 0 || count > MAX_ELEMENTS) {
                throw GyreException.invalid(
                        label + " has shape " + Arrays.toString(shape) + ", which has too many elements");
            }
            TensorData data;
            if (raw) {
                if (input.hasContents() && elementsIn(input.getContents()) > 0) {
                    throw GyreException.invalid(label + " has contents but the request also has raw_input_contents;"
                            + " send every input in one form or the other");
                }
                data = fromRaw(
                        label,
                        "raw_input_contents[" + i + "]",
                        datatype,
                        shape,
                        (int) count,
                        request.getRawInputContents(i));
            } else {
                data = fromContents(label, datatype, shape, (int) count, input.getContents());
            }
            inputs.add(new Tensor(name, datatype, shape, data, parameters(input.getParametersMap())));
        }
        List<String> outputs = new ArrayList<>(request.getOutputsCount());
        for (int i = 0; i < request.getOutputsCount(); i++) {
            String name = request.getOutputs(i).getName();
            if (name.isEmpty()) {
                throw GyreException.invalid("outputs[" + i + "] has no name");
            }
            outputs.add(name);
        }
        String id = request.getId().isEmpty() ? null : request.getId();
        return new InferenceRequest(id, inputs, outputs, parameters(request.getParametersMap()));
    }

    /** The response message; {@code raw}: the outputs' elements in {@code raw_output_contents}. */
    static ModelInferResponse response(InferenceResponse response, boolean raw) {
        ModelInferResponse.Builder message = ModelInferResponse.newBuilder()
                .setModelName(response.modelName())
                .setModelVersion(response.modelVersion() == null ? "" : response.modelVersion())
                .setId(response.id() == null ? "" : response.id())
                .putAllParameters(protoParameters(response.parameters()));
        for (Tensor output : response.outputs()) {
            ModelInferResponse.InferOutputTensor.Builder tensor = ModelInferResponse.InferOutputTensor.newBuilder()
                    .setName(output.name())
                    .setDatatype(output.datatype().wireName())
                    .putAllParameters(protoParameters(output.parameters()));
            for (long dimension : output.shape()) {
                tensor.addShape(dimension);
            }
            if (raw) {
                message.addRawOutputContents(toRaw(output));
            } else {
                tensor.setContents(toContents(output));
            }
            message.addOutputs(tensor);
        }
        return message.build();
    }

    /** The model metadata message. */
    static ModelMetadataResponse metadata(String name, List<String> versions, ModelMetadata metadata) {
        ModelMetadataResponse.Builder message = ModelMetadataResponse.newBuilder()
                .setName(name)
                .addAllVersions(versions)
                .setPlatform(metadata.platform());
        for (TensorSpec input : metadata.inputs()) {
            message.addInputs(tensorMetadata(input));
        }
        for (TensorSpec output : metadata.outputs()) {
            message.addOutputs(tensorMetadata(output));
        }
        return message.build();
    }

    private static ModelMetadataResponse.TensorMetadata tensorMetadata(TensorSpec spec) {
        ModelMetadataResponse.TensorMetadata.Builder tensor = ModelMetadataResponse.TensorMetadata.newBuilder()
                .setName(spec.name())
                .setDatatype(spec.datatype().wireName());
        for (long dimension : spec.shape()) {
            tensor.addShape(dimension);
        }
        return tensor.build();
    }

    // ---- typed contents ----

    /** The contents field that holds elements of {@code datatype}. */
    private static String field(Datatype datatype) {
        return switch (datatype) {
            case BOOL -> "bool_contents";
            case INT8, INT16, INT32 -> "int_contents";
            case INT64 -> "int64_contents";
            case UINT8, UINT16, UINT32 -> "uint_contents";
            case UINT64 -> "uint64_contents";
            case FP16, FP32 -> "fp32_contents";
            case FP64 -> "fp64_contents";
            case BYTES -> "bytes_contents";
        };
    }

    private static int count(InferTensorContents contents, String field) {
        return switch (field) {
            case "bool_contents" -> contents.getBoolContentsCount();
            case "int_contents" -> contents.getIntContentsCount();
            case "int64_contents" -> contents.getInt64ContentsCount();
            case "uint_contents" -> contents.getUintContentsCount();
            case "uint64_contents" -> contents.getUint64ContentsCount();
            case "fp32_contents" -> contents.getFp32ContentsCount();
            case "fp64_contents" -> contents.getFp64ContentsCount();
            case "bytes_contents" -> contents.getBytesContentsCount();
            default -> throw new IllegalArgumentException(field);
        };
    }

    private static long elementsIn(InferTensorContents contents) {
        long total = 0;
        for (String field : FIELDS) {
            total += count(contents, field);
        }
        return total;
    }

    private static TensorData fromContents(
            String label, Datatype datatype, long[] shape, int count, InferTensorContents contents) {
        String field = field(datatype);
        for (String other : FIELDS) {
            int elements = count(contents, other);
            if (!other.equals(field) && elements > 0) {
                throw GyreException.invalid(label + " has datatype " + datatype + ", whose elements go in " + field
                        + ", but has " + elements + " in " + other);
            }
        }
        int found = count(contents, field);
        if (found != count) {
            throw GyreException.invalid(label + " has " + found + " elements in " + field + " but shape "
                    + Arrays.toString(shape) + " needs " + count);
        }
        return switch (datatype) {
            case BOOL -> {
                boolean[] values = new boolean[count];
                for (int i = 0; i < count; i++) {
                    values[i] = contents.getBoolContents(i);
                }
                yield new TensorData.Bools(values);
            }
            case INT8, INT16, INT32 -> {
                int[] values = new int[count];
                for (int i = 0; i < count; i++) {
                    values[i] = checkRange(label, datatype, i, contents.getIntContents(i));
                }
                yield new TensorData.Ints(values);
            }
            case UINT8, UINT16 -> {
                int[] values = new int[count];
                for (int i = 0; i < count; i++) {
                    values[i] =
                            (int) checkRange(label, datatype, i, Integer.toUnsignedLong(contents.getUintContents(i)));
                }
                yield new TensorData.Ints(values);
            }
            case UINT32 -> {
                long[] values = new long[count];
                for (int i = 0; i < count; i++) {
                    values[i] = Integer.toUnsignedLong(contents.getUintContents(i));
                }
                yield new TensorData.Longs(values);
            }
            case INT64 -> {
                long[] values = new long[count];
                for (int i = 0; i < count; i++) {
                    values[i] = contents.getInt64Contents(i);
                }
                yield new TensorData.Longs(values);
            }
            case UINT64 -> {
                long[] values = new long[count];
                for (int i = 0; i < count; i++) {
                    values[i] = contents.getUint64Contents(i);
                }
                yield new TensorData.Longs(values);
            }
            case FP16, FP32 -> {
                float[] values = new float[count];
                for (int i = 0; i < count; i++) {
                    values[i] = contents.getFp32Contents(i);
                }
                yield new TensorData.Floats(values);
            }
            case FP64 -> {
                double[] values = new double[count];
                for (int i = 0; i < count; i++) {
                    values[i] = contents.getFp64Contents(i);
                }
                yield new TensorData.Doubles(values);
            }
            case BYTES -> {
                String[] values = new String[count];
                for (int i = 0; i < count; i++) {
                    values[i] = text(label, i, contents.getBytesContents(i));
                }
                yield new TensorData.Texts(values);
            }
        };
    }

    private static int checkRange(String label, Datatype datatype, int index, int value) {
        return (int) checkRange(label, datatype, index, (long) value);
    }

    private static long checkRange(String label, Datatype datatype, int index, long value) {
        long min;
        long max;
        switch (datatype) {
            case INT8 -> {
                min = Byte.MIN_VALUE;
                max = Byte.MAX_VALUE;
            }
            case INT16 -> {
                min = Short.MIN_VALUE;
                max = Short.MAX_VALUE;
            }
            case UINT8 -> {
                min = 0;
                max = 255;
            }
            case UINT16 -> {
                min = 0;
                max = 65535;
            }
            default -> {
                return value;
            }
        }
        if (value < min || value > max) {
            throw GyreException.invalid(label + " element " + index + " is " + value + ", out of range for datatype "
                    + datatype + " (" + min + " to " + max + ")");
        }
        return value;
    }

    private static String text(String label, int index, ByteString bytes) {
        if (!bytes.isValidUtf8()) {
            throw GyreException.invalid(
                    label + " element " + index + " is not valid UTF-8 (BYTES elements are read as UTF-8 text)");
        }
        return bytes.toStringUtf8();
    }

    private static InferTensorContents toContents(Tensor tensor) {
        InferTensorContents.Builder contents = InferTensorContents.newBuilder();
        Datatype datatype = tensor.datatype();
        switch (tensor.data()) {
            case TensorData.Bools b -> {
                for (boolean value : b.values()) {
                    contents.addBoolContents(value);
                }
            }
            case TensorData.Ints ints -> {
                boolean unsigned = datatype == Datatype.UINT8 || datatype == Datatype.UINT16;
                for (int value : ints.values()) {
                    if (unsigned) {
                        contents.addUintContents(value);
                    } else {
                        contents.addIntContents(value);
                    }
                }
            }
            case TensorData.Longs longs -> {
                for (long value : longs.values()) {
                    switch (datatype) {
                        case UINT32 -> contents.addUintContents((int) value);
                        case UINT64 -> contents.addUint64Contents(value);
                        default -> contents.addInt64Contents(value);
                    }
                }
            }
            case TensorData.Floats floats -> {
                for (float value : floats.values()) {
                    contents.addFp32Contents(value);
                }
            }
            case TensorData.Doubles doubles -> {
                for (double value : doubles.values()) {
                    contents.addFp64Contents(value);
                }
            }
            case TensorData.Texts texts -> {
                for (String value : texts.values()) {
                    contents.addBytesContents(value == null ? ByteString.EMPTY : ByteString.copyFromUtf8(value));
                }
            }
        }
        return contents.build();
    }

    // ---- raw contents ----

    /** Bytes per element of a fixed-size datatype; 0 for {@code BYTES}. */
    private static int width(Datatype datatype) {
        return switch (datatype) {
            case BOOL, INT8, UINT8 -> 1;
            case INT16, UINT16, FP16 -> 2;
            case INT32, UINT32, FP32 -> 4;
            case INT64, UINT64, FP64 -> 8;
            case BYTES -> 0;
        };
    }

    private static TensorData fromRaw(
            String label, String where, Datatype datatype, long[] shape, int count, ByteString bytes) {
        ByteBuffer buffer = bytes.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        if (datatype == Datatype.BYTES) {
            return rawTexts(label, where, shape, count, bytes, buffer);
        }
        int width = width(datatype);
        long needed = (long) count * width;
        if (bytes.size() != needed) {
            throw GyreException.invalid(where + " for " + label + " has " + bytes.size() + " bytes but shape "
                    + Arrays.toString(shape) + " of " + datatype + " needs " + needed + " (" + count + " elements of "
                    + width + (width == 1 ? " byte" : " bytes") + ")");
        }
        return switch (datatype) {
            case BOOL -> {
                boolean[] values = new boolean[count];
                for (int i = 0; i < count; i++) {
                    values[i] = buffer.get() != 0;
                }
                yield new TensorData.Bools(values);
            }
            case INT8, UINT8, INT16, UINT16, INT32 -> {
                int[] values = new int[count];
                for (int i = 0; i < count; i++) {
                    values[i] = switch (datatype) {
                        case INT8 -> buffer.get();
                        case UINT8 -> Byte.toUnsignedInt(buffer.get());
                        case INT16 -> buffer.getShort();
                        case UINT16 -> Short.toUnsignedInt(buffer.getShort());
                        default -> buffer.getInt();
                    };
                }
                yield new TensorData.Ints(values);
            }
            case UINT32 -> {
                long[] values = new long[count];
                for (int i = 0; i < count; i++) {
                    values[i] = Integer.toUnsignedLong(buffer.getInt());
                }
                yield new TensorData.Longs(values);
            }
            case INT64, UINT64 -> {
                long[] values = new long[count];
                buffer.asLongBuffer().get(values);
                yield new TensorData.Longs(values);
            }
            case FP16 -> {
                float[] values = new float[count];
                for (int i = 0; i < count; i++) {
                    values[i] = Float.float16ToFloat(buffer.getShort());
                }
                yield new TensorData.Floats(values);
            }
            case FP32 -> {
                float[] values = new float[count];
                buffer.asFloatBuffer().get(values);
                yield new TensorData.Floats(values);
            }
            case FP64 -> {
                double[] values = new double[count];
                buffer.asDoubleBuffer().get(values);
                yield new TensorData.Doubles(values);
            }
            case BYTES -> throw new IllegalStateException("handled above");
        };
    }

    private static TensorData rawTexts(
            String label, String where, long[] shape, int count, ByteString bytes, ByteBuffer buffer) {
        String[] values = new String[count];
        for (int i = 0; i < count; i++) {
            if (buffer.remaining() < 4) {
                throw GyreException.invalid(where + " for " + label + " holds " + i + " BYTES elements"
                        + (buffer.hasRemaining() ? " and " + buffer.remaining() + " stray bytes" : "") + " but shape "
                        + Arrays.toString(shape) + " needs " + count
                        + " (each a 4-byte little-endian length, then its bytes)");
            }
            long length = Integer.toUnsignedLong(buffer.getInt());
            if (length > buffer.remaining()) {
                throw GyreException.invalid(where + " for " + label + ": element " + i + " claims " + length
                        + " bytes but only " + buffer.remaining() + " follow");
            }
            int start = buffer.position();
            values[i] = text(label, i, bytes.substring(start, start + (int) length));
            buffer.position(start + (int) length);
        }
        if (buffer.hasRemaining()) {
            throw GyreException.invalid(where + " for " + label + " has " + buffer.remaining() + " bytes after the "
                    + count + " BYTES elements that shape " + Arrays.toString(shape) + " needs");
        }
        return new TensorData.Texts(values);
    }

    private static ByteString toRaw(Tensor tensor) {
        Datatype datatype = tensor.datatype();
        TensorData data = tensor.data();
        if (data instanceof TensorData.Texts texts) {
            byte[][] encoded = new byte[texts.values().length][];
            long size = 0;
            for (int i = 0; i < encoded.length; i++) {
                String value = texts.values()[i];
                encoded[i] = value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8);
                size += 4 + encoded[i].length;
            }
            ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(size)).order(ByteOrder.LITTLE_ENDIAN);
            for (byte[] element : encoded) {
                buffer.putInt(element.length).put(element);
            }
            return UnsafeByteOperations.unsafeWrap(buffer.array());
        }
        int width = width(datatype);
        if (width == 0) {
            throw new IllegalStateException("output '" + tensor.name() + "' is BYTES but holds numbers");
        }
        ByteBuffer buffer =
                ByteBuffer.allocate(Math.multiplyExact(data.length(), width)).order(ByteOrder.LITTLE_ENDIAN);
        switch (data) {
            case TensorData.Bools b -> {
                for (boolean value : b.values()) {
                    buffer.put((byte) (value ? 1 : 0));
                }
            }
            case TensorData.Ints ints -> {
                for (int value : ints.values()) {
                    switch (width) {
                        case 1 -> buffer.put((byte) value);
                        case 2 -> buffer.putShort((short) value);
                        case 4 -> buffer.putInt(value);
                        default -> buffer.putLong(value);
                    }
                }
            }
            case TensorData.Longs longs -> {
                for (long value : longs.values()) {
                    if (width == 4) {
                        buffer.putInt((int) value);
                    } else {
                        buffer.putLong(value);
                    }
                }
            }
            case TensorData.Floats floats -> {
                for (float value : floats.values()) {
                    switch (width) {
                        case 2 -> buffer.putShort(Float.floatToFloat16(value));
                        case 8 -> buffer.putDouble(value);
                        default -> buffer.putFloat(value);
                    }
                }
            }
            case TensorData.Doubles doubles -> {
                for (double value : doubles.values()) {
                    if (width == 4) {
                        buffer.putFloat((float) value);
                    } else {
                        buffer.putDouble(value);
                    }
                }
            }
            case TensorData.Texts texts -> throw new IllegalStateException("handled above");
        }
        return UnsafeByteOperations.unsafeWrap(buffer.array());
    }

    // ---- parameters ----

    private static Map<String, Object> parameters(Map<String, InferParameter> parameters) {
        if (parameters.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> values = new LinkedHashMap<>();
        parameters.forEach((key, parameter) -> {
            switch (parameter.getParameterChoiceCase()) {
                case BOOL_PARAM -> values.put(key, parameter.getBoolParam());
                case INT64_PARAM -> values.put(key, parameter.getInt64Param());
                case STRING_PARAM -> values.put(key, parameter.getStringParam());
                case PARAMETERCHOICE_NOT_SET -> {}
            }
        });
        return values;
    }

    private static Map<String, InferParameter> protoParameters(Map<String, Object> parameters) {
        if (parameters.isEmpty()) {
            return Map.of();
        }
        Map<String, InferParameter> values = new LinkedHashMap<>();
        parameters.forEach((key, value) -> {
            InferParameter.Builder parameter = InferParameter.newBuilder();
            switch (value) {
                case null -> {
                    return;
                }
                case Boolean b -> parameter.setBoolParam(b);
                case Long l -> parameter.setInt64Param(l);
                case Integer i -> parameter.setInt64Param(i);
                case Short s -> parameter.setInt64Param(s);
                case Byte b -> parameter.setInt64Param(b);
                default -> parameter.setStringParam(value.toString());
            }
            values.put(key, parameter.build());
        });
        return values;
    }
}
