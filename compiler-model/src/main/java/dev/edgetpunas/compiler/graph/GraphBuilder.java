package dev.edgetpunas.compiler.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * Builds a {@link Graph} op by op, inferring every output shape. Methods return the index of the
 * output tensor. Weights are constants without data (shapes are what compile and simulate need); a
 * trainer fills them.
 *
 * <pre>{@code
 * GraphBuilder b = new GraphBuilder("tiny", DType.FLOAT32);
 * int x = b.input("input", 32, 32, 3);
 * x = b.convBnAct("stem", x, 16, 3, 2, Nonlinearity.RELU);
 * x = b.mean("pool", x, List.of(1, 2), false);
 * x = b.fullyConnected("logits", x, 10, true);
 * Graph g = b.build(x);
 * }</pre>
 *
 * <p>Errors (inconsistent shapes) are thrown at once and name the op and the shapes.
 */
public final class GraphBuilder {
    /** Batch-norm epsilon used when none is given (EfficientNet's 1e-3). */
    public static final float DEFAULT_BN_EPSILON = 1e-3f;

    private final String name;
    private final DType dtype;
    private final List<Tensor> tensors = new ArrayList<>();
    private final List<Op> ops = new ArrayList<>();
    private final List<Integer> inputs = new ArrayList<>();
    private final Map<String, Integer> nameCount = new HashMap<>();

    /** A builder for a graph whose activations and weights have type {@code dtype}. */
    public GraphBuilder(String name, DType dtype) {
        this.name = Objects.requireNonNull(name, "name");
        this.dtype = Objects.requireNonNull(dtype, "dtype");
    }

    public String name() {
        return name;
    }

    /** The shape of tensor {@code t} built so far. */
    public Shape shape(int t) {
        return tensors.get(t).shape();
    }

    /** Tensor {@code t} built so far. */
    public Tensor tensor(int t) {
        return tensors.get(t);
    }

    /** Number of tensors added so far. */
    public int tensorCount() {
        return tensors.size();
    }

    /** Number of ops added so far. */
    public int opCount() {
        return ops.size();
    }

    private String unique(String n) {
        int k = nameCount.merge(n, 1, Integer::sum);
        return k == 1 ? n : n + "_" + k;
    }

    /** Adds a tensor as it is (its name made unique) and returns its index. */
    public int addTensor(Tensor t) {
        tensors.add(t.withName(unique(t.name())));
        return tensors.size() - 1;
    }

    /** A graph input of shape {@code [1, h, w, c]}. */
    public int input(String name, int h, int w, int c) {
        return input(name, Shape.nhwc(h, w, c));
    }

    /** A graph input of any shape. */
    public int input(String name, Shape shape) {
        int t = addTensor(Tensor.activation(name, shape, dtype));
        inputs.add(t);
        return t;
    }

    /** A constant (weights) of the builder's type, without data. */
    public int constant(String name, Shape shape) {
        return addTensor(Tensor.constant(name, shape, dtype));
    }

    /** An int32 constant with data (axes, shapes, paddings). */
    public int intConstant(String name, int... values) {
        return addTensor(Tensor.constant(name, Shape.of(values.length), DType.INT32, Bytes.ofInts(values)));
    }

    /**
     * Adds an op made by {@code make} from the indices its outputs will get; infers output shapes
     * (or uses {@code explicitShapes} for ops whose output shape is not inferable) and returns the
     * output indices.
     */
    public List<Integer> addOp(String opName, int outputCount, IntFunction<Op> make, List<Shape> explicitShapes) {
        int first = tensors.size();
        Op op = make.apply(first);
        List<Shape> shapes;
        try {
            shapes = ShapeInference.infer(op, tensors::get).orElse(explicitShapes);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("graph '" + name + "': op " + ops.size() + " (" + op.opName() + " '" + opName
                    + "'): " + e.getMessage(), e);
        }
        if (shapes == null || shapes.size() != outputCount) {
            throw new IllegalArgumentException("op '" + opName + "' (" + op.opName() + ") needs " + outputCount + " explicit output shapes");
        }
        for (Shape s : shapes) {
            if (s.elements() == 0) {
                throw new IllegalArgumentException("graph '" + name + "': op " + ops.size() + " (" + op.opName() + " '" + opName
                        + "') would have an empty output " + s + " from inputs " + ShapeInference.inputShapes(op, tensors::get));
            }
        }
        DType outType = dtype;
        List<Integer> outs = new ArrayList<>();
        for (int k = 0; k < outputCount; k++) {
            outs.add(addTensor(Tensor.activation(outputCount == 1 ? opName : opName + ":" + k, shapes.get(k),
                    op.kind() == OpKind.ARG_MAX ? DType.INT32 : outType)));
        }
        if (!outs.get(0).equals(first) || op.outputs().size() != outputCount) {
            throw new IllegalStateException("op '" + opName + "' made with wrong output indices");
        }
        ops.add(op);
        return outs;
    }

