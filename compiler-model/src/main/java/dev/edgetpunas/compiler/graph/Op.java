package dev.edgetpunas.compiler.graph;

import java.util.List;
import java.util.Objects;

/**
 * An operation of a {@link Graph}: one record per kind, named after TFLite's builtin operators. Inputs
 * and outputs are tensor indices into the graph (an optional input that is absent is {@code -1}, as in
 * TFLite). Inputs keep TFLite's order (for example {@link TransposeConv}: output shape, weights, input,
 * bias; {@link Split}: axis, input) so that .tflite files map one to one.
 *
 * <pre>{@code
 * Op conv = new Op.Conv2D(List.of(0, 1, 2), List.of(3), Padding.SAME, 2, 2, 1, 1, Activation.RELU6);
 * conv.kind();          // CONV_2D
 * conv.opName();        // "CONV_2D"
 * }</pre>
 *
 * <p>Passes switch over {@link #kind()} exhaustively (Java 17 has no pattern switch over sealed types).
 */
public sealed interface Op {

    /** The kind of this op. */
    OpKind kind();

    /** Input tensor indices ({@code -1} for an absent optional input). */
    List<Integer> inputs();

    /** Output tensor indices. */
    List<Integer> outputs();

    /** The same op with other tensor indices (used by passes that renumber tensors). */
    Op withIO(List<Integer> inputs, List<Integer> outputs);

    /** The op's name in any output: its TFLite builtin name ({@code CONV_2D}), {@code CUSTOM} for custom ops. */
    default String opName() {
        return kind().name();
    }

    /** The main data input (the activation the op transforms). */
    default int dataInput() {
        return inputs().get(0);
    }

    /** The first output. */
    default int output() {
        return outputs().get(0);
    }

    /**
     * Whether input {@code position} is a parameter (weights, bias, a constant operand) when it is a
     * constant, as opposed to a shape-like argument (axes, new shape, paddings, sizes).
     */
    default boolean isParameterInput(int position) {
        return true;
    }

    /** The fused activation, or {@link Activation#NONE} for ops without one. */
    default Activation fusedActivation() {
        return Activation.NONE;
    }

    private static List<Integer> copy(List<Integer> l, String what, int min, int max, boolean allowAbsent) {
        Objects.requireNonNull(l, what);
        List<Integer> c = List.copyOf(l);
        if (c.size() < min || c.size() > max) {
            throw new IllegalArgumentException(what + " must have " + (min == max ? "" + min : min + ".." + max)
                    + " entries, but had " + c.size() + ": " + c);
        }
        for (int i = 0; i < c.size(); i++) {
            int t = c.get(i);
            if (t < -1 || (t == -1 && !allowAbsent)) {
                throw new IllegalArgumentException(what + "[" + i + "] must be a tensor index >= 0, but was " + t);
            }
        }
        return c;
    }

    private static int positive(int v, String what) {
        if (v <= 0) throw new IllegalArgumentException(what + " must be > 0, but was " + v);
        return v;
    }


    /** 2-D convolution. Inputs: input, filter [Cout, kh, kw, Cin], optional bias [Cout]. */
    record Conv2D(List<Integer> inputs, List<Integer> outputs, Padding padding, int strideH, int strideW, int dilationH, int dilationW, Activation activation) implements Op {
        public Conv2D {
            inputs = copy(inputs, "CONV_2D inputs", 2, 3, false);
            outputs = copy(outputs, "CONV_2D outputs", 1, 1, false);
            Objects.requireNonNull(padding, "padding");
            Objects.requireNonNull(activation, "activation");
            positive(strideH, "strideH");
            positive(strideW, "strideW");
            positive(dilationH, "dilationH");
            positive(dilationW, "dilationW");
        }

        @Override
        public OpKind kind() {
            return OpKind.CONV_2D;
        }

        @Override
        public Conv2D withIO(List<Integer> inputs, List<Integer> outputs) {
            return new Conv2D(inputs, outputs, padding, strideH, strideW, dilationH, dilationW, activation);
        }

        @Override
        public Activation fusedActivation() {
            return activation;
        }

        /** The filter tensor index. */
        public int filter() {
            return inputs.get(1);
        }

