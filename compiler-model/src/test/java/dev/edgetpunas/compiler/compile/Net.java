package dev.edgetpunas.compiler.compile;

import dev.edgetpunas.compiler.graph.Activation;
import dev.edgetpunas.compiler.graph.Bytes;
import dev.edgetpunas.compiler.graph.DType;
import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.graph.Op;
import dev.edgetpunas.compiler.graph.Padding;
import dev.edgetpunas.compiler.graph.Shape;
import dev.edgetpunas.compiler.graph.Tensor;
import java.util.ArrayList;
import java.util.List;

/** A hand-assembled graph for tests that need tensor types the GraphBuilder does not make (float inputs, int16 state). */
final class Net {
    final List<Tensor> tensors = new ArrayList<>();
    final List<Op> ops = new ArrayList<>();
    final List<Integer> inputs = new ArrayList<>();

    int input(String name, DType type, int... shape) {
        int t = tensor(name, type, shape);
        inputs.add(t);
        return t;
    }

    int tensor(String name, DType type, int... shape) {
        tensors.add(Tensor.activation(name, Shape.of(shape), type));
        return tensors.size() - 1;
    }

    int constant(String name, DType type, int... shape) {
        tensors.add(Tensor.constant(name, Shape.of(shape), type));
        return tensors.size() - 1;
    }

    int zeros(String name, DType type, int... shape) {
        Shape s = Shape.of(shape);
        tensors.add(Tensor.constant(name, s, type, Bytes.wrap(new byte[(int) (s.elements() * type.bytes())])));
        return tensors.size() - 1;
    }

    int ints(String name, int... values) {
        tensors.add(Tensor.constant(name, Shape.of(values.length), DType.INT32, Bytes.ofInts(values)));
        return tensors.size() - 1;
    }

    /** A 1x1 int8 conv from {@code x} (NHWC) to {@code out} channels; returns the output tensor. */
    int conv1x1(String name, int x, int out) {
        Shape s = tensors.get(x).shape();
        int w = constant(name + "/w", DType.INT8, out, 1, 1, s.c());
        int b = constant(name + "/b", DType.INT32, out);
        int y = tensor(name, tensors.get(x).dtype(), 1, s.h(), s.w(), out);
        ops.add(new Op.Conv2D(List.of(x, w, b), List.of(y), Padding.SAME, 1, 1, 1, 1, Activation.RELU));
        return y;
    }

    /** A same-shape op made by {@code make(input, output)}. */
    int unary(String name, int x, java.util.function.BiFunction<Integer, Integer, Op> make) {
        Tensor in = tensors.get(x);
        int y = tensor(name, in.dtype(), in.shape().toArray());
        ops.add(make.apply(x, y));
        return y;
    }

    int op(Op op) {
        ops.add(op);
        return op.output();
    }

    Graph build(String name, int... outputs) {
        List<Integer> outs = new ArrayList<>();
        for (int o : outputs) outs.add(o);
        return new Graph(name, tensors, ops, inputs, outs);
    }
}
