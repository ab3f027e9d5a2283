package dev.edgetpunas.compiler.tflite;

import com.google.flatbuffers.FlatBufferBuilder;
import dev.edgetpunas.compiler.graph.Bytes;
import dev.edgetpunas.compiler.graph.DType;
import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.graph.Op;
import dev.edgetpunas.compiler.graph.OpKind;
import dev.edgetpunas.compiler.graph.Quantization;
import dev.edgetpunas.compiler.graph.Tensor;
import dev.edgetpunas.compiler.tflite.internal.TfliteSchema;
import dev.edgetpunas.compiler.tflite.internal.TfliteSchema.Options;
import dev.edgetpunas.compiler.util.AtomicFiles;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes a {@link Graph} as a TFLite flatbuffer (schema version 3, identifier {@code TFL3}, one
 * subgraph) with flatbuffers-java's {@code FlatBufferBuilder}: tensors in graph order with shapes,
 * types, quantization and constant data (each constant its own 16-byte-aligned buffer; activations and
 * variables use the empty buffer 0), operators with their options, custom ops with their custom code
 * and options. {@link TfliteReader} reads the result back into an equal graph (named after the source
 * it is given).
 *
 * <pre>{@code
 * byte[] bytes = TfliteWriter.write(graph);
 * TfliteWriter.write(graph, Path.of("model_int8.tflite"));          // atomically
 * TfliteReader.read(bytes, graph.name()).equals(graph);            // true
 * TfliteWriter.write(zooGraph, MissingData.ZERO_FILL);             // weights without data -> zeros
 * }</pre>
 *
 * <p>What a written file does not carry: options of {@link Op.Opaque} ops (the IR keeps only their code
 * and name, so they are written with no options and a runtime would use its defaults), int8 LSTM
 * operator intermediates, signatures and metadata. Op versions follow the converter's rules for the
 * common cases (int8 CONV_2D and DEPTHWISE_CONV_2D 3, int8 FULLY_CONNECTED 4, other int8 kernels 2,
 * float and uint8 1) [M: recalled from TFLite's {@code op_version.cc}, not re-read].
 *
 * <p>Graphs the format cannot hold are rejected with an {@link IllegalArgumentException} naming the
 * op or tensor: training-only BATCH_NORM, constants without data (unless {@link MissingData#ZERO_FILL}),
 * constants of zero bytes (a .tflite file cannot tell them from activations), and MEAN, SPLIT, PAD,
 * ARG_MAX or STRIDED_SLICE whose axes / paddings / bounds are not an int32 constant input holding the
 * record's values.
 */
public final class TfliteWriter {
    /** What to do with constant tensors that have no data (zoo graphs carry shapes only). */
    public enum MissingData {
        /** Throw, naming the tensor. */
        REJECT,
        /** Write zeros of the right size (the file is then valid, but the weights are not real). */
        ZERO_FILL
    }

    /** The {@code description} written into every model. */
    public static final String DESCRIPTION = "edgetpu-nas";

    private final Graph g;
    private final MissingData missing;
    private final FlatBufferBuilder b;

    private TfliteWriter(Graph g, MissingData missing) {
        this.g = Objects.requireNonNull(g, "graph");
        this.missing = Objects.requireNonNull(missing, "missing");
        long size = 1024;
        for (Tensor t : g.tensors()) size += t.data().map(Bytes::size).orElse(0) + 64L + t.name().length();
        if (size > Integer.MAX_VALUE - (1 << 20)) {
            throw new IllegalArgumentException("graph '" + g.name() + "' needs about " + size
                    + " bytes; .tflite files over 2 GiB are not supported");
        }
        this.b = new FlatBufferBuilder((int) Math.min(size + (size >> 3), Integer.MAX_VALUE - (1 << 20)));
    }

    /** The graph as .tflite bytes; constants without data are rejected. */
    public static byte[] write(Graph graph) {
        return write(graph, MissingData.REJECT);
    }

    /** The graph as .tflite bytes. */
    public static byte[] write(Graph graph, MissingData missing) {
        return new TfliteWriter(graph, missing).build();
    }

    /** Writes the graph to {@code file} atomically; constants without data are rejected. */
    public static void write(Graph graph, Path file) {
        write(graph, file, MissingData.REJECT);
    }

    /** Writes the graph to {@code file} atomically (temporary file, then move). */
    public static void write(Graph graph, Path file, MissingData missing) {
        byte[] bytes = write(graph, missing);
        AtomicFiles.writeBytes(file, bytes);
    }

    // ---- model -----------------------------------------------------------------------------------

    private byte[] build() {
        for (int i = 0; i < g.opCount(); i++) check(i, g.op(i));
        // buffers: 0 is the empty buffer; each distinct constant data gets one
        List<Integer> bufferTables = new ArrayList<>();
        bufferTables.add(emptyTable(TfliteSchema.Buffer.FIELDS));
        Map<Bytes, Integer> bufferOf = new IdentityHashMap<>();
        int[] tensorBuffer = new int[g.tensors().size()];
        for (int t = 0; t < g.tensors().size(); t++) {
            Tensor x = g.tensor(t);
            if (!x.constant()) continue;
            Bytes data = constantData(t, x);
            Integer idx = bufferOf.get(data);
            if (idx == null) {
                idx = bufferTables.size();
                int vec = dataVector(data);
                b.startTable(TfliteSchema.Buffer.FIELDS);
                b.addOffset(TfliteSchema.Buffer.DATA, vec, 0);
                bufferTables.add(b.endTable());
                bufferOf.put(data, idx);
            }
            tensorBuffer[t] = idx;
        }
        int[] tensors = new int[g.tensors().size()];
        for (int t = 0; t < tensors.length; t++) tensors[t] = tensor(g.tensor(t), tensorBuffer[t]);

        Map<OpCodeKey, Integer> codes = new LinkedHashMap<>();
        int[] ops = new int[g.opCount()];
        for (int i = 0; i < ops.length; i++) ops[i] = operator(g.op(i), codes);

        int tensorsVec = b.createVectorOfTables(tensors);
        int inputsVec = intVector(g.inputs());
        int outputsVec = intVector(g.outputs());
        int opsVec = b.createVectorOfTables(ops);
        int nameStr = b.createString(g.name());
        b.startTable(TfliteSchema.SubGraph.FIELDS);
        b.addOffset(TfliteSchema.SubGraph.TENSORS, tensorsVec, 0);
        b.addOffset(TfliteSchema.SubGraph.INPUTS, inputsVec, 0);
        b.addOffset(TfliteSchema.SubGraph.OUTPUTS, outputsVec, 0);
        b.addOffset(TfliteSchema.SubGraph.OPERATORS, opsVec, 0);
        b.addOffset(TfliteSchema.SubGraph.NAME, nameStr, 0);
        int subgraph = b.endTable();

        int[] codeTables = new int[codes.size()];
        int k = 0;
        for (OpCodeKey c : codes.keySet()) codeTables[k++] = operatorCode(c);

        int codesVec = b.createVectorOfTables(codeTables);
        int subgraphsVec = b.createVectorOfTables(new int[] {subgraph});
        int descStr = b.createString(DESCRIPTION);
        int buffersVec = b.createVectorOfTables(bufferTables.stream().mapToInt(Integer::intValue).toArray());
        b.startTable(TfliteSchema.Model.FIELDS);
        b.addInt(TfliteSchema.Model.VERSION, TfliteSchema.SCHEMA_VERSION, 0);
        b.addOffset(TfliteSchema.Model.OPERATOR_CODES, codesVec, 0);
        b.addOffset(TfliteSchema.Model.SUBGRAPHS, subgraphsVec, 0);
        b.addOffset(TfliteSchema.Model.DESCRIPTION, descStr, 0);
        b.addOffset(TfliteSchema.Model.BUFFERS, buffersVec, 0);
        int model = b.endTable();
        b.finish(model, TfliteSchema.FILE_IDENTIFIER);
        return b.sizedByteArray();
    }

    private int emptyTable(int fields) {
        b.startTable(fields);
        return b.endTable();
    }

    private Bytes constantData(int index, Tensor x) {
        if (x.data().isPresent()) {
            if (x.data().get().size() == 0) {
                throw new IllegalArgumentException("graph '" + g.name() + "': constant tensor " + index + " ('" + x.name()
                        + "') has no bytes; a .tflite file cannot tell an empty constant from an activation");
            }
            return x.data().get();
        }
        if (missing == MissingData.REJECT) {
            throw new IllegalArgumentException("graph '" + g.name() + "': constant tensor " + index + " ('" + x.name()
                    + "') has no data; train or quantize the model first, or write with MissingData.ZERO_FILL");
        }
        long n = x.bytes();
        if (n <= 0 || n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("graph '" + g.name() + "': constant tensor " + index + " ('" + x.name()
                    + "') of " + x.shape() + " " + x.dtype() + " cannot be zero-filled (" + n + " bytes)");
        }
        return Bytes.wrap(new byte[(int) n]);
    }

    private int dataVector(Bytes data) {
        ByteBuffer dst = b.createUnintializedVector(1, data.size(), TfliteSchema.Buffer.DATA_ALIGNMENT);
        dst.put(data.buffer());
        return b.endVector();
    }

    // ---- tensors -----------------------------------------------------------------------------------

    private int tensor(Tensor x, int buffer) {
        int name = b.createString(x.name());
        int shape = intVector(x.shape().toArray());
        int quant = x.quantization().map(this::quantization).orElse(0);
        b.startTable(TfliteSchema.Tensor.FIELDS);
        b.addOffset(TfliteSchema.Tensor.SHAPE, shape, 0);
        b.addByte(TfliteSchema.Tensor.TYPE, (byte) x.dtype().tfliteCode(), 0);
        b.addInt(TfliteSchema.Tensor.BUFFER, buffer, 0);
        b.addOffset(TfliteSchema.Tensor.NAME, name, 0);
        if (quant != 0) b.addOffset(TfliteSchema.Tensor.QUANTIZATION, quant, 0);
        b.addBoolean(TfliteSchema.Tensor.IS_VARIABLE, x.variable(), false);
        return b.endTable();
    }

    private int quantization(Quantization q) {
        float[] s = q.scales();
        b.startVector(4, s.length, 4);
        for (int i = s.length - 1; i >= 0; i--) b.addFloat(s[i]);
        int scales = b.endVector();
        long[] z = q.zeroPoints();
        b.startVector(8, z.length, 8);
        for (int i = z.length - 1; i >= 0; i--) b.addLong(z[i]);
        int zps = b.endVector();
        b.startTable(TfliteSchema.QuantizationParameters.FIELDS);
        b.addOffset(TfliteSchema.QuantizationParameters.SCALE, scales, 0);
        b.addOffset(TfliteSchema.QuantizationParameters.ZERO_POINT, zps, 0);
        b.addInt(TfliteSchema.QuantizationParameters.QUANTIZED_DIMENSION, q.axis(), 0);
        return b.endTable();
    }

    private int intVector(List<Integer> v) {
        b.startVector(4, v.size(), 4);
        for (int i = v.size() - 1; i >= 0; i--) b.addInt(v.get(i));
        return b.endVector();
    }

    private int intVector(int[] v) {
        b.startVector(4, v.length, 4);
        for (int i = v.length - 1; i >= 0; i--) b.addInt(v[i]);
        return b.endVector();
    }

    // ---- operators ---------------------------------------------------------------------------------

    private record OpCodeKey(int code, String customCode, int version) {}

    private int operatorCode(OpCodeKey c) {
        int custom = c.customCode() == null ? 0 : b.createString(c.customCode());
        b.startTable(TfliteSchema.OperatorCode.FIELDS);
        b.addByte(TfliteSchema.OperatorCode.DEPRECATED_BUILTIN_CODE,
                (byte) Math.min(c.code(), TfliteSchema.PLACEHOLDER_FOR_GREATER_OP_CODES), 0);
        if (custom != 0) b.addOffset(TfliteSchema.OperatorCode.CUSTOM_CODE, custom, 0);
        b.addInt(TfliteSchema.OperatorCode.VERSION, c.version(), 1);
        b.addInt(TfliteSchema.OperatorCode.BUILTIN_CODE, c.code(), 0);
        return b.endTable();
    }

    private int operator(Op op, Map<OpCodeKey, Integer> codes) {
        int code = op.kind() == OpKind.OPAQUE ? ((Op.Opaque) op).builtinCode() : op.kind().builtinCode();
        String customCode = op.kind() == OpKind.CUSTOM ? ((Op.Custom) op).customCode() : null;
        OpCodeKey key = new OpCodeKey(code, customCode, version(op));
        int opcodeIndex = codes.computeIfAbsent(key, k -> codes.size());
        int ins = intVector(op.inputs());
        int outs = intVector(op.outputs());
        int customOptions = 0;
        if (op instanceof Op.Custom c && c.customOptions().size() > 0) {
            customOptions = b.createByteVector(c.customOptions().buffer());
        }
        int[] options = options(op);
        b.startTable(TfliteSchema.Operator.FIELDS);
        b.addInt(TfliteSchema.Operator.OPCODE_INDEX, opcodeIndex, 0);
        b.addOffset(TfliteSchema.Operator.INPUTS, ins, 0);
        b.addOffset(TfliteSchema.Operator.OUTPUTS, outs, 0);
        if (options != null) {
            b.addByte(TfliteSchema.Operator.BUILTIN_OPTIONS_TYPE, (byte) options[0], 0);
            b.addOffset(TfliteSchema.Operator.BUILTIN_OPTIONS, options[1], 0);
        }
        if (customOptions != 0) b.addOffset(TfliteSchema.Operator.CUSTOM_OPTIONS, customOptions, 0);
        return b.endTable();
    }

    /** {union type, table offset} of the op's builtin options, or null for none. */
    private int[] options(Op op) {
        switch (op.kind()) {
            case CONV_2D: {
                Op.Conv2D c = (Op.Conv2D) op;
                b.startTable(TfliteSchema.Conv2DOptions.FIELDS);
                b.addByte(TfliteSchema.Conv2DOptions.PADDING, (byte) c.padding().tfliteCode(), 0);
                b.addInt(TfliteSchema.Conv2DOptions.STRIDE_W, c.strideW(), 0);
                b.addInt(TfliteSchema.Conv2DOptions.STRIDE_H, c.strideH(), 0);
                b.addByte(TfliteSchema.Conv2DOptions.FUSED_ACTIVATION, (byte) c.activation().tfliteCode(), 0);
                b.addInt(TfliteSchema.Conv2DOptions.DILATION_W, c.dilationW(), 1);
                b.addInt(TfliteSchema.Conv2DOptions.DILATION_H, c.dilationH(), 1);
                return opt(Options.CONV_2D);
            }
            case DEPTHWISE_CONV_2D: {
                Op.DepthwiseConv2D c = (Op.DepthwiseConv2D) op;
                b.startTable(TfliteSchema.DepthwiseConv2DOptions.FIELDS);
                b.addByte(TfliteSchema.DepthwiseConv2DOptions.PADDING, (byte) c.padding().tfliteCode(), 0);
                b.addInt(TfliteSchema.DepthwiseConv2DOptions.STRIDE_W, c.strideW(), 0);
                b.addInt(TfliteSchema.DepthwiseConv2DOptions.STRIDE_H, c.strideH(), 0);
                b.addInt(TfliteSchema.DepthwiseConv2DOptions.DEPTH_MULTIPLIER, c.depthMultiplier(), 0);
                b.addByte(TfliteSchema.DepthwiseConv2DOptions.FUSED_ACTIVATION, (byte) c.activation().tfliteCode(), 0);
                b.addInt(TfliteSchema.DepthwiseConv2DOptions.DILATION_W, c.dilationW(), 1);
                b.addInt(TfliteSchema.DepthwiseConv2DOptions.DILATION_H, c.dilationH(), 1);
                return opt(Options.DEPTHWISE_CONV_2D);
            }
            case FULLY_CONNECTED: {
                Op.FullyConnected c = (Op.FullyConnected) op;
                b.startTable(TfliteSchema.FullyConnectedOptions.FIELDS);
                b.addByte(TfliteSchema.FullyConnectedOptions.FUSED_ACTIVATION, (byte) c.activation().tfliteCode(), 0);
                b.addBoolean(TfliteSchema.FullyConnectedOptions.KEEP_NUM_DIMS, c.keepNumDims(), false);
                return opt(Options.FULLY_CONNECTED);
            }
            case TRANSPOSE_CONV: {
                Op.TransposeConv c = (Op.TransposeConv) op;
                b.startTable(TfliteSchema.TransposeConvOptions.FIELDS);
                b.addByte(TfliteSchema.TransposeConvOptions.PADDING, (byte) c.padding().tfliteCode(), 0);
                b.addInt(TfliteSchema.TransposeConvOptions.STRIDE_W, c.strideW(), 0);
                b.addInt(TfliteSchema.TransposeConvOptions.STRIDE_H, c.strideH(), 0);
                b.addByte(TfliteSchema.TransposeConvOptions.FUSED_ACTIVATION, (byte) c.activation().tfliteCode(), 0);
                return opt(Options.TRANSPOSE_CONV);
            }
            case ADD:
                return activationOptions(op, Options.ADD);
            case SUB:
                return activationOptions(op, Options.SUB);
            case MUL:
                return activationOptions(op, Options.MUL);
            case AVERAGE_POOL_2D: {
                Op.AveragePool2D p = (Op.AveragePool2D) op;
                return pool(p.padding().tfliteCode(), p.strideH(), p.strideW(), p.filterH(), p.filterW(), p.activation().tfliteCode());
            }
            case MAX_POOL_2D: {
                Op.MaxPool2D p = (Op.MaxPool2D) op;
                return pool(p.padding().tfliteCode(), p.strideH(), p.strideW(), p.filterH(), p.filterW(), p.activation().tfliteCode());
            }
            case MEAN:
                b.startTable(TfliteSchema.ReducerOptions.FIELDS);
                b.addBoolean(TfliteSchema.ReducerOptions.KEEP_DIMS, ((Op.Mean) op).keepDims(), false);
                return opt(Options.REDUCER);
            case CONCATENATION: {
                Op.Concatenation c = (Op.Concatenation) op;
                b.startTable(TfliteSchema.ConcatenationOptions.FIELDS);
                b.addInt(TfliteSchema.ConcatenationOptions.AXIS, c.axis(), 0);
                b.addByte(TfliteSchema.ConcatenationOptions.FUSED_ACTIVATION, (byte) c.activation().tfliteCode(), 0);
                return opt(Options.CONCATENATION);
            }
            case SPLIT:
                b.startTable(TfliteSchema.SplitOptions.FIELDS);
                b.addInt(TfliteSchema.SplitOptions.NUM_SPLITS, ((Op.Split) op).numSplits(), 0);
                return opt(Options.SPLIT);
            case RESHAPE: {
                int shape = intVector(g.tensor(op.output()).shape().toArray());
                b.startTable(TfliteSchema.ReshapeOptions.FIELDS);
                b.addOffset(TfliteSchema.ReshapeOptions.NEW_SHAPE, shape, 0);
                return opt(Options.RESHAPE);
            }
            case SQUEEZE: {
                int dims = intVector(((Op.Squeeze) op).squeezeDims());
                b.startTable(TfliteSchema.SqueezeOptions.FIELDS);
                b.addOffset(TfliteSchema.SqueezeOptions.SQUEEZE_DIMS, dims, 0);
                return opt(Options.SQUEEZE);
            }
            case PAD:
                return opt(Options.PAD, emptyTable(0));
            case SOFTMAX:
                b.startTable(TfliteSchema.SoftmaxOptions.FIELDS);
                b.addFloat(TfliteSchema.SoftmaxOptions.BETA, ((Op.Softmax) op).beta(), 0.0);
                return opt(Options.SOFTMAX);
            case RESIZE_BILINEAR: {
                Op.ResizeBilinear r = (Op.ResizeBilinear) op;
                b.startTable(TfliteSchema.ResizeBilinearOptions.FIELDS);
                b.addBoolean(TfliteSchema.ResizeBilinearOptions.ALIGN_CORNERS, r.alignCorners(), false);
                b.addBoolean(TfliteSchema.ResizeBilinearOptions.HALF_PIXEL_CENTERS, r.halfPixelCenters(), false);
                return opt(Options.RESIZE_BILINEAR);
            }
            case RESIZE_NEAREST_NEIGHBOR: {
                Op.ResizeNearestNeighbor r = (Op.ResizeNearestNeighbor) op;
                b.startTable(TfliteSchema.ResizeNearestNeighborOptions.FIELDS);
                b.addBoolean(TfliteSchema.ResizeNearestNeighborOptions.ALIGN_CORNERS, r.alignCorners(), false);
                b.addBoolean(TfliteSchema.ResizeNearestNeighborOptions.HALF_PIXEL_CENTERS, r.halfPixelCenters(), false);
                return opt(Options.RESIZE_NEAREST_NEIGHBOR);
            }
            case ARG_MAX:
                b.startTable(TfliteSchema.ArgMaxOptions.FIELDS);
                b.addByte(TfliteSchema.ArgMaxOptions.OUTPUT_TYPE, (byte) g.tensor(op.output()).dtype().tfliteCode(), 0);
                return opt(Options.ARG_MAX);
            case STRIDED_SLICE: {
                Op.StridedSlice s = (Op.StridedSlice) op;
                b.startTable(TfliteSchema.StridedSliceOptions.FIELDS);
                b.addInt(TfliteSchema.StridedSliceOptions.BEGIN_MASK, s.beginMask(), 0);
                b.addInt(TfliteSchema.StridedSliceOptions.END_MASK, s.endMask(), 0);
                b.addInt(TfliteSchema.StridedSliceOptions.SHRINK_AXIS_MASK, s.shrinkAxisMask(), 0);
                return opt(Options.STRIDED_SLICE);
            }
            case UNIDIRECTIONAL_SEQUENCE_LSTM: {
                Op.UnidirectionalSequenceLstm l = (Op.UnidirectionalSequenceLstm) op;
                b.startTable(TfliteSchema.UnidirectionalSequenceLstmOptions.FIELDS);
                b.addByte(TfliteSchema.UnidirectionalSequenceLstmOptions.FUSED_ACTIVATION, (byte) l.activation().tfliteCode(), 0);
                b.addFloat(TfliteSchema.UnidirectionalSequenceLstmOptions.CELL_CLIP, l.cellClip(), 0.0);
                b.addFloat(TfliteSchema.UnidirectionalSequenceLstmOptions.PROJ_CLIP, l.projClip(), 0.0);
                b.addBoolean(TfliteSchema.UnidirectionalSequenceLstmOptions.TIME_MAJOR, l.timeMajor(), false);
                return opt(Options.UNIDIRECTIONAL_SEQUENCE_LSTM);
            }
            case LOGISTIC:
            case TANH:
            case RELU:
            case RELU6:
            case QUANTIZE:
            case DEQUANTIZE:
            case HARD_SWISH:
            case CUSTOM:
            case OPAQUE:
                return null;
            case BATCH_NORM:
                throw new AssertionError("checked before writing");
        }
        throw new AssertionError(op.kind());
    }

    private int[] opt(int type) {
        return new int[] {type, b.endTable()};
    }

    private static int[] opt(int type, int table) {
        return new int[] {type, table};
    }

    private int[] activationOptions(Op op, int type) {
        b.startTable(TfliteSchema.ActivationOptions.FIELDS);
        b.addByte(TfliteSchema.ActivationOptions.FUSED_ACTIVATION, (byte) op.fusedActivation().tfliteCode(), 0);
        return opt(type);
    }

    private int[] pool(int padding, int sh, int sw, int fh, int fw, int act) {
        b.startTable(TfliteSchema.Pool2DOptions.FIELDS);
        b.addByte(TfliteSchema.Pool2DOptions.PADDING, (byte) padding, 0);
        b.addInt(TfliteSchema.Pool2DOptions.STRIDE_W, sw, 0);
        b.addInt(TfliteSchema.Pool2DOptions.STRIDE_H, sh, 0);
        b.addInt(TfliteSchema.Pool2DOptions.FILTER_WIDTH, fw, 0);
        b.addInt(TfliteSchema.Pool2DOptions.FILTER_HEIGHT, fh, 0);
        b.addByte(TfliteSchema.Pool2DOptions.FUSED_ACTIVATION, (byte) act, 0);
        return opt(Options.POOL_2D);
    }

    // ---- checks and versions -----------------------------------------------------------------------

    private void check(int index, Op op) {
        String what = "graph '" + g.name() + "': op " + index + " (" + op.opName() + ")";
        switch (op.kind()) {
            case BATCH_NORM:
                throw new IllegalArgumentException(what + " exists only in training graphs; fold it first (FoldBatchNorm or Deploy)");
            case MEAN:
                requireArgument(what, op, 1, ((Op.Mean) op).axes(), "axes");
                break;
            case SPLIT:
                requireArgument(what, op, 0, List.of(((Op.Split) op).axis()), "axis");
                break;
            case PAD:
                requireArgument(what, op, 1, ((Op.Pad) op).paddings(), "paddings");
                break;
            case ARG_MAX:
                requireArgument(what, op, 1, List.of(((Op.ArgMax) op).axis()), "axis");
                break;
            case STRIDED_SLICE: {
                Op.StridedSlice s = (Op.StridedSlice) op;
                requireArgument(what, op, 1, s.begin(), "begin");
                requireArgument(what, op, 2, s.end(), "end");
                requireArgument(what, op, 3, s.strides(), "strides");
                break;
            }
            case OPAQUE:
                if (((Op.Opaque) op).builtinCode() < 0) {
                    throw new IllegalArgumentException(what + " has builtin code " + ((Op.Opaque) op).builtinCode() + ", not a TFLite code");
                }
                break;
            default:
                break;
        }
    }

    /** Input {@code position} must be a constant int32/int64 tensor with data equal to {@code values}. */
    private void requireArgument(String what, Op op, int position, List<Integer> values, String name) {
        int t = position < op.inputs().size() ? op.inputs().get(position) : -1;
        if (t < 0) {
            throw new IllegalArgumentException(what + ": its " + name + " " + values + " must also be input " + position
                    + " (an int32 constant), as TFLite reads them from there");
        }
        Tensor x = g.tensor(t);
        int[] data = null;
        if (x.data().isPresent() && x.dtype() == DType.INT32) data = x.data().get().ints();
        if (x.data().isPresent() && x.dtype() == DType.INT64) data = Arrays.stream(x.data().get().longs()).mapToInt(l -> (int) l).toArray();
        if (data == null || !Arrays.equals(data, values.stream().mapToInt(Integer::intValue).toArray())) {
            throw new IllegalArgumentException(what + ": input " + position + " ('" + x.name() + "') must be an int32 constant holding its "
                    + name + " " + values + ", but " + (data == null ? "it has no int32 data" : "holds " + Arrays.toString(data)));
        }
    }

    /** The op version a converter would give (see the class comment). */
    private int version(Op op) {
        int in = op.kind() == OpKind.TRANSPOSE_CONV ? op.dataInput() : op.inputs().isEmpty() ? -1 : op.inputs().get(0);
        boolean int8 = in >= 0 && g.tensor(in).dtype() == DType.INT8;
        switch (op.kind()) {
            case CONV_2D:
                return int8 ? 3 : 1;
            case DEPTHWISE_CONV_2D: {
                Op.DepthwiseConv2D d = (Op.DepthwiseConv2D) op;
                return int8 ? 3 : d.dilationH() != 1 || d.dilationW() != 1 ? 2 : 1;
            }
            case FULLY_CONNECTED:
                return int8 ? 4 : 1;
            case RESIZE_BILINEAR:
                return ((Op.ResizeBilinear) op).halfPixelCenters() ? 3 : int8 ? 2 : 1;
            case ADD:
            case SUB:
            case MUL:
            case AVERAGE_POOL_2D:
            case MAX_POOL_2D:
            case MEAN:
            case CONCATENATION:
            case SPLIT:
            case PAD:
            case SOFTMAX:
            case LOGISTIC:
            case TANH:
            case RELU:
            case RELU6:
            case RESIZE_NEAREST_NEIGHBOR:
            case ARG_MAX:
            case STRIDED_SLICE:
            case TRANSPOSE_CONV:
            case DEQUANTIZE:
                return int8 ? 2 : 1;
            case RESHAPE:
            case SQUEEZE:
            case QUANTIZE:
            case HARD_SWISH:
            case UNIDIRECTIONAL_SEQUENCE_LSTM:
            case CUSTOM:
            case OPAQUE:
            case BATCH_NORM:
                return 1;
        }
        throw new AssertionError(op.kind());
    }
}