        /** The bias tensor index, or -1. */
        public int bias() {
            return inputs.size() > 2 ? inputs.get(2) : -1;
        }
    }

    /** Depthwise 2-D convolution. Inputs: input, filter [1, kh, kw, Cin * depthMultiplier], optional bias. */
    record DepthwiseConv2D(List<Integer> inputs, List<Integer> outputs, Padding padding, int strideH, int strideW, int depthMultiplier, int dilationH, int dilationW, Activation activation) implements Op {
        public DepthwiseConv2D {
            inputs = copy(inputs, "DEPTHWISE_CONV_2D inputs", 2, 3, false);
            outputs = copy(outputs, "DEPTHWISE_CONV_2D outputs", 1, 1, false);
            Objects.requireNonNull(padding, "padding");
            Objects.requireNonNull(activation, "activation");
            positive(strideH, "strideH");
            positive(strideW, "strideW");
            positive(dilationH, "dilationH");
            positive(dilationW, "dilationW");
            positive(depthMultiplier, "depthMultiplier");
        }

        @Override
        public OpKind kind() {
            return OpKind.DEPTHWISE_CONV_2D;
        }

        @Override
        public DepthwiseConv2D withIO(List<Integer> inputs, List<Integer> outputs) {
            return new DepthwiseConv2D(inputs, outputs, padding, strideH, strideW, depthMultiplier, dilationH, dilationW, activation);
        }

        @Override
        public Activation fusedActivation() {
            return activation;
        }

        /** The filter tensor index. */
        public int filter() {
            return inputs.get(1);
        }

        /** The bias tensor index, or -1. */
        public int bias() {
            return inputs.size() > 2 ? inputs.get(2) : -1;
        }
    }

    /** Fully connected layer. Inputs: input, weights [out, in], optional bias [out]. */
    record FullyConnected(List<Integer> inputs, List<Integer> outputs, Activation activation, boolean keepNumDims) implements Op {
        public FullyConnected {
            inputs = copy(inputs, "FULLY_CONNECTED inputs", 2, 3, true);
            outputs = copy(outputs, "FULLY_CONNECTED outputs", 1, 1, false);
            Objects.requireNonNull(activation, "activation");
        }

        @Override
        public OpKind kind() {
            return OpKind.FULLY_CONNECTED;
        }

        @Override
        public FullyConnected withIO(List<Integer> inputs, List<Integer> outputs) {
            return new FullyConnected(inputs, outputs, activation, keepNumDims);
        }

        @Override
        public Activation fusedActivation() {
            return activation;
        }

        /** The weights tensor index. */
        public int weights() {
            return inputs.get(1);
        }

        /** The bias tensor index, or -1. */
        public int bias() {
            return inputs.size() > 2 ? inputs.get(2) : -1;
        }
    }

    /** Transposed convolution, inputs in TFLite order: output shape (int32 constant), weights [Cout, kh, kw, Cin], input, optional bias. */
    record TransposeConv(List<Integer> inputs, List<Integer> outputs, Padding padding, int strideH, int strideW, Activation activation) implements Op {
        public TransposeConv {
            inputs = copy(inputs, "TRANSPOSE_CONV inputs", 3, 4, true);
            outputs = copy(outputs, "TRANSPOSE_CONV outputs", 1, 1, false);
            Objects.requireNonNull(padding, "padding");
            Objects.requireNonNull(activation, "activation");
            positive(strideH, "strideH");
            positive(strideW, "strideW");
        }

        @Override
        public OpKind kind() {
            return OpKind.TRANSPOSE_CONV;
        }

        @Override
        public TransposeConv withIO(List<Integer> inputs, List<Integer> outputs) {
            return new TransposeConv(inputs, outputs, padding, strideH, strideW, activation);
        }

        @Override
        public Activation fusedActivation() {
            return activation;
        }

        @Override
        public int dataInput() {
            return inputs.get(2);
        }

        /** The weights tensor index. */
        public int weights() {
            return inputs.get(1);
        }

        /** The bias tensor index, or -1. */
        public int bias() {
            return inputs.size() > 3 ? inputs.get(3) : -1;
        }

        @Override
        public boolean isParameterInput(int position) {
            return position != 0;
        }
    }