    private int add1(String opName, IntFunction<Op> make) {
        return addOp(opName, 1, make, null).get(0);
    }

    private int add1(String opName, IntFunction<Op> make, Shape explicit) {
        return addOp(opName, 1, make, List.of(explicit)).get(0);
    }

    private static List<Integer> io(int... t) {
        List<Integer> l = new ArrayList<>(t.length);
        for (int i : t) l.add(i);
        return l;
    }

    // ---- convolutions --------------------------------------------------------------------------

    /** CONV_2D with a square kernel, equal strides, no dilation. */
    public int conv2d(String name, int x, int filters, int kernel, int stride, Padding padding, boolean bias,
            Activation act) {
        return conv2d(name, x, filters, kernel, kernel, stride, stride, padding, 1, bias, act);
    }

    /** CONV_2D: filter {@code [filters, kh, kw, Cin]}. */
    public int conv2d(String name, int x, int filters, int kh, int kw, int strideH, int strideW, Padding padding,
            int dilation, boolean bias, Activation act) {
        int cin = shape(x).c();
        int w = constant(name + "/weights", Shape.of(filters, kh, kw, cin));
        int b = bias ? constant(name + "/bias", Shape.of(filters)) : -1;
        return add1(name, o -> new Op.Conv2D(b < 0 ? io(x, w) : io(x, w, b), io(o), padding, strideH, strideW,
                dilation, dilation, act));
    }

    /** DEPTHWISE_CONV_2D: filter {@code [1, kh, kw, Cin * multiplier]}. */
    public int depthwiseConv2d(String name, int x, int kh, int kw, int strideH, int strideW, Padding padding,
            int multiplier, int dilation, boolean bias, Activation act) {
        int cout = shape(x).c() * multiplier;
        int w = constant(name + "/depthwise_weights", Shape.of(1, kh, kw, cout));
        int b = bias ? constant(name + "/bias", Shape.of(cout)) : -1;
        return add1(name, o -> new Op.DepthwiseConv2D(b < 0 ? io(x, w) : io(x, w, b), io(o), padding, strideH,
                strideW, multiplier, dilation, dilation, act));
    }

    /** FULLY_CONNECTED: weights {@code [units, in]}, where {@code in} is the last dimension of {@code x}. */
    public int fullyConnected(String name, int x, int units, boolean bias) {
        int in = shape(x).c();
        int w = constant(name + "/weights", Shape.of(units, in));
        int b = bias ? constant(name + "/bias", Shape.of(units)) : -1;
        return add1(name, o -> new Op.FullyConnected(b < 0 ? io(x, w) : io(x, w, b), io(o), Activation.NONE, false));
    }

    /** TRANSPOSE_CONV: output {@code [1, H*s, W*s, filters]} for SAME padding. */
    public int transposeConv2d(String name, int x, int filters, int kernel, int stride, Padding padding, boolean bias) {
        Shape in = shape(x);
        int oh = padding == Padding.SAME ? in.h() * stride : (in.h() - 1) * stride + kernel;
        int ow = padding == Padding.SAME ? in.w() * stride : (in.w() - 1) * stride + kernel;
        int os = intConstant(name + "/output_shape", 1, oh, ow, filters);
        int w = constant(name + "/weights", Shape.of(filters, kernel, kernel, in.c()));
        int b = bias ? constant(name + "/bias", Shape.of(filters)) : -1;
        return add1(name, o -> new Op.TransposeConv(b < 0 ? io(os, w, x) : io(os, w, x, b), io(o), padding, stride,
                stride, Activation.NONE), Shape.of(1, oh, ow, filters));
    }

