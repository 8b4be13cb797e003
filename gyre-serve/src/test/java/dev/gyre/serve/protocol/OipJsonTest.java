package dev.gyre.serve.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gyre.core.error.ErrorCode;
import dev.gyre.core.error.GyreException;
import dev.gyre.serve.runtime.ModelMetadata;
import dev.gyre.serve.tensor.Datatype;
import dev.gyre.serve.tensor.Tensor;
import dev.gyre.serve.tensor.TensorData;
import dev.gyre.serve.tensor.TensorSpec;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class OipJsonTest {

    /** JSON written with single quotes, for readability. */
    private static byte[] json(String singleQuoted) {
        return singleQuoted.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static InferenceRequest read(String singleQuoted) {
        return OipJson.readRequest(json(singleQuoted));
    }

    private static void assertInvalid(ThrowingCallable call, String message) {
        assertThatThrownBy(call)
                .isInstanceOf(GyreException.class)
                .hasMessage(message)
                .satisfies(e -> assertThat(((GyreException) e).code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE));
    }

    private static void assertInvalidInput(String input, String message) {
        assertInvalid(() -> read("{'inputs': [" + input + "]}"), message);
    }

    @Test
    void readsARequestWithIdParametersInputsAndOutputs() {
        InferenceRequest request = read("""
                {'id': 'r-1', 'parameters': {'priority': 2, 'trace': true, 'tag': 'x', 'ratio': 0.5},
                 'inputs': [
                   {'name': 'features', 'shape': [2, 3], 'datatype': 'FP32', 'data': [1, 2.5, -3, 4e1, 0.1, 6]},
                   {'name': 'city', 'shape': [2], 'datatype': 'BYTES', 'parameters': {'content_type': 'str'},
                    'data': ['Oslo', null]}],
                 'outputs': [{'name': 'probability'}, {'name': 'label', 'parameters': {'binary_data': false}}]}
                """);

        assertThat(request.id()).isEqualTo("r-1");
        assertThat(request.parameters())
                .containsExactly(
                        Map.entry("priority", 2L),
                        Map.entry("trace", true),
                        Map.entry("tag", "x"),
                        Map.entry("ratio", 0.5));
        assertThat(request.requestedOutputs()).containsExactly("probability", "label");
        assertThat(request.inputs()).hasSize(2);
        Tensor features = request.inputs().get(0);
        assertThat(features.name()).isEqualTo("features");
        assertThat(features.datatype()).isEqualTo(Datatype.FP32);
        assertThat(features.shape()).containsExactly(2, 3);
        assertThat(((TensorData.Floats) features.data()).values()).containsExactly(1f, 2.5f, -3f, 40f, 0.1f, 6f);
        Tensor city = request.inputs().get(1);
        assertThat(city.parameters()).containsEntry("content_type", "str");
        assertThat(((TensorData.Texts) city.data()).values()).containsExactly("Oslo", null);
    }

    @Test
    void leavesOutWhatTheRequestDoesNotSay() {
        InferenceRequest request = read("{'inputs': [{'name': 'x', 'shape': [1], 'datatype': 'FP64', 'data': [1]}]}");

        assertThat(request.id()).isNull();
        assertThat(request.parameters()).isEmpty();
        assertThat(request.requestedOutputs()).isEmpty();
    }

    @Test
    void nestedDataIsFlattenedRowMajor() {
        Tensor flat =
                read("{'inputs': [{'name': 'x', 'shape': [2, 2, 2], 'datatype': 'INT32', 'data': [1, 2, 3, 4, 5, 6, 7, 8]}]}")
                        .inputs()
                        .getFirst();
        Tensor nested = read("""
                {'inputs': [{'name': 'x', 'shape': [2, 2, 2], 'datatype': 'INT32',
                             'data': [[[1, 2], [3, 4]], [[5, 6], [7, 8]]]}]}""").inputs().getFirst();

        assertThat(((TensorData.Ints) nested.data()).values())
                .containsExactly(((TensorData.Ints) flat.data()).values())
                .containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(nested.shape()).containsExactly(2, 2, 2);
    }

    @Test
    void dataBeforeShapeAndDatatypeIsReadOnceTheyAreKnown() {
        Tensor tensor =
                read("{'inputs': [{'data': [[1, 2], [3, 4]], 'name': 'x', 'datatype': 'FP64', 'shape': [2, 2]}]}")
                        .inputs()
                        .getFirst();

        assertThat(((TensorData.Doubles) tensor.data()).values()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void readsEveryDatatypeIntoItsRepresentation() {
        InferenceRequest request = read("""
                {'inputs': [
                  {'name': 'bool', 'shape': [2], 'datatype': 'BOOL', 'data': [true, false]},
                  {'name': 'uint8', 'shape': [2], 'datatype': 'UINT8', 'data': [0, 255]},
                  {'name': 'uint16', 'shape': [2], 'datatype': 'UINT16', 'data': [0, 65535]},
                  {'name': 'uint32', 'shape': [2], 'datatype': 'UINT32', 'data': [0, 4294967295]},
                  {'name': 'uint64', 'shape': [2], 'datatype': 'UINT64', 'data': [1, 18446744073709551615]},
                  {'name': 'int8', 'shape': [2], 'datatype': 'INT8', 'data': [-128, 127]},
                  {'name': 'int16', 'shape': [2], 'datatype': 'INT16', 'data': [-32768, 32767]},
                  {'name': 'int32', 'shape': [2], 'datatype': 'INT32', 'data': [-2147483648, 2.0]},
                  {'name': 'int64', 'shape': [2], 'datatype': 'INT64', 'data': [-9223372036854775808, 9223372036854775807]},
                  {'name': 'fp16', 'shape': [2], 'datatype': 'FP16', 'data': [0.5, -65504]},
                  {'name': 'fp32', 'shape': [2], 'datatype': 'FP32', 'data': [0.1, 3]},
                  {'name': 'fp64', 'shape': [2], 'datatype': 'FP64', 'data': [0.1, 1e300]},
                  {'name': 'bytes', 'shape': [2], 'datatype': 'BYTES', 'data': ['é ✓', '']}]}
                """);

        List<Tensor> inputs = request.inputs();
        assertThat(((TensorData.Bools) inputs.get(0).data()).values()).containsExactly(true, false);
        assertThat(((TensorData.Ints) inputs.get(1).data()).values()).containsExactly(0, 255);
        assertThat(((TensorData.Ints) inputs.get(2).data()).values()).containsExactly(0, 65535);
        assertThat(((TensorData.Longs) inputs.get(3).data()).values()).containsExactly(0, 4294967295L);
        assertThat(((TensorData.Longs) inputs.get(4).data()).values()).containsExactly(1, -1L);
        assertThat(((TensorData.Ints) inputs.get(5).data()).values()).containsExactly(-128, 127);
        assertThat(((TensorData.Ints) inputs.get(6).data()).values()).containsExactly(-32768, 32767);
        assertThat(((TensorData.Ints) inputs.get(7).data()).values()).containsExactly(Integer.MIN_VALUE, 2);
        assertThat(((TensorData.Longs) inputs.get(8).data()).values()).containsExactly(Long.MIN_VALUE, Long.MAX_VALUE);
        assertThat(((TensorData.Floats) inputs.get(9).data()).values()).containsExactly(0.5f, -65504f);
        assertThat(((TensorData.Floats) inputs.get(10).data()).values()).containsExactly(0.1f, 3f);
        assertThat(((TensorData.Doubles) inputs.get(11).data()).values()).containsExactly(0.1, 1e300);
        assertThat(((TensorData.Texts) inputs.get(12).data()).values()).containsExactly("é ✓", "");
    }

    @Test
    void floatingPointTakesNullAndTheNamesOfNaNAndInfinities() {
        Tensor tensor =
                read("{'inputs': [{'name': 'x', 'shape': [4], 'datatype': 'FP64', 'data': [null, 'NaN', 'Infinity', '-Infinity']}]}")
                        .inputs()
                        .getFirst();

        assertThat(((TensorData.Doubles) tensor.data()).values())
                .containsExactly(Double.NaN, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
    }

    @Test
    void readsFromAStream() {
        InferenceRequest request = OipJson.readRequest(
                new ByteArrayInputStream(
                        json("{'inputs': [{'name': 'x', 'shape': [1], 'datatype': 'BOOL', 'data': [true]}]}")),
                100);

        assertThat(((TensorData.Bools) request.inputs().getFirst().data()).values())
                .containsExactly(true);
    }

    @Test
    void refusesAnUnknownDatatype() {
        assertInvalidInput(
                "{'name': 'x', 'shape': [1], 'datatype': 'FLOAT32', 'data': [1]}",
                "inputs[0].datatype: unknown datatype \"FLOAT32\"; expected one of BOOL, UINT8, UINT16, UINT32, UINT64,"
                        + " INT8, INT16, INT32, INT64, FP16, FP32, FP64, BYTES");
    }

    @Test
    void refusesAnElementCountThatDoesNotMatchTheShape() {
        assertInvalidInput(
                "{'name': 'x', 'shape': [2, 3], 'datatype': 'FP32', 'data': [1, 2, 3, 4, 5]}",
                "inputs[0].data: has 5 elements but shape [2, 3] needs 6");
        assertInvalidInput(
                "{'name': 'x', 'shape': [2], 'datatype': 'FP32', 'data': [1, 2, 3, [4], 5]}",
                "inputs[0].data: has 5 elements but shape [2] needs 2");
        assertInvalidInput(
                "{'name': 'x', 'shape': [2, 3], 'datatype': 'FP32', 'data': [[1, 2, 3], [4, 5]]}",
                "inputs[0].data[1]: has 2 elements but shape [2, 3] needs 3 at dimension 1");
        assertInvalidInput(
                "{'name': 'x', 'shape': [1, 2], 'datatype': 'FP32', 'data': [[1, 2], [3, 4]]}",
                "inputs[0].data: has more than 1 elements but shape [1, 2] needs 1 at dimension 0");
        assertInvalidInput(
                "{'name': 'x', 'shape': [2, 2], 'datatype': 'FP32', 'data': [[1, 2], 3]}",
                "inputs[0].data[1]: expected an array (nested data for shape [2, 2]), found 3");
        assertInvalidInput(
                "{'name': 'x', 'shape': [4], 'datatype': 'FP32', 'data': [[1, 2], [3, 4]]}",
                "inputs[0].data[0]: expected a number for datatype FP32, found an array (nested data needs a shape of"
                        + " two or more dimensions, this is [4])");
    }

    @Test
    void refusesElementsOfTheWrongType() {
        assertInvalidInput(
                "{'name': 'x', 'shape': [4], 'datatype': 'FP32', 'data': [1, 2, 3, 'abc']}",
                "inputs[0].data[3]: expected a number for datatype FP32, found \"abc\"");
        assertInvalidInput(
                "{'name': 'x', 'shape': [2], 'datatype': 'INT32', 'data': [1, 1.5]}",
                "inputs[0].data[1]: expected an integer for datatype INT32, found 1.5");
        assertInvalidInput(
                "{'name': 'x', 'shape': [1, 2], 'datatype': 'INT8', 'data': [[1, 128]]}",
                "inputs[0].data[0][1]: 128 is out of range for datatype INT8 (-128 to 127)");
        assertInvalidInput(
                "{'name': 'x', 'shape': [1], 'datatype': 'UINT8', 'data': [-1]}",
                "inputs[0].data[0]: -1 is out of range for datatype UINT8 (0 to 255)");
        assertInvalidInput(
                "{'name': 'x', 'shape': [1], 'datatype': 'INT64', 'data': [9223372036854775808]}",
                "inputs[0].data[0]: 9223372036854775808 is out of range for datatype INT64"
                        + " (-9223372036854775808 to 9223372036854775807)");
        assertInvalidInput(
                "{'name': 'x', 'shape': [1], 'datatype': 'UINT64', 'data': [18446744073709551616]}",
                "inputs[0].data[0]: 18446744073709551616 is out of range for datatype UINT64"
                        + " (0 to 18446744073709551615)");
        assertInvalidInput(
                "{'name': 'x', 'shape': [1], 'datatype': 'INT32', 'data': [null]}",
                "inputs[0].data[0]: expected an integer for datatype INT32, found null");
        assertInvalidInput(
                "{'name': 'x', 'shape': [1], 'datatype': 'FP32', 'data': [1e39]}",
                "inputs[0].data[0]: 1e39 is out of range for datatype FP32 (about -3.4e38 to 3.4e38)");
        assertInvalidInput(
                "{'name': 'x', 'shape': [1], 'datatype': 'FP16', 'data': [70000]}",
                "inputs[0].data[0]: 70000 is out of range for datatype FP16 (-65504 to 65504)");
        assertInvalidInput(
                "{'name': 'x', 'shape': [1], 'datatype': 'BOOL', 'data': [1]}",
                "inputs[0].data[0]: expected a boolean for datatype BOOL, found 1");
        assertInvalidInput(
                "{'name': 'x', 'shape': [1], 'datatype': 'BYTES', 'data': [42]}",
                "inputs[0].data[0]: expected a string for datatype BYTES, found 42");
        assertInvalidInput(
                "{'name': 'x', 'shape': [1], 'datatype': 'FP64', 'data': [{'a': 1}]}",
                "inputs[0].data[0]: expected a number for datatype FP64, found an object");
    }

    @Test
    void refusesUnknownAndMissingFields() {
        assertInvalid(
                () -> read("{'inputs': [], 'model': 'm'}"),
                "request body: unknown field \"model\"; expected id, parameters, inputs, outputs");
        assertInvalidInput(
                "{'name': 'x', 'shape': [1], 'datatype': 'FP32', 'data': [1], 'contents': {}}",
                "inputs[0]: unknown field \"contents\"; expected name, shape, datatype, parameters, data");
        assertInvalidInput(
                "{'name': 'x', 'shape': [1], 'data': [1]}", "inputs[0]: missing required field \"datatype\"");
        assertInvalid(() -> read("{'id': 'a'}"), "request body: missing required field \"inputs\"");
        assertInvalid(
                () -> read("{'inputs': [], 'outputs': [{'parameters': {}}]}"),
                "outputs[0]: missing required field \"name\"");
        assertInvalidInput(
                "{'name': 'x', 'name': 'y', 'shape': [1], 'datatype': 'FP32', 'data': [1]}",
                "inputs[0]: duplicate field \"name\"");
        assertInvalid(() -> read("{'inputs': [], 'inputs': []}"), "request body: duplicate field \"inputs\"");
    }

    @Test
    void refusesBadShapesAndOtherFieldTypes() {
        assertInvalidInput(
                "{'name': 'x', 'shape': [2, -1], 'datatype': 'FP32', 'data': [1]}",
                "inputs[0].shape[1]: expected a non-negative integer, found -1");
        assertInvalidInput(
                "{'name': 'x', 'shape': [2.5], 'datatype': 'FP32', 'data': [1]}",
                "inputs[0].shape[0]: expected a non-negative integer, found 2.5");
        assertInvalidInput(
                "{'name': 7, 'shape': [1], 'datatype': 'FP32', 'data': [1]}",
                "inputs[0].name: expected a string, found 7");
        assertInvalidInput(
                "{'name': 'x', 'shape': [1], 'datatype': 'FP32', 'data': 1}",
                "inputs[0].data: expected an array, found 1");
        assertInvalid(() -> read("{'id': 5, 'inputs': []}"), "id: expected a string, found 5");
        assertInvalid(() -> read("[1]"), "request body: expected a JSON object, found an array");
        assertInvalid(
                () -> read("{'inputs': [], 'parameters': {'a': [1]}}"),
                "parameters.a: expected a string, number or boolean, found an array");
        assertInvalidInput(
                "{'name': 'x', 'shape': [1], 'datatype': 'BYTES', 'parameters': {'binary_data_size': 4}, 'data': []}",
                "inputs[0].parameters.binary_data_size: the binary tensor data extension is not supported; send the"
                        + " data as JSON");
        assertInvalid(
                () -> read("{'inputs': [], 'outputs': [{'name': 'a'}, {'name': 'a'}]}"),
                "outputs[1].name: output \"a\" is requested more than once");
    }

    @Test
    void refusesMoreElementsThanTheLimit() {
        assertInvalid(
                () -> OipJson.readRequest(
                        json("{'inputs': [{'name': 'x', 'shape': [100000, 1000], 'datatype': 'FP32', 'data': []}]}")),
                "inputs[0].shape: [100000, 1000] has 100000000 elements, more than the limit of 10000000 per request");
        assertInvalid(
                () -> OipJson.readRequest(json("""
                                {'inputs': [{'name': 'x', 'shape': [3], 'datatype': 'FP32', 'data': [1, 2, 3]},
                                            {'name': 'y', 'shape': [3], 'datatype': 'FP32', 'data': [1, 2, 3]}]}"""), 5),
                "inputs[1].shape: [3] has 3 elements, more than the limit of 5 per request (all inputs together)");
        assertInvalidInput(
                "{'name': 'x', 'shape': [4294967296, 4294967296, 4294967296], 'datatype': 'FP32', 'data': []}",
                "inputs[0].shape: [4294967296, 4294967296, 4294967296] has too many elements, more than the limit of"
                        + " 10000000 per request");
    }

    @Test
    void reportsMalformedJsonWithLineAndColumn() {
        assertThatThrownBy(() -> OipJson.readRequest(
                        "{\n  \"inputs\": [\n    {\"name\": }\n]}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(GyreException.class)
                .hasMessageStartingWith("malformed JSON at line 3, column 14: Unexpected character ('}' (code 125))");
        assertThatThrownBy(() -> OipJson.readRequest(json("{'inputs': [")))
                .isInstanceOf(GyreException.class)
                .hasMessageStartingWith("malformed JSON at line 1, column 13: Unexpected end-of-input")
                .hasMessageNotContaining("Source");
        assertInvalid(
                () -> read("{'inputs': [{'name': 'x', 'shape': [1], 'datatype': 'FP32', 'data': [NaN]}]}"),
                "malformed JSON at line 1, column 73: Non-standard token 'NaN'; JSON has no NaN or Infinity, write null,"
                        + " \"NaN\", \"Infinity\" or \"-Infinity\"");
        assertInvalid(
                () -> OipJson.readRequest(new byte[0]),
                "request body is empty; expected a JSON object with \"inputs\"");
        assertInvalid(
                () -> read("{'inputs': []} {}"),
                "request body: unexpected an object after the JSON object at line 1, column 16");
    }

    @Test
    void writesAResponse() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("batch", 3);
        parameters.put("ok", true);
        InferenceResponse response = new InferenceResponse(
                "churn",
                "2",
                "r-1",
                List.of(
                        Tensor.of("probability", Datatype.FP64, new long[] {4}, new TensorData.Doubles(new double[] {
                            0.25, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY
                        })),
                        Tensor.of("score", Datatype.FP32, new long[] {1, 2}, new TensorData.Floats(new float[] {0.1f, 2
                        })),
                        Tensor.of(
                                "label", Datatype.BYTES, new long[] {2}, new TensorData.Texts(new String[] {"a\"b", null
                                })),
                        Tensor.of("big", Datatype.UINT64, new long[] {1}, new TensorData.Longs(new long[] {-1}))),
                parameters);

        assertThat(text(OipJson.writeResponse(response)))
                .isEqualTo(text(
                        json("{'model_name':'churn','model_version':'2','id':'r-1','parameters':{'batch':3,'ok':true},"
                                + "'outputs':[{'name':'probability','datatype':'FP64','shape':[4],'data':[0.25,null,'Infinity','-Infinity']},"
                                + "{'name':'score','datatype':'FP32','shape':[1,2],'data':[0.1,2.0]},"
                                + "{'name':'label','datatype':'BYTES','shape':[2],'data':['a\\'b',null]},"
                                + "{'name':'big','datatype':'UINT64','shape':[1],'data':[18446744073709551615]}]}")));
    }

    @Test
    void leavesOutAVersionIdAndParametersThatAreNotThere() {
        InferenceResponse response = new InferenceResponse(
                "m",
                null,
                null,
                List.of(Tensor.of("y", Datatype.BOOL, new long[] {1}, new TensorData.Bools(new boolean[] {true}))),
                null);

        assertThat(text(OipJson.writeResponse(response)))
                .isEqualTo(text(json(
                        "{'model_name':'m','outputs':[{'name':'y','datatype':'BOOL','shape':[1],'data':[true]}]}")));
    }

    @Test
    void whatIsWrittenReadsBackTheSameForEveryDatatype() throws Exception {
        List<Tensor> tensors = List.of(
                Tensor.of("bool", Datatype.BOOL, new long[] {2}, new TensorData.Bools(new boolean[] {true, false})),
                Tensor.of("uint8", Datatype.UINT8, new long[] {2}, new TensorData.Ints(new int[] {0, 255})),
                Tensor.of("uint16", Datatype.UINT16, new long[] {2}, new TensorData.Ints(new int[] {0, 65535})),
                Tensor.of("uint32", Datatype.UINT32, new long[] {2}, new TensorData.Longs(new long[] {0, 4294967295L})),
                Tensor.of("uint64", Datatype.UINT64, new long[] {2}, new TensorData.Longs(new long[] {Long.MAX_VALUE, -2
                })),
                Tensor.of("int8", Datatype.INT8, new long[] {2}, new TensorData.Ints(new int[] {-128, 127})),
                Tensor.of("int16", Datatype.INT16, new long[] {2}, new TensorData.Ints(new int[] {-32768, 32767})),
                Tensor.of(
                        "int32", Datatype.INT32, new long[] {1, 2}, new TensorData.Ints(new int[] {Integer.MIN_VALUE, 7
                        })),
                Tensor.of(
                        "int64", Datatype.INT64, new long[] {2}, new TensorData.Longs(new long[] {Long.MIN_VALUE, 7})),
                Tensor.of("fp16", Datatype.FP16, new long[] {2}, new TensorData.Floats(new float[] {0.5f, Float.NaN})),
                Tensor.of("fp32", Datatype.FP32, new long[] {2, 2}, new TensorData.Floats(new float[] {
                    0.1f, Float.MIN_VALUE, Float.MAX_VALUE, Float.NEGATIVE_INFINITY
                })),
                Tensor.of("fp64", Datatype.FP64, new long[] {3}, new TensorData.Doubles(new double[] {
                    0.1, Double.MIN_VALUE, Double.POSITIVE_INFINITY
                })),
                Tensor.of("bytes", Datatype.BYTES, new long[] {3}, new TensorData.Texts(new String[] {
                    "\"q\"\n", null, "日本"
                })),
                Tensor.of("empty", Datatype.FP32, new long[] {0, 3}, new TensorData.Floats(new float[0])));
        byte[] written = OipJson.writeResponse(new InferenceResponse("m", "1", null, tensors, Map.of()));

        ObjectMapper mapper = new ObjectMapper();
        ObjectNode body = (ObjectNode) mapper.readTree(written);
        ObjectNode request = mapper.createObjectNode();
        request.set("inputs", body.get("outputs"));
        List<Tensor> read =
                OipJson.readRequest(mapper.writeValueAsBytes(request)).inputs();

        assertThat(read).hasSameSizeAs(tensors);
        for (int i = 0; i < tensors.size(); i++) {
            Tensor expected = tensors.get(i);
            Tensor actual = read.get(i);
            assertThat(actual.name()).isEqualTo(expected.name());
            assertThat(actual.datatype()).isEqualTo(expected.datatype());
            assertThat(actual.shape()).isEqualTo(expected.shape());
            assertThat(sameElements(actual.data(), expected.data()))
                    .as(expected.name())
                    .isTrue();
        }
    }

    /** Element-wise equality of the same representation, NaN equal to NaN. */
    private static boolean sameElements(TensorData a, TensorData b) {
        return switch (a) {
            case TensorData.Bools x -> b instanceof TensorData.Bools y && Arrays.equals(x.values(), y.values());
            case TensorData.Ints x -> b instanceof TensorData.Ints y && Arrays.equals(x.values(), y.values());
            case TensorData.Longs x -> b instanceof TensorData.Longs y && Arrays.equals(x.values(), y.values());
            case TensorData.Floats x -> b instanceof TensorData.Floats y && Arrays.equals(x.values(), y.values());
            case TensorData.Doubles x -> b instanceof TensorData.Doubles y && Arrays.equals(x.values(), y.values());
            case TensorData.Texts x -> b instanceof TensorData.Texts y && Arrays.equals(x.values(), y.values());
        };
    }

    @Test
    void writesErrorsAndMetadata() {
        assertThat(text(OipJson.writeError("input 'x' is \"bad\"")))
                .isEqualTo("{\"error\":\"input 'x' is \\\"bad\\\"\"}");

        ModelMetadata metadata = new ModelMetadata(
                "xgboost_ubj",
                List.of(new TensorSpec("features", Datatype.FP32, new long[] {-1, 4}, true)),
                List.of(new TensorSpec("score", Datatype.FP32, new long[] {-1}, false)),
                false);
        assertThat(text(OipJson.writeModelMetadata("churn", List.of("1", "2"), metadata)))
                .isEqualTo(text(json("{'name':'churn','versions':['1','2'],'platform':'xgboost_ubj',"
                        + "'inputs':[{'name':'features','datatype':'FP32','shape':[-1,4]}],"
                        + "'outputs':[{'name':'score','datatype':'FP32','shape':[-1]}]}")));

        assertThat(text(OipJson.writeServerMetadata("gyre", "0.1.0", List.of("model_repository"))))
                .isEqualTo(text(json("{'name':'gyre','version':'0.1.0','extensions':['model_repository']}")));
    }
}