    /** Element-wise addition with broadcasting. */
    record Add(List<Integer> inputs, List<Integer> outputs, Activation activation) implements Op {
        public Add {
            inputs = copy(inputs, "ADD inputs", 2, 2, false);
            outputs = copy(outputs, "ADD outputs", 1, 1, false);
            Objects.requireNonNull(activation, "activation");
        }

        @Override
        public OpKind kind() {
            return OpKind.ADD;
        }

        @Override
        public Add withIO(List<Integer> inputs, List<Integer> outputs) {
            return new Add(inputs, outputs, activation);
        }

        @Override
        public Activation fusedActivation() {
            return activation;
        }
    }

    /** Element-wise subtraction with broadcasting. */
    record Sub(List<Integer> inputs, List<Integer> outputs, Activation activation) implements Op {
        public Sub {
            inputs = copy(inputs, "SUB inputs", 2, 2, false);
            outputs = copy(outputs, "SUB outputs", 1, 1, false);
            Objects.requireNonNull(activation, "activation");
        }

        @Override
        public OpKind kind() {
            return OpKind.SUB;
        }

        @Override
        public Sub withIO(List<Integer> inputs, List<Integer> outputs) {
            return new Sub(inputs, outputs, activation);
        }

        @Override
        public Activation fusedActivation() {
            return activation;
        }
    }

    /** Element-wise multiplication with broadcasting (a [1,1,1,C] operand scales channels, as in squeeze-and-excitation). */
    record Mul(List<Integer> inputs, List<Integer> outputs, Activation activation) implements Op {
        public Mul {
            inputs = copy(inputs, "MUL inputs", 2, 2, false);
            outputs = copy(outputs, "MUL outputs", 1, 1, false);
            Objects.requireNonNull(activation, "activation");
        }

        @Override
        public OpKind kind() {
            return OpKind.MUL;
        }

        @Override
        public Mul withIO(List<Integer> inputs, List<Integer> outputs) {
            return new Mul(inputs, outputs, activation);
        }

        @Override
        public Activation fusedActivation() {
            return activation;
        }
    }

    /** Average pooling. */
    record AveragePool2D(List<Integer> inputs, List<Integer> outputs, Padding padding, int strideH, int strideW, int filterH, int filterW, Activation activation) implements Op {
        public AveragePool2D {
            inputs = copy(inputs, "AVERAGE_POOL_2D inputs", 1, 1, false);
            outputs = copy(outputs, "AVERAGE_POOL_2D outputs", 1, 1, false);
            Objects.requireNonNull(padding, "padding");
            Objects.requireNonNull(activation, "activation");
            positive(strideH, "strideH");
            positive(strideW, "strideW");
            positive(filterH, "filterH");
            positive(filterW, "filterW");
        }

        @Override
        public OpKind kind() {
            return OpKind.AVERAGE_POOL_2D;
        }

        @Override
        public AveragePool2D withIO(List<Integer> inputs, List<Integer> outputs) {
            return new AveragePool2D(inputs, outputs, padding, strideH, strideW, filterH, filterW, activation);
        }

        @Override
        public Activation fusedActivation() {
            return activation;
        }
    }

    /** Max pooling. */
    record MaxPool2D(List<Integer> inputs, List<Integer> outputs, Padding padding, int strideH, int strideW, int filterH, int filterW, Activation activation) implements Op {
        public MaxPool2D {
            inputs = copy(inputs, "MAX_POOL_2D inputs", 1, 1, false);
            outputs = copy(outputs, "MAX_POOL_2D outputs", 1, 1, false);
            Objects.requireNonNull(padding, "padding");
            Objects.requireNonNull(activation, "activation");
            positive(strideH, "strideH");
            positive(strideW, "strideW");
            positive(filterH, "filterH");
            positive(filterW, "filterW");
        }

        @Override
        public OpKind kind() {
            return OpKind.MAX_POOL_2D;
        }

        @Override
        public MaxPool2D withIO(List<Integer> inputs, List<Integer> outputs) {
            return new MaxPool2D(inputs, outputs, padding, strideH, strideW, filterH, filterW, activation);
        }

        @Override
        public Activation fusedActivation() {
            return activation;
        }
    }