    /** Training-only BATCH_NORM over the channels of {@code x}. */
    public int batchNorm(String name, int x, float epsilon) {
        int c = shape(x).c();
        int gamma = constant(name + "/gamma", Shape.of(c));
        int beta = constant(name + "/beta", Shape.of(c));
        int mean = constant(name + "/moving_mean", Shape.of(c));
        int var = constant(name + "/moving_variance", Shape.of(c));
        return add1(name, o -> new Op.BatchNorm(io(x, gamma, beta, mean, var), io(o), epsilon));
    }

    /** The ops of an activation function applied to {@code x} (none for {@link Nonlinearity#NONE}). */
    public int activation(String name, int x, Nonlinearity f) {
        return switch (f) {
            case NONE -> x;
            case RELU -> relu(name, x);
            case RELU6 -> relu6(name, x);
            case HARD_SWISH -> hardSwish(name, x);
            case SIGMOID -> logistic(name, x);
            case TANH -> tanh(name, x);
            case SWISH -> mul(name, x, logistic(name + "/sigmoid", x));
        };
    }

    /** Conv (no bias) + BATCH_NORM + activation, as Keras and TF-slim models are trained. */
    public int convBnAct(String name, int x, int filters, int kernel, int stride, Nonlinearity f) {
        return convBnAct(name, x, filters, kernel, kernel, stride, Padding.SAME, f);
    }

    /** Conv (no bias) + BATCH_NORM + activation with a rectangular kernel and explicit padding. */
    public int convBnAct(String name, int x, int filters, int kh, int kw, int stride, Padding padding, Nonlinearity f) {
        int y = conv2d(name, x, filters, kh, kw, stride, stride, padding, 1, false, Activation.NONE);
        y = batchNorm(name + "/bn", y, DEFAULT_BN_EPSILON);
        return activation(name + "/act", y, f);
    }

    /** Depthwise conv (no bias) + BATCH_NORM + activation. */
    public int depthwiseBnAct(String name, int x, int kernel, int stride, Nonlinearity f) {
        int y = depthwiseConv2d(name, x, kernel, kernel, stride, stride, Padding.SAME, 1, 1, false, Activation.NONE);
        y = batchNorm(name + "/bn", y, DEFAULT_BN_EPSILON);
        return activation(name + "/act", y, f);
    }

    // ---- element-wise and activations ----------------------------------------------------------

    public int add(String name, int a, int b) {
        return add1(name, o -> new Op.Add(io(a, b), io(o), Activation.NONE));
    }

    public int sub(String name, int a, int b) {
        return add1(name, o -> new Op.Sub(io(a, b), io(o), Activation.NONE));
    }

    public int mul(String name, int a, int b) {
        return add1(name, o -> new Op.Mul(io(a, b), io(o), Activation.NONE));
    }

    public int relu(String name, int x) {
        return add1(name, o -> new Op.Relu(io(x), io(o)));
    }

    public int relu6(String name, int x) {
        return add1(name, o -> new Op.Relu6(io(x), io(o)));
    }

    public int hardSwish(String name, int x) {
        return add1(name, o -> new Op.HardSwish(io(x), io(o)));
    }

    public int logistic(String name, int x) {
        return add1(name, o -> new Op.Logistic(io(x), io(o)));
    }

    public int tanh(String name, int x) {
        return add1(name, o -> new Op.Tanh(io(x), io(o)));
    }

    public int softmax(String name, int x) {
        return add1(name, o -> new Op.Softmax(io(x), io(o), 1f));
    }

    // ---- pooling, reductions, shape ops --------------------------------------------------------

    public int averagePool(String name, int x, int kernel, int stride, Padding padding) {
        return add1(name, o -> new Op.AveragePool2D(io(x), io(o), padding, stride, stride, kernel, kernel, Activation.NONE));
    }

    public int maxPool(String name, int x, int kernel, int stride, Padding padding) {
        return add1(name, o -> new Op.MaxPool2D(io(x), io(o), padding, stride, stride, kernel, kernel, Activation.NONE));
    }

    /** AVERAGE_POOL_2D with a rectangular window and strides (e.g. a global pool over an {@code h x w} map). */
    public int averagePool(String name, int x, int kh, int kw, int strideH, int strideW, Padding padding) {
        return add1(name, o -> new Op.AveragePool2D(io(x), io(o), padding, strideH, strideW, kh, kw, Activation.NONE));
    }

