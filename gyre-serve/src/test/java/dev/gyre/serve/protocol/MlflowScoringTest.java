package dev.gyre.serve.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gyre.core.error.ErrorCode;
import dev.gyre.core.error.GyreException;
import dev.gyre.serve.runtime.ModelMetadata;
import dev.gyre.serve.tensor.Datatype;
import dev.gyre.serve.tensor.Tensor;
import dev.gyre.serve.tensor.TensorData;
import dev.gyre.serve.tensor.TensorSpec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class MlflowScoringTest {

    /** A Gyre package: one 1-D input per column. */
    private static final ModelMetadata TABLE = new ModelMetadata(
            "gyre_package",
            List.of(
                    new TensorSpec("age", Datatype.FP64, new long[] {-1}, true),
                    new TensorSpec("city", Datatype.BYTES, new long[] {-1}, true),
                    new TensorSpec("member", Datatype.BOOL, new long[] {-1}, true),
                    new TensorSpec("signup", Datatype.BYTES, new long[] {-1}, true)),
            List.of(new TensorSpec("probability", Datatype.FP64, new long[] {-1}, false)),
            true);

    /** An XGBoost model: one feature matrix. */
    private static final ModelMetadata MATRIX = new ModelMetadata(
            "xgboost_ubj",
            List.of(new TensorSpec("features", Datatype.FP32, new long[] {-1, 3}, true)),
            List.of(new TensorSpec("score", Datatype.FP32, new long[] {-1}, false)),
            false);

    private static byte[] json(String singleQuoted) {
        return singleQuoted.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }

    private static List<Tensor> read(String singleQuoted, ModelMetadata metadata) {
        return MlflowScoring.readJson(json(singleQuoted), metadata);
    }

    private static List<Tensor> csv(String text, ModelMetadata metadata) {
        return MlflowScoring.readCsv(text.getBytes(StandardCharsets.UTF_8), metadata);
    }

    private static void assertInvalid(ThrowingCallable call, String message) {
        assertThatThrownBy(call)
                .isInstanceOf(GyreException.class)
                .hasMessage(message)
                .satisfies(e -> assertThat(((GyreException) e).code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE));
    }

    private static Tensor named(List<Tensor> tensors, String name) {
        return tensors.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    private static double[] doubles(Tensor tensor) {
        return ((TensorData.Doubles) tensor.data()).values();
    }

    private static float[] floats(Tensor tensor) {
        return ((TensorData.Floats) tensor.data()).values();
    }

    private static String[] texts(Tensor tensor) {
        return ((TensorData.Texts) tensor.data()).values();
    }

    private static boolean[] bools(Tensor tensor) {
        return ((TensorData.Bools) tensor.data()).values();
    }

    private static void assertTable(List<Tensor> tensors) {
        assertThat(tensors).extracting(Tensor::name).containsExactly("age", "city", "member", "signup");
        assertThat(named(tensors, "age").shape()).containsExactly(2);
        assertThat(named(tensors, "age").datatype()).isEqualTo(Datatype.FP64);
        assertThat(doubles(named(tensors, "age"))).containsExactly(41, Double.NaN);
        assertThat(texts(named(tensors, "city"))).containsExactly("Oslo", null);
        assertThat(bools(named(tensors, "member"))).containsExactly(true, false);
        assertThat(texts(named(tensors, "signup"))).containsExactly("2024-01-31T12:00:00Z", "2023-05-01T00:00:00Z");
    }

    @Test
    void readsDataframeSplit() {
        assertTable(read("""
                {'dataframe_split': {'columns': ['age', 'city', 'member', 'signup'], 'index': [0, 1],
                  'data': [[41, 'Oslo', true, '2024-01-31T12:00:00Z'], [null, null, false, '2023-05-01T00:00:00Z']]}}
                """, TABLE));
    }

    @Test
    void readsDataframeSplitWithDataBeforeColumns() {
        assertTable(read("""
                {'dataframe_split': {'data': [[41, 'Oslo', true, '2024-01-31T12:00:00Z'],
                                              [null, null, false, '2023-05-01T00:00:00Z']],
                                     'columns': ['age', 'city', 'member', 'signup']}}
                """, TABLE));
    }

    @Test
    void readsDataframeRecordsGivingMissingValuesToKeysLeftOut() {
        assertTable(read("""
                {'dataframe_records': [{'age': 41, 'city': 'Oslo', 'member': true, 'signup': '2024-01-31T12:00:00Z'},
                                       {'signup': '2023-05-01T00:00:00Z', 'member': false}],
                 'params': {}}
                """, TABLE));
    }

    @Test
    void readsInstancesAsRecords() {
        assertTable(read("""
                {'instances': [{'age': 41, 'city': 'Oslo', 'member': true, 'signup': '2024-01-31T12:00:00Z'},
                               {'age': 'NaN', 'city': null, 'member': false, 'signup': '2023-05-01T00:00:00Z'}]}
                """, TABLE));
    }

    @Test
    void readsInputsAsColumns() {
        assertTable(read("""
                {'params': null,
                 'inputs': {'age': [41, null], 'city': ['Oslo', null], 'member': [true, false],
                            'signup': ['2024-01-31T12:00:00Z', '2023-05-01T00:00:00Z']}}
                """, TABLE));
    }

    @Test
    void leavesOutColumnsThatAreNotSent() {
        List<Tensor> tensors = read("{'dataframe_records': [{'age': 1}, {'age': 2}]}", TABLE);

        assertThat(tensors).extracting(Tensor::name).containsExactly("age");
        assertThat(doubles(tensors.getFirst())).containsExactly(1, 2);
    }

    @Test
    void refusesValuesOfTheWrongKindNamingColumnAndRow() {
        assertInvalid(
                () -> read("{'dataframe_split': {'columns': ['age', 'city'], 'data': [[1, 'a'], [2, 3]]}}", TABLE),
                "row 1, column \"city\": expected a string for datatype BYTES, found 3");
        assertInvalid(
                () -> read("{'dataframe_records': [{'age': 1}, {'age': 'old'}]}", TABLE),
                "row 1, column \"age\": expected a number for datatype FP64, found \"old\"");
        assertInvalid(
                () -> read("{'inputs': {'member': [true, 1]}}", TABLE),
                "row 1, column \"member\": expected a boolean for datatype BOOL, found 1");
        assertInvalid(
                () -> read("{'dataframe_records': [{'member': true}, {'age': 3}]}", TABLE),
                "row 1, column \"member\": no value, and datatype BOOL has no missing value (only numbers and text can"
                        + " be missing)");
    }

    @Test
    void refusesUnknownColumnsNamingThemAndTheModels() {
        assertInvalid(
                () -> read("{'dataframe_split': {'columns': ['age', 'zip', 'town'], 'data': []}}", TABLE),
                "unknown columns \"zip\", \"town\"; the model's columns are age, city, member, signup");
        assertInvalid(
                () -> read("{'dataframe_records': [{'age': 1, 'zip': '0150'}]}", TABLE),
                "unknown column \"zip\"; the model's columns are age, city, member, signup");
        assertInvalid(
                () -> read("{'inputs': {'zip': ['0150']}}", TABLE),
                "unknown column \"zip\"; the model's columns are age, city, member, signup");
        assertInvalid(
                () -> csv("age,zip\n1,2\n", TABLE),
                "unknown column \"zip\"; the model's columns are age, city, member, signup");
    }

    @Test
    void refusesAColumnGivenTwice() {
        assertInvalid(
                () -> read("{'dataframe_records': [{'age': 1, 'age': 2}]}", TABLE),
                "dataframe_records[0]: column \"age\" appears twice");
        assertInvalid(
                () -> read("{'dataframe_split': {'columns': ['age', 'age'], 'data': []}}", TABLE),
                "dataframe_split.columns: column \"age\" appears twice");
        assertInvalid(
                () -> read("{'inputs': {'age': [1], 'age': [2]}}", TABLE), "inputs: column \"age\" appears twice");
    }

    @Test
    void refusesRowsOfTheWrongWidthInASplitFrame() {
        assertInvalid(
                () -> read("{'dataframe_split': {'columns': ['age', 'city'], 'data': [[1, 'a'], [2]]}}", TABLE),
                "dataframe_split.data[1]: row 1 has 1 values but there are 2 columns");
        assertInvalid(
                () -> read("{'dataframe_split': {'columns': ['age'], 'data': [[1, 'a', 3]]}}", TABLE),
                "dataframe_split.data[0]: row 0 has 3 values but there are 1 columns");
    }

    @Test
    void refusesAnythingButExactlyOneFormat() {
        assertInvalid(
                () -> read("{'dataframe_split': {'columns': [], 'data': []}, 'instances': []}", TABLE),
                "request body: has both \"dataframe_split\" and \"instances\"; send exactly one of dataframe_split,"
                        + " dataframe_records, instances, inputs");
        assertInvalid(
                () -> read("{'params': {}}", TABLE),
                "request body: has none of dataframe_split, dataframe_records, instances, inputs; send exactly one of"
                        + " them");
        assertInvalid(
                () -> read("{'data': []}", TABLE),
                "request body: unknown field \"data\"; send exactly one of dataframe_split, dataframe_records,"
                        + " instances, inputs (and optionally params)");
        assertInvalid(
                () -> read("{'instances': [], 'params': {'temperature': 0.5}}", TABLE),
                "params: this model takes no params, but the request sets \"temperature\"");
        assertInvalid(
                () -> read("{'dataframe_split': {'columns': ['age'], 'rows': []}}", TABLE),
                "dataframe_split: unknown field \"rows\"; expected columns, data, index");
        assertInvalid(
                () -> read("{'dataframe_split': {'data': [[1]]}}", TABLE),
                "dataframe_split: missing required field \"columns\"");
    }

    @Test
    void reportsMalformedJson() {
        assertThatThrownBy(() -> read("{'instances': [1, 2,]}", MATRIX))
                .isInstanceOf(GyreException.class)
                .hasMessageStartingWith("malformed JSON at line 1, column 21: Unexpected character (']' (code 93))");
    }

    @Test
    void readsRowsForAMatrixModel() {
        String[] bodies = {
            "{'dataframe_split': {'columns': ['a', 'b', 'c'], 'data': [[1, 2, 3], [4, 5, null]]}}",
            "{'dataframe_split': {'data': [[1, 2, 3], [4, 5, null]]}}",
            "{'dataframe_records': [{'a': 1, 'b': 2, 'c': 3}, {'c': null, 'b': 5, 'a': 4}]}",
            "{'instances': [[1, 2, 3], [4, 5, 'NaN']]}",
            "{'inputs': [[1, 2, 3], [4, 5, null]]}",
            "{'inputs': {'features': [[1, 2, 3], [4, 5, null]]}}",
        };
        for (String body : bodies) {
            List<Tensor> tensors = read(body, MATRIX);
            assertThat(tensors).as(body).hasSize(1);
            Tensor features = tensors.getFirst();
            assertThat(features.name()).isEqualTo("features");
            assertThat(features.datatype()).isEqualTo(Datatype.FP32);
            assertThat(features.shape()).as(body).containsExactly(2, 3);
            assertThat(floats(features)).as(body).containsExactly(1, 2, 3, 4, 5, Float.NaN);
        }
    }

    @Test
    void refusesARowOfTheWrongWidthForAMatrixModel() {
        assertInvalid(
                () -> read("{'dataframe_split': {'data': [[1, 2, 3], [4, 5]]}}", MATRIX),
                "dataframe_split.data[1]: row 1 has 2 values but the model takes 3 features (input 'features' shape"
                        + " [-1, 3])");
        assertInvalid(
                () -> read("{'instances': [[1, 2, 3], [4, 5, 6, 7]]}", MATRIX),
                "instances[1]: row 1 has 4 values but the model takes 3 features (input 'features' shape [-1, 3])");
        assertInvalid(
                () -> read("{'inputs': [[1, 2, 3], [4, [5], 6]]}", MATRIX),
                "inputs[1][1]: expected a value for datatype FP32, found an array (the lists are not nested equally"
                        + " deep)");
        assertInvalid(
                () -> read("{'dataframe_split': {'columns': ['a', 'b'], 'data': [[1, 2]]}}", MATRIX),
                "dataframe_split: has 2 columns but the model takes 3 features (input 'features' shape [-1, 3])");
        assertInvalid(
                () -> read("{'dataframe_split': {'data': [[1, 2, 3]], 'columns': ['a', 'b']}}", MATRIX),
                "dataframe_split: has 2 columns but the model takes 3 features (input 'features' shape [-1, 3])");
        assertInvalid(
                () -> read("{'dataframe_records': [{'a': 1, 'b': 2}]}", MATRIX),
                "dataframe_records: the records have 2 columns but the model takes 3 features (input 'features' shape"
                        + " [-1, 3])");
        assertInvalid(
                () -> read("{'instances': [[1, 2, 'x']]}", MATRIX),
                "instances[0][2]: expected a number for datatype FP32, found \"x\"");
        assertInvalid(
                () -> read("{'inputs': {'feature': [[1, 2, 3]]}}", MATRIX),
                "inputs: unknown input \"feature\"; the model takes features FP32 [-1, 3]");
    }

    @Test
    void readsScalarsForAOneFeatureModelAndNestedListsForOtherTensorModels() {
        ModelMetadata oneFeature = new ModelMetadata(
                "onnxruntime_onnx",
                List.of(new TensorSpec("x", Datatype.FP64, new long[] {-1, 1}, true)),
                List.of(),
                false);
        Tensor x = read("{'instances': [1, 2, 3]}", oneFeature).getFirst();
        assertThat(x.shape()).containsExactly(3, 1);
        assertThat(doubles(x)).containsExactly(1, 2, 3);

        ModelMetadata images = new ModelMetadata(
                "onnxruntime_onnx",
                List.of(
                        new TensorSpec("image", Datatype.UINT8, new long[] {-1, 2, 2}, false),
                        new TensorSpec("mask", Datatype.BOOL, new long[] {-1}, false)),
                List.of(),
                false);
        List<Tensor> tensors =
                read("{'inputs': {'image': [[[1, 2], [3, 4]], [[5, 6], [7, 8]]], 'mask': [true, false]}}", images);
        assertThat(tensors.get(0).shape()).containsExactly(2, 2, 2);
        assertThat(((TensorData.Ints) tensors.get(0).data()).values()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(bools(tensors.get(1))).containsExactly(true, false);

        assertInvalid(
                () -> read("{'inputs': {'image': [[[1, 2], [3, 4, 5]]]}}", images),
                "inputs.image[0][1]: has 3 values but the model takes 2 at dimension 2 (input 'image' shape [-1, 2,"
                        + " 2])");
        assertInvalid(
                () -> read("{'inputs': {'image': [[[1, 256]]]}}", images),
                "inputs.image[0][0][1]: 256 is out of range for datatype UINT8 (0 to 255)");
        assertInvalid(
                () -> read("{'dataframe_records': []}", images),
                "dataframe_records: this model takes tensors (image UINT8 [-1, 2, 2], mask BOOL [-1]), not a table;"
                        + " send \"inputs\" or \"instances\" as nested lists");
    }

    @Test
    void readsCsvWithQuotesAndMissingValues() {
        List<Tensor> tensors = csv(
                "\uFEFFcity,age,member,signup\r\n"
                        + "\"Oslo, Norway\",41,True,2024-01-31T12:00:00Z\r\n"
                        + "\"He said \"\"hi\"\"\n(twice)\",,false,\r\n"
                        + "\r\n"
                        + ",7.5e1,FALSE,\"\"",
                TABLE);

        assertThat(tensors).extracting(Tensor::name).containsExactly("city", "age", "member", "signup");
        assertThat(texts(named(tensors, "city"))).containsExactly("Oslo, Norway", "He said \"hi\"\n(twice)", null);
        assertThat(doubles(named(tensors, "age"))).containsExactly(41, Double.NaN, 75);
        assertThat(bools(named(tensors, "member"))).containsExactly(true, false, false);
        assertThat(texts(named(tensors, "signup"))).containsExactly("2024-01-31T12:00:00Z", null, null);
    }

    @Test
    void readsCsvForAMatrixModel() {
        Tensor features = csv("a,b,c\n1,2,3\n4,5,nan\n", MATRIX).getFirst();

        assertThat(features.shape()).containsExactly(2, 3);
        assertThat(floats(features)).containsExactly(1, 2, 3, 4, 5, Float.NaN);
    }

    @Test
    void refusesBadCsv() {
        assertInvalid(
                () -> csv("age,city\n1,Oslo\n2\n", TABLE), "CSV row 1 (line 3): has 1 fields but the header has 2");
        assertInvalid(
                () -> csv("age,city\n1,Oslo\nabc,Bergen\n", TABLE),
                "CSV row 1 (line 3), column \"age\": expected a number for datatype FP64, found \"abc\"");
        assertInvalid(() -> csv("age,city\n1,\"Oslo\n", TABLE), "CSV line 2: a quoted field is not closed");
        assertInvalid(
                () -> csv("age,city\n1,\"Oslo\"x\n", TABLE),
                "CSV line 2: unexpected character \"x\" after a closing quote (a quote inside a quoted field is written"
                        + " \"\")");
        assertInvalid(() -> csv("", TABLE), "CSV body is empty; expected a header row of column names, then rows");
        assertInvalid(() -> csv("age,age\n1,2\n", TABLE), "CSV header: column \"age\" appears twice");
        assertInvalid(
                () -> csv("a,b\n1,2\n", MATRIX),
                "CSV header: has 2 columns but the model takes 3 features (input 'features' shape [-1, 3])");
        assertInvalid(
                () -> csv("member\nyes\n", TABLE),
                "CSV row 0 (line 2), column \"member\": expected a boolean for datatype BOOL, found \"yes\"");
    }

    @Test
    void refusesMoreValuesThanTheLimit() {
        assertInvalid(
                () -> MlflowScoring.readJson(json("{'instances': [[1, 2, 3], [4, 5, 6]]}"), MATRIX, 5),
                "the request has more than 5 values, the limit of one request");
    }

    @Test
    void writesOneOutputAsAListAndSeveralAsRecords() {
        Tensor probability = Tensor.of(
                "probability", Datatype.FP64, new long[] {2}, new TensorData.Doubles(new double[] {0.1, Double.NaN}));
        Tensor label =
                Tensor.of("label", Datatype.BYTES, new long[] {2}, new TensorData.Texts(new String[] {"bad", "good"}));
        Tensor scores = Tensor.of("scores", Datatype.FP32, new long[] {2, 2}, new TensorData.Floats(new float[] {
            0.25f, 0.75f, Float.POSITIVE_INFINITY, 0.5f
        }));

        assertThat(new String(MlflowScoring.writePredictions(List.of(probability)), StandardCharsets.UTF_8))
                .isEqualTo("{\"predictions\":[0.1,null]}");
        assertThat(new String(MlflowScoring.writePredictions(List.of(scores)), StandardCharsets.UTF_8))
                .isEqualTo("{\"predictions\":[[0.25,0.75],[null,0.5]]}");
        assertThat(new String(
                        MlflowScoring.writePredictions(List.of(probability, label, scores)), StandardCharsets.UTF_8))
                .isEqualTo("{\"predictions\":[{\"probability\":0.1,\"label\":\"bad\",\"scores\":[0.25,0.75]},"
                        + "{\"probability\":null,\"label\":\"good\",\"scores\":[null,0.5]}]}");
        assertThat(new String(MlflowScoring.writePredictions(List.of()), StandardCharsets.UTF_8))
                .isEqualTo("{\"predictions\":[]}");
    }
}