    /** Mean over {@code axes} (the axes are also an int32 constant input in .tflite files). */
    record Mean(List<Integer> inputs, List<Integer> outputs, List<Integer> axes, boolean keepDims) implements Op {
        public Mean {
            inputs = copy(inputs, "MEAN inputs", 1, 2, false);
            outputs = copy(outputs, "MEAN outputs", 1, 1, false);
            axes = List.copyOf(axes);
        }

        @Override
        public OpKind kind() {
            return OpKind.MEAN;
        }

        @Override
        public Mean withIO(List<Integer> inputs, List<Integer> outputs) {
            return new Mean(inputs, outputs, axes, keepDims);
        }

        @Override
        public boolean isParameterInput(int position) {
            return position == 0;
        }
    }

    /** Concatenation along {@code axis} (negative counts from the end). */
    record Concatenation(List<Integer> inputs, List<Integer> outputs, int axis, Activation activation) implements Op {
        public Concatenation {
            inputs = copy(inputs, "CONCATENATION inputs", 1, Integer.MAX_VALUE, false);
            outputs = copy(outputs, "CONCATENATION outputs", 1, 1, false);
            Objects.requireNonNull(activation, "activation");
        }

        @Override
        public OpKind kind() {
            return OpKind.CONCATENATION;
        }

        @Override
        public Concatenation withIO(List<Integer> inputs, List<Integer> outputs) {
            return new Concatenation(inputs, outputs, axis, activation);
        }

        @Override
        public Activation fusedActivation() {
            return activation;
        }
    }

    /** Split into equal parts along {@code axis}; inputs in TFLite order: axis (int32 constant), input. */
    record Split(List<Integer> inputs, List<Integer> outputs, int axis, int numSplits) implements Op {
        public Split {
            inputs = copy(inputs, "SPLIT inputs", 2, 2, false);
            outputs = copy(outputs, "SPLIT outputs", 1, Integer.MAX_VALUE, false);
            positive(numSplits, "numSplits");
        }

        @Override
        public OpKind kind() {
            return OpKind.SPLIT;
        }

        @Override
        public Split withIO(List<Integer> inputs, List<Integer> outputs) {
            return new Split(inputs, outputs, axis, numSplits);
        }

        @Override
        public int dataInput() {
            return inputs.get(1);
        }

        @Override
        public boolean isParameterInput(int position) {
            return false;
        }
    }

    /** Reshape to the output tensor's shape (an optional second input holds the new shape). */
    record Reshape(List<Integer> inputs, List<Integer> outputs) implements Op {
        public Reshape {
            inputs = copy(inputs, "RESHAPE inputs", 1, 2, false);
            outputs = copy(outputs, "RESHAPE outputs", 1, 1, false);
        }

        @Override
        public OpKind kind() {
            return OpKind.RESHAPE;
        }

        @Override
        public Reshape withIO(List<Integer> inputs, List<Integer> outputs) {
            return new Reshape(inputs, outputs);
        }

        @Override
        public boolean isParameterInput(int position) {
            return position == 0;
        }
    }

    /** Removes unit dimensions ({@code squeezeDims}, or all if empty). */
    record Squeeze(List<Integer> inputs, List<Integer> outputs, List<Integer> squeezeDims) implements Op {
        public Squeeze {
            inputs = copy(inputs, "SQUEEZE inputs", 1, 1, false);
            outputs = copy(outputs, "SQUEEZE outputs", 1, 1, false);
            squeezeDims = List.copyOf(squeezeDims);
        }

        @Override
        public OpKind kind() {
            return OpKind.SQUEEZE;
        }

        @Override
        public Squeeze withIO(List<Integer> inputs, List<Integer> outputs) {
            return new Squeeze(inputs, outputs, squeezeDims);
        }
    }

    /** Zero padding; {@code paddings} holds (before, after) per dimension, flattened (also an int32 constant input). */
    record Pad(List<Integer> inputs, List<Integer> outputs, List<Integer> paddings) implements Op {
        public Pad {
            inputs = copy(inputs, "PAD inputs", 1, 2, false);
            outputs = copy(outputs, "PAD outputs", 1, 1, false);
            paddings = List.copyOf(paddings);
        }

        @Override
        public OpKind kind() {
            return OpKind.PAD;
        }