    /** MAX_POOL_2D with a rectangular window and strides. */
    public int maxPool(String name, int x, int kh, int kw, int strideH, int strideW, Padding padding) {
        return add1(name, o -> new Op.MaxPool2D(io(x), io(o), padding, strideH, strideW, kh, kw, Activation.NONE));
    }

    /** MEAN over {@code axes}, with the axes as an int32 constant input as in .tflite files. */
    public int mean(String name, int x, List<Integer> axes, boolean keepDims) {
        int a = intConstant(name + "/reduction_indices", axes.stream().mapToInt(Integer::intValue).toArray());
        return add1(name, o -> new Op.Mean(io(x, a), io(o), axes, keepDims));
    }

    /** CONCATENATION along {@code axis}. */
    public int concat(String name, int axis, List<Integer> xs) {
        return add1(name, o -> new Op.Concatenation(xs, io(o), axis, Activation.NONE));
    }

    /** RESHAPE to {@code shape}, with the new shape as an int32 constant input. */
    public int reshape(String name, int x, Shape shape) {
        int s = intConstant(name + "/shape", shape.toArray());
        return add1(name, o -> new Op.Reshape(io(x, s), io(o)), shape);
    }

    /** PAD of an NHWC tensor by (top, bottom, left, right) zeros. */
    public int pad(String name, int x, int top, int bottom, int left, int right) {
        List<Integer> p = List.of(0, 0, top, bottom, left, right, 0, 0);
        int pt = intConstant(name + "/paddings", 0, 0, top, bottom, left, right, 0, 0);
        return add1(name, o -> new Op.Pad(io(x, pt), io(o), p));
    }

    /** PAD of an NHWC tensor by {@code p} zeros on every side of height and width (Keras {@code ZeroPadding2D(p)}). */
    public int pad(String name, int x, int p) {
        return pad(name, x, p, p, p, p);
    }

    /** RESIZE_BILINEAR to {@code h x w}. */
    public int resizeBilinear(String name, int x, int h, int w, boolean alignCorners, boolean halfPixelCenters) {
        Shape in = shape(x);
        int s = intConstant(name + "/size", h, w);
        return add1(name, o -> new Op.ResizeBilinear(io(x, s), io(o), alignCorners, halfPixelCenters),
                Shape.of(in.dim(0), h, w, in.c()));
    }

    /** RESIZE_NEAREST_NEIGHBOR to {@code h x w}. */
    public int resizeNearest(String name, int x, int h, int w, boolean alignCorners, boolean halfPixelCenters) {
        Shape in = shape(x);
        int s = intConstant(name + "/size", h, w);
        return add1(name, o -> new Op.ResizeNearestNeighbor(io(x, s), io(o), alignCorners, halfPixelCenters),
                Shape.of(in.dim(0), h, w, in.c()));
    }

    /** SPLIT into {@code parts} equal pieces along {@code axis}. */
    public List<Integer> split(String name, int x, int axis, int parts) {
        int a = intConstant(name + "/axis", axis);
        return addOp(name, parts, o -> {
            List<Integer> outs = new ArrayList<>();
            for (int k = 0; k < parts; k++) outs.add(o + k);
            return new Op.Split(io(a, x), outs, axis, parts);
        }, null);
    }

    /** ARG_MAX along {@code axis}. */
    public int argMax(String name, int x, int axis) {
        int a = intConstant(name + "/axis", axis);
        return add1(name, o -> new Op.ArgMax(io(x, a), io(o), axis));
    }

    /** A CUSTOM op with the given outputs' shapes (types: the builder's). */
    public List<Integer> custom(String name, String customCode, List<Integer> xs, List<Shape> outputShapes) {
        return addOp(name, outputShapes.size(), o -> {
            List<Integer> outs = new ArrayList<>();
            for (int k = 0; k < outputShapes.size(); k++) outs.add(o + k);
            return new Op.Custom(xs, outs, customCode, Bytes.empty());
        }, outputShapes);
    }

    /** The graph with {@code outputs} as its outputs. */
    public Graph build(int... outputs) {
        return new Graph(name, tensors, ops, inputs, io(outputs));
    }

    /** The graph with {@code outputs} as its outputs. */
    public Graph build(List<Integer> outputs) {
        return new Graph(name, tensors, ops, inputs, outputs);
    }

    /** The type of the builder's activations and weights. */
    public DType dtype() {
        return dtype;
    }
}
