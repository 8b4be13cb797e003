#!/usr/bin/python3
"""Writes the tiny ONNX models that OnnxModelRuntimeTest serves, next to this script.

Run with Debian's python3-onnx (onnx 1.12) and numpy: /usr/bin/python3 make_models.py
Every weight is written here, so the output is the same on every run; the Java test
recomputes the expected scores from the same numbers.
"""

import os

import numpy as np
from onnx import TensorProto, checker, helper, numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
OPSET = [helper.make_opsetid("", 13)]
IR_VERSION = 8  # onnx 1.12's ir version; any ONNX Runtime since 1.10 reads it

# logistic.onnx: probability = Sigmoid(x . W + b)
LOGISTIC_W = np.array([[0.5], [-1.25], [2.0], [0.75]], dtype=np.float32)
LOGISTIC_B = np.array([-0.3], dtype=np.float32)

# mixed.onnx: sum = a0 + 2 * a1 + b, is_big = sum > 10
MIXED_A_WEIGHTS = np.array([[1.0], [2.0]], dtype=np.float64)
MIXED_THRESHOLD = np.array(10.0, dtype=np.float64)


def save(graph, name):
    model = helper.make_model(graph, opset_imports=OPSET, producer_name="gyre make_models.py")
    model.ir_version = IR_VERSION
    checker.check_model(model)
    with open(os.path.join(HERE, name), "wb") as out:
        out.write(model.SerializeToString())


def tensor(name, elem_type, shape):
    return helper.make_tensor_value_info(name, elem_type, shape)


def logistic():
    graph = helper.make_graph(
        [
            helper.make_node("MatMul", ["x", "W"], ["xw"]),
            helper.make_node("Add", ["xw", "b"], ["logit"]),
            helper.make_node("Sigmoid", ["logit"], ["probability"]),
        ],
        "logistic",
        [tensor("x", TensorProto.FLOAT, ["batch", 4])],
        [tensor("probability", TensorProto.FLOAT, ["batch", 1])],
        initializer=[numpy_helper.from_array(LOGISTIC_W, "W"), numpy_helper.from_array(LOGISTIC_B, "b")],
    )
    save(graph, "logistic.onnx")


def mixed():
    graph = helper.make_graph(
        [
            helper.make_node("MatMul", ["a", "a_weights"], ["weighted"]),
            helper.make_node("Cast", ["b"], ["b_double"], to=TensorProto.DOUBLE),
            helper.make_node("Add", ["weighted", "b_double"], ["sum"]),
            helper.make_node("Greater", ["sum", "threshold"], ["is_big"]),
        ],
        "mixed",
        [tensor("a", TensorProto.DOUBLE, ["batch", 2]), tensor("b", TensorProto.INT64, ["batch", 1])],
        [tensor("sum", TensorProto.DOUBLE, ["batch", 1]), tensor("is_big", TensorProto.BOOL, ["batch", 1])],
        initializer=[
            numpy_helper.from_array(MIXED_A_WEIGHTS, "a_weights"),
            numpy_helper.from_array(MIXED_THRESHOLD, "threshold"),
        ],
    )
    save(graph, "mixed.onnx")


def types():
    """Echoes one input of each other element type; also gives a sequence, which the runtime leaves out."""
    inputs = [
        ("i32", TensorProto.INT32, ["batch", 2]),
        ("i16", TensorProto.INT16, ["batch"]),
        ("i8", TensorProto.INT8, ["batch"]),
        ("u8", TensorProto.UINT8, ["batch"]),
        ("flag", TensorProto.BOOL, ["batch"]),
        ("text", TensorProto.STRING, ["batch", 1]),
    ]
    nodes = [helper.make_node("Identity", [name], [name + "_out"]) for name, _, _ in inputs]
    nodes.append(helper.make_node("SequenceConstruct", ["i32"], ["i32_sequence"]))
    outputs = [tensor(name + "_out", elem, shape) for name, elem, shape in inputs]
    outputs.insert(
        1, helper.make_value_info("i32_sequence", helper.make_sequence_type_proto(
            helper.make_tensor_type_proto(TensorProto.INT32, ["batch", 2]))))
    graph = helper.make_graph(nodes, "types", [tensor(n, e, s) for n, e, s in inputs], outputs)
    save(graph, "types.onnx")


def refused():
    """Models the runtime refuses at load: a half-precision input, a sequence input, no tensor output."""
    save(
        helper.make_graph(
            [helper.make_node("Identity", ["x"], ["y"])],
            "float16",
            [tensor("x", TensorProto.FLOAT16, ["batch", 2])],
            [tensor("y", TensorProto.FLOAT16, ["batch", 2])],
        ),
        "float16.onnx",
    )
    float_sequence = helper.make_sequence_type_proto(helper.make_tensor_type_proto(TensorProto.FLOAT, ["batch"]))
    save(
        helper.make_graph(
            [helper.make_node("SequenceLength", ["parts"], ["count"])],
            "sequence_input",
            [helper.make_value_info("parts", float_sequence)],
            [tensor("count", TensorProto.INT64, [])],
        ),
        "sequence_input.onnx",
    )
    save(
        helper.make_graph(
            [helper.make_node("SequenceConstruct", ["x"], ["parts"])],
            "sequence_output",
            [tensor("x", TensorProto.FLOAT, ["batch"])],
            [helper.make_value_info("parts", float_sequence)],
        ),
        "sequence_output.onnx",
    )


if __name__ == "__main__":
    logistic()
    mixed()
    types()
    refused()