        @Override
        public Pad withIO(List<Integer> inputs, List<Integer> outputs) {
            return new Pad(inputs, outputs, paddings);
        }

        @Override
        public boolean isParameterInput(int position) {
            return position == 0;
        }

        /** Padding before dimension {@code d}. */
        public int before(int d) {
            return paddings.get(2 * d);
        }

        /** Padding after dimension {@code d}. */
        public int after(int d) {
            return paddings.get(2 * d + 1);
        }
    }

    /** Softmax over the last dimension. */
    record Softmax(List<Integer> inputs, List<Integer> outputs, float beta) implements Op {
        public Softmax {
            inputs = copy(inputs, "SOFTMAX inputs", 1, 1, false);
            outputs = copy(outputs, "SOFTMAX outputs", 1, 1, false);
        }

        @Override
        public OpKind kind() {
            return OpKind.SOFTMAX;
        }

        @Override
        public Softmax withIO(List<Integer> inputs, List<Integer> outputs) {
            return new Softmax(inputs, outputs, beta);
        }
    }

    /** Sigmoid. */
    record Logistic(List<Integer> inputs, List<Integer> outputs) implements Op {
        public Logistic {
            inputs = copy(inputs, "LOGISTIC inputs", 1, 1, false);
            outputs = copy(outputs, "LOGISTIC outputs", 1, 1, false);
        }

        @Override
        public OpKind kind() {
            return OpKind.LOGISTIC;
        }

        @Override
        public Logistic withIO(List<Integer> inputs, List<Integer> outputs) {
            return new Logistic(inputs, outputs);
        }
    }

    /** Hyperbolic tangent. */
    record Tanh(List<Integer> inputs, List<Integer> outputs) implements Op {
        public Tanh {
            inputs = copy(inputs, "TANH inputs", 1, 1, false);
            outputs = copy(outputs, "TANH outputs", 1, 1, false);
        }

        @Override
        public OpKind kind() {
            return OpKind.TANH;
        }

        @Override
        public Tanh withIO(List<Integer> inputs, List<Integer> outputs) {
            return new Tanh(inputs, outputs);
        }
    }

    /** max(x, 0). */
    record Relu(List<Integer> inputs, List<Integer> outputs) implements Op {
        public Relu {
            inputs = copy(inputs, "RELU inputs", 1, 1, false);
            outputs = copy(outputs, "RELU outputs", 1, 1, false);
        }

        @Override
        public OpKind kind() {
            return OpKind.RELU;
        }

        @Override
        public Relu withIO(List<Integer> inputs, List<Integer> outputs) {
            return new Relu(inputs, outputs);
        }
    }

    /** min(max(x, 0), 6). */
    record Relu6(List<Integer> inputs, List<Integer> outputs) implements Op {
        public Relu6 {
            inputs = copy(inputs, "RELU6 inputs", 1, 1, false);
            outputs = copy(outputs, "RELU6 outputs", 1, 1, false);
        }

        @Override
        public OpKind kind() {
            return OpKind.RELU6;
        }

        @Override
        public Relu6 withIO(List<Integer> inputs, List<Integer> outputs) {
            return new Relu6(inputs, outputs);
        }
    }

    /** x * relu6(x + 3) / 6. */
    record HardSwish(List<Integer> inputs, List<Integer> outputs) implements Op {
        public HardSwish {
            inputs = copy(inputs, "HARD_SWISH inputs", 1, 1, false);
            outputs = copy(outputs, "HARD_SWISH outputs", 1, 1, false);
        }

        @Override
        public OpKind kind() {
            return OpKind.HARD_SWISH;
        }

        @Override
        public HardSwish withIO(List<Integer> inputs, List<Integer> outputs) {
            return new HardSwish(inputs, outputs);
        }
    }

    /** Quantizes (from float) or requantizes (between int8 and uint8). */
    record Quantize(List<Integer> inputs, List<Integer> outputs) implements Op {
        public Quantize {
            inputs = copy(inputs, "QUANTIZE inputs", 1, 1, false);
            outputs = copy(outputs, "QUANTIZE outputs", 1, 1, false);
        }

        @Override
        public OpKind kind() {
            return OpKind.QUANTIZE;
        }

        @Override
        public Quantize withIO(List<Integer> inputs, List<Integer> outputs) {
            return new Quantize(inputs, outputs);
        }
    }

    /** Dequantizes to float. */
    record Dequantize(List<Integer> inputs, List<Integer> outputs) implements Op {
        public Dequantize {
            inputs = copy(inputs, "DEQUANTIZE inputs", 1, 1, false);
            outputs = copy(outputs, "DEQUANTIZE outputs", 1, 1, false);
        }

        @Override
        public OpKind kind() {
            return OpKind.DEQUANTIZE;
        }

        @Override
        public Dequantize withIO(List<Integer> inputs, List<Integer> outputs) {
            return new Dequantize(inputs, outputs);
        }
    }

    /** Resize to the output tensor's height and width (the size is also an int32 constant input). */
    record ResizeBilinear(List<Integer> inputs, List<Integer> outputs, boolean alignCorners, boolean halfPixelCenters) implements Op {
        public ResizeBilinear {
            inputs = copy(inputs, "RESIZE_BILINEAR inputs", 1, 2, false);
            outputs = copy(outputs, "RESIZE_BILINEAR outputs", 1, 1, false);
        }

        @Override
        public OpKind kind() {
            return OpKind.RESIZE_BILINEAR;
        }

        @Override
        public ResizeBilinear withIO(List<Integer> inputs, List<Integer> outputs) {
            return new ResizeBilinear(inputs, outputs, alignCorners, halfPixelCenters);
        }

        @Override
        public boolean isParameterInput(int position) {
            return position == 0;
        }
    }

    /** Resize to the output tensor's height and width (the size is also an int32 constant input). */
    record ResizeNearestNeighbor(List<Integer> inputs, List<Integer> outputs, boolean alignCorners, boolean halfPixelCenters) implements Op {
        public ResizeNearestNeighbor {
            inputs = copy(inputs, "RESIZE_NEAREST_NEIGHBOR inputs", 1, 2, false);
            outputs = copy(outputs, "RESIZE_NEAREST_NEIGHBOR outputs", 1, 1, false);
        }

        @Override
        public OpKind kind() {
            return OpKind.RESIZE_NEAREST_NEIGHBOR;
        }

        @Override
        public ResizeNearestNeighbor withIO(List<Integer> inputs, List<Integer> outputs) {
            return new ResizeNearestNeighbor(inputs, outputs, alignCorners, halfPixelCenters);
        }

        @Override
        public boolean isParameterInput(int position) {
            return position == 0;
        }
    }

    /** Index of the maximum along {@code axis}. */
    record ArgMax(List<Integer> inputs, List<Integer> outputs, int axis) implements Op {
        public ArgMax {
            inputs = copy(inputs, "ARG_MAX inputs", 1, 2, false);
            outputs = copy(outputs, "ARG_MAX outputs", 1, 1, false);
        }

        @Override
        public OpKind kind() {
            return OpKind.ARG_MAX;
        }

        @Override
        public ArgMax withIO(List<Integer> inputs, List<Integer> outputs) {
            return new ArgMax(inputs, outputs, axis);
        }

        @Override
        public boolean isParameterInput(int position) {
            return position == 0;
        }
    }

    /** Strided slice; begin, end and strides are also int32 constant inputs in .tflite files. */
    record StridedSlice(List<Integer> inputs, List<Integer> outputs, List<Integer> begin, List<Integer> end, List<Integer> strides, int beginMask, int endMask, int shrinkAxisMask) implements Op {
        public StridedSlice {
            inputs = copy(inputs, "STRIDED_SLICE inputs", 1, 4, false);
            outputs = copy(outputs, "STRIDED_SLICE outputs", 1, 1, false);
            begin = List.copyOf(begin);
            end = List.copyOf(end);
            strides = List.copyOf(strides);
        }

        @Override
        public OpKind kind() {
            return OpKind.STRIDED_SLICE;
        }

        @Override
        public StridedSlice withIO(List<Integer> inputs, List<Integer> outputs) {
            return new StridedSlice(inputs, outputs, begin, end, strides, beginMask, endMask, shrinkAxisMask);
        }

        @Override
        public boolean isParameterInput(int position) {
            return position == 0;
        }
    }

    /** A unidirectional sequence LSTM (TFLite input order: input, 4 input weights, 4 recurrent weights, ...; absent optional inputs are -1). */
    record UnidirectionalSequenceLstm(List<Integer> inputs, List<Integer> outputs, Activation activation, float cellClip, float projClip, boolean timeMajor) implements Op {
        public UnidirectionalSequenceLstm {
            inputs = copy(inputs, "UNIDIRECTIONAL_SEQUENCE_LSTM inputs", 1, Integer.MAX_VALUE, true);
            outputs = copy(outputs, "UNIDIRECTIONAL_SEQUENCE_LSTM outputs", 1, 1, false);
            Objects.requireNonNull(activation, "activation");
        }

        @Override
        public OpKind kind() {
            return OpKind.UNIDIRECTIONAL_SEQUENCE_LSTM;
        }

        @Override
        public UnidirectionalSequenceLstm withIO(List<Integer> inputs, List<Integer> outputs) {
            return new UnidirectionalSequenceLstm(inputs, outputs, activation, cellClip, projClip, timeMajor);
        }

        @Override
        public Activation fusedActivation() {
            return activation;
        }
    }

    /** A custom op, e.g. {@code edgetpu-custom-op} (the compiled Edge TPU subgraph) or {@code TFLite_Detection_PostProcess}. */
    record Custom(List<Integer> inputs, List<Integer> outputs, String customCode, Bytes customOptions) implements Op {
        public Custom {
            inputs = copy(inputs, "CUSTOM inputs", 0, Integer.MAX_VALUE, true);
            outputs = copy(outputs, "CUSTOM outputs", 0, Integer.MAX_VALUE, false);
            Objects.requireNonNull(customCode, "customCode");
            Objects.requireNonNull(customOptions, "customOptions");
        }

        @Override
        public OpKind kind() {
            return OpKind.CUSTOM;
        }

        @Override
        public Custom withIO(List<Integer> inputs, List<Integer> outputs) {
            return new Custom(inputs, outputs, customCode, customOptions);
        }

        /** The custom code of the Edge TPU's compiled subgraph. */
        public static final String EDGETPU_CUSTOM_CODE = "edgetpu-custom-op";

        /** True for the Edge TPU's own custom op. */
        public boolean isEdgeTpuOp() {
            return EDGETPU_CUSTOM_CODE.equals(customCode);
        }
    }

    /** Training-only batch normalization over the last dimension; inputs: input, gamma, beta, moving mean, moving variance. Folded into the preceding convolution by {@code FoldBatchNorm}. */
    record BatchNorm(List<Integer> inputs, List<Integer> outputs, float epsilon) implements Op {
        public BatchNorm {
            inputs = copy(inputs, "BATCH_NORM inputs", 5, 5, false);
            outputs = copy(outputs, "BATCH_NORM outputs", 1, 1, false);
            if (!(epsilon > 0)) throw new IllegalArgumentException("epsilon must be > 0, but was " + epsilon);
        }

        @Override
        public OpKind kind() {
            return OpKind.BATCH_NORM;
        }

        @Override
        public BatchNorm withIO(List<Integer> inputs, List<Integer> outputs) {
            return new BatchNorm(inputs, outputs, epsilon);
        }
    }

    /** Any builtin op the IR has no record for: only its code, name and tensors are known. */
    record Opaque(List<Integer> inputs, List<Integer> outputs, int builtinCode, String builtinName) implements Op {
        public Opaque {
            inputs = copy(inputs, "OPAQUE inputs", 0, Integer.MAX_VALUE, true);
            outputs = copy(outputs, "OPAQUE outputs", 0, Integer.MAX_VALUE, false);
            Objects.requireNonNull(builtinName, "builtinName");
            if (builtinName.isBlank()) throw new IllegalArgumentException("builtinName must not be blank");
        }

        @Override
        public OpKind kind() {
            return OpKind.OPAQUE;
        }

        @Override
        public Opaque withIO(List<Integer> inputs, List<Integer> outputs) {
            return new Opaque(inputs, outputs, builtinCode, builtinName);
        }

        @Override
        public String opName() {
            return builtinName;
        }
    }
}
