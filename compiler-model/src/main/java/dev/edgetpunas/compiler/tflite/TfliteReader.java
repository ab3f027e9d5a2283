package dev.edgetpunas.compiler.tflite;

import dev.edgetpunas.compiler.ModelFormatException;
import dev.edgetpunas.compiler.graph.Activation;
import dev.edgetpunas.compiler.graph.Bytes;
import dev.edgetpunas.compiler.graph.DType;
import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.graph.Op;
import dev.edgetpunas.compiler.graph.OpKind;
import dev.edgetpunas.compiler.graph.Padding;
import dev.edgetpunas.compiler.graph.Quantization;
import dev.edgetpunas.compiler.graph.Shape;
import dev.edgetpunas.compiler.graph.Tensor;
import dev.edgetpunas.compiler.tflite.internal.FbInput;
import dev.edgetpunas.compiler.tflite.internal.FbTable;
import dev.edgetpunas.compiler.tflite.internal.FbVector;
import dev.edgetpunas.compiler.tflite.internal.TfliteSchema;
import dev.edgetpunas.compiler.tflite.internal.TfliteSchema.Options;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a TFLite flatbuffer ({@code .tflite}) into a {@link Graph}: subgraph 0, its tensors in file
 * order (indices are the file's), with shapes, types, quantization (scales, zero points, quantized
 * dimension) and constant data; its operators in execution order with their options mapped to the
 * IR's records. Works for CPU models and Edge TPU-compiled ones, whose mapped part is one
 * {@code CUSTOM} op with custom code {@code edgetpu-custom-op} and the compiled executable as
 * custom options.
 *
 * <pre>{@code
 * Graph g = TfliteReader.read(Path.of("mobilenet_v1_0.25_128_quant.tflite"));
 * g.name();              // "mobilenet_v1_0.25_128_quant"
 * g.op(0).opName();      // "CONV_2D"
 * Graph h = TfliteReader.read(bytes, "model.tflite");
 * }</pre>
 *
 * <p>Mapping rules:
 * <ul>
 *   <li>the op code is {@code max(builtin_code, deprecated_builtin_code)};</li>
 *   <li>builtins the IR has no record for become {@link Op.Opaque} with their schema name; so do
 *       MEAN, SPLIT, PAD, ARG_MAX and STRIDED_SLICE whose axes / paddings / bounds are not constant
 *       int32 or int64 tensors with data, STRIDED_SLICE with ellipsis or new-axis masks or
 *       {@code offset}, and FULLY_CONNECTED with a non-default weights format; their options are not
 *       kept (see {@link TfliteWriter});</li>
 *   <li>a tensor is constant when its buffer holds data; {@code is_variable} tensors become variable
 *       tensors; unnamed tensors are named {@code tensor_<index>};</li>
 *   <li>quantization without scales (min/max only) is dropped; missing zero points are 0;</li>
 *   <li>DEPTHWISE_CONV_2D with depth multiplier 0 (absent) takes it from the filter and input channels;</li>
 *   <li>operator intermediates (int8 LSTM), signatures, metadata and other subgraphs are not read.</li>
 * </ul>
 *
 * <p>Any problem with the file is a {@link ModelFormatException} naming the file, the byte offset and
 * what is wrong; the reader never throws anything else for bad bytes, and never allocates more than a
 * small multiple of the file size, whatever counts and offsets the file claims.
 */
public final class TfliteReader {
    /** Extension of TFLite files. */
    public static final String EXTENSION = ".tflite";

    private final FbInput in;
    private final String source;
    private final List<OpCode> opCodes = new ArrayList<>();
    private FbVector buffers;
    private final Map<Integer, Optional<Bytes>> bufferData = new HashMap<>();
    private final Map<Long, Bytes> dataByRegion = new HashMap<>();
    private long distinctDataBytes;

    private record OpCode(int code, String customCode, int version) {}

    private TfliteReader(byte[] bytes, String source) {
        this.source = source;
        // every byte of a well-formed file is decoded at most once or twice; the budget only stops
        // files whose offsets point many times at the same data
        this.in = new FbInput(bytes, source, 4L * bytes.length + (1 << 20));
    }

    /** Reads {@code file}; the graph is named after the file without {@code .tflite}. */
    public static Graph read(Path file) {
        byte[] bytes;
        try {
            if (Files.size(file) > Integer.MAX_VALUE - 16) {
                throw ModelFormatException.atOffset(file.toString(), 0, "file is " + Files.size(file)
                        + " bytes; models over 2 GiB are not supported");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("no such file: " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return read(bytes, file.toString());
    }

    /**
     * Reads a model from {@code bytes}; {@code source} names it in errors, and its file name without
     * directory and {@code .tflite} names the graph.
     */
    public static Graph read(byte[] bytes, String source) {
        return new TfliteReader(bytes, source).readGraph(graphName(source));
    }

    /** The graph name for a path or label: its file name without {@code .tflite}. */
    public static String graphName(String source) {
        String n = source.replace('\\', '/');
        n = n.substring(n.lastIndexOf('/') + 1);
        if (n.toLowerCase(java.util.Locale.ROOT).endsWith(EXTENSION)) n = n.substring(0, n.length() - EXTENSION.length());
        return n.isBlank() ? "model" : n;
    }

    // ---- model -----------------------------------------------------------------------------------

    private Graph readGraph(String name) {
        FbTable model = in.root(TfliteSchema.FILE_IDENTIFIER, "Model");
        long version = model.uintField(TfliteSchema.Model.VERSION, 0, "version");
        if (version != TfliteSchema.SCHEMA_VERSION) {
            throw in.error(model.position(), "schema version is " + version + ", expected " + TfliteSchema.SCHEMA_VERSION);
        }
        readOpCodes(model);
        buffers = model.vectorField(TfliteSchema.Model.BUFFERS, 4, "buffers");
        FbVector subgraphs = model.vectorField(TfliteSchema.Model.SUBGRAPHS, 4, "subgraphs");
        if (subgraphs == null || subgraphs.length() == 0) {
            throw in.error(model.position(), "the model has no subgraphs");
        }
        return readSubgraph(subgraphs.table(0, "subgraph 0"), name);
    }

    private void readOpCodes(FbTable model) {
        FbVector codes = model.vectorField(TfliteSchema.Model.OPERATOR_CODES, 4, "operator_codes");
        if (codes == null) return;
        in.charge(32L * codes.length(), codes.position(), "operator_codes");
        for (int i = 0; i < codes.length(); i++) {
            FbTable c = codes.table(i, "operator_codes[" + i + "]");
            int deprecated = c.byteField(TfliteSchema.OperatorCode.DEPRECATED_BUILTIN_CODE, 0, "deprecated_builtin_code");
            int builtin = c.intField(TfliteSchema.OperatorCode.BUILTIN_CODE, 0, "builtin_code");
            int code = Math.max(deprecated, builtin);
            if (code < 0) throw in.error(c.position(), "operator_codes[" + i + "]: builtin code " + code + " is negative");
            String custom = c.stringField(TfliteSchema.OperatorCode.CUSTOM_CODE, "custom_code");
            int version = c.intField(TfliteSchema.OperatorCode.VERSION, 1, "version");
            opCodes.add(new OpCode(code, custom, version));
        }
    }

    // ---- subgraph ----------------------------------------------------------------------------------

    private Graph readSubgraph(FbTable sg, String name) {
        FbVector tv = sg.vectorField(TfliteSchema.SubGraph.TENSORS, 4, "tensors");
        int nt = tv == null ? 0 : tv.length();
        in.charge(64L * nt, sg.position(), "tensors");
        List<Tensor> tensors = new ArrayList<>(nt);
        for (int i = 0; i < nt; i++) tensors.add(readTensor(tv.table(i, "subgraph 0 tensor " + i), i));
        List<Integer> inputs = indexList(sg.vectorField(TfliteSchema.SubGraph.INPUTS, 4, "inputs"), nt, false, "subgraph 0 inputs");
        List<Integer> outputs = indexList(sg.vectorField(TfliteSchema.SubGraph.OUTPUTS, 4, "outputs"), nt, false, "subgraph 0 outputs");
        FbVector ov = sg.vectorField(TfliteSchema.SubGraph.OPERATORS, 4, "operators");
        int no = ov == null ? 0 : ov.length();
        in.charge(64L * no, sg.position(), "operators");
        List<Op> ops = new ArrayList<>(no);
        for (int i = 0; i < no; i++) {
            FbTable op = ov.table(i, "subgraph 0 operator " + i);
            try {
                ops.add(readOp(op, i, tensors));
            } catch (ModelFormatException e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw in.error(op.position(), "operator " + i + ": " + e.getMessage());
            }
        }
        try {
            return new Graph(name, tensors, ops, inputs, outputs);
        } catch (IllegalArgumentException e) {
            throw in.error(sg.position(), "subgraph 0 is not a valid graph: " + e.getMessage());
        }
    }

    private List<Integer> indexList(FbVector v, int tensorCount, boolean allowAbsent, String what) {
        if (v == null) return List.of();
        int[] a = v.ints();
        List<Integer> out = new ArrayList<>(a.length);
        for (int i = 0; i < a.length; i++) {
            int t = a[i];
            if (t >= tensorCount || t < -1 || (t == -1 && !allowAbsent)) {
                throw in.error(v.start() + 4L * i, what + "[" + i + "] = " + t + " is not a tensor index (0.."
                        + (tensorCount - 1) + (allowAbsent ? ", or -1 for absent" : "") + ")");
            }
            out.add(t);
        }
        return out;
    }

    // ---- tensors -----------------------------------------------------------------------------------

    private Tensor readTensor(FbTable t, int index) {
        String what = "tensor " + index;
        FbVector shapeV = t.vectorField(TfliteSchema.Tensor.SHAPE, 4, "shape");
        int[] dims = shapeV == null ? new int[0] : shapeV.ints();
        for (int d = 0; d < dims.length; d++) {
            if (dims[d] < 0) {
                throw in.error(shapeV.start() + 4L * d, what + ": shape dimension " + d + " is " + dims[d] + " (dynamic shapes are not supported)");
            }
        }
        Shape shape;
        try {
            shape = Shape.of(dims);
        } catch (IllegalArgumentException e) {
            throw in.error(t.position(), what + ": " + e.getMessage());
        }
        int typeCode = t.byteField(TfliteSchema.Tensor.TYPE, 0, "type");
        DType dtype;
        try {
            dtype = DType.fromTflite(typeCode);
        } catch (IllegalArgumentException e) {
            throw in.error(t.position(), what + ": " + e.getMessage());
        }
        String name = t.stringField(TfliteSchema.Tensor.NAME, "name");
        if (name == null || name.isBlank()) name = "tensor_" + index;
        if (t.has(TfliteSchema.Tensor.SPARSITY)) {
            throw in.error(t.position(), what + " ('" + name + "'): sparse tensors are not supported");
        }
        boolean variable = t.boolField(TfliteSchema.Tensor.IS_VARIABLE, false, "is_variable");
        Optional<Quantization> q = readQuantization(t.tableField(TfliteSchema.Tensor.QUANTIZATION, "quantization",
                what + " quantization"), shape, what);
        long bufferIndex = t.uintField(TfliteSchema.Tensor.BUFFER, 0, "buffer");
        Optional<Bytes> data = bufferData(bufferIndex, t, what);
        if (data.isPresent()) {
            if (variable) throw in.error(t.position(), what + " ('" + name + "') is a variable but its buffer holds data");
            long expected = shape.elements() * dtype.bytes();
            if (dtype.bytes() > 0 && data.get().size() != expected) {
                throw in.error(t.position(), what + " ('" + name + "'): buffer " + bufferIndex + " has " + data.get().size()
                        + " bytes, but shape " + shape + " of " + dtype + " needs " + expected);
            }
        }
        return new Tensor(name, shape, dtype, data.isPresent(), q, data, variable);
    }

    private Optional<Quantization> readQuantization(FbTable q, Shape shape, String what) {
        if (q == null) return Optional.empty();
        FbVector sv = q.vectorField(TfliteSchema.QuantizationParameters.SCALE, 4, "scale");
        if (sv == null || sv.length() == 0) return Optional.empty();
        FbVector zv = q.vectorField(TfliteSchema.QuantizationParameters.ZERO_POINT, 8, "zero_point");
        int dim = q.intField(TfliteSchema.QuantizationParameters.QUANTIZED_DIMENSION, 0, "quantized_dimension");
        int n = sv.length();
        if (n > 1) {
            if (dim < 0 || dim >= shape.rank()) {
                throw in.error(q.position(), what + ": quantized_dimension " + dim + " is not a dimension of shape " + shape);
            }
            if (shape.dim(dim) != n) {
                throw in.error(sv.position(), what + ": " + n + " scales, but dimension " + dim + " of shape " + shape
                        + " has " + shape.dim(dim) + " entries");
            }
        }
        if (zv != null && zv.length() != 0 && zv.length() != n) {
            throw in.error(zv.position(), what + ": " + zv.length() + " zero points for " + n + " scales");
        }
        float[] scales = sv.floats();
        long[] zps = zv == null || zv.length() == 0 ? new long[n] : zv.longs();
        try {
            return Optional.of(new Quantization(scales, zps, Math.max(0, dim)));
        } catch (IllegalArgumentException e) {
            throw in.error(sv.position(), what + ": " + e.getMessage());
        }
    }

    /** The data of buffer {@code index}, or empty if it has none; the same bytes are decoded once. */
    private Optional<Bytes> bufferData(long index, FbTable tensor, String what) {
        int n = buffers == null ? 0 : buffers.length();
        if (index >= n) {
            // buffer 0 is the conventional empty buffer; files with no buffers at all use it too
            if (index == 0) return Optional.empty();
            throw in.error(tensor.position(), what + ": buffer index " + index + " is out of range (the model has " + n + " buffers)");
        }
        Optional<Bytes> cached = bufferData.get((int) index);
        if (cached != null) return cached;
        FbTable b = buffers.table((int) index, "buffer " + index);
        Optional<Bytes> result;
        FbVector dv = b.vectorField(TfliteSchema.Buffer.DATA, 1, "data");
        long offset = b.longField(TfliteSchema.Buffer.OFFSET, 0, "offset");
        long size = b.longField(TfliteSchema.Buffer.SIZE, 0, "size");
        long start;
        long length;
        if (dv != null && dv.length() > 0) {
            start = dv.start();
            length = dv.length();
        } else if (offset > 1) {
            // large models keep buffer data after the flatbuffer, addressed from the start of the file
            if (size < 0 || offset + size > in.size() || offset + size < 0) {
                throw in.error(b.position(), "buffer " + index + ": " + size + " bytes at file offset " + offset
                        + " are outside the file (size " + in.size() + ")");
            }
            start = offset;
            length = size;
        } else {
            start = -1;
            length = 0;
        }
        if (length == 0) {
            result = Optional.empty();
        } else {
            long key = (start << 32) ^ length;
            Bytes bytes = dataByRegion.get(key);
            if (bytes == null) {
                distinctDataBytes += length;
                if (distinctDataBytes > in.size()) {
                    throw in.error(b.position(), "buffer " + index + ": buffers hold more data than the file has (their regions overlap)");
                }
                bytes = Bytes.wrap(in.bytes(start, length, "buffer " + index));
                dataByRegion.put(key, bytes);
            }
            result = Optional.of(bytes);
        }
        bufferData.put((int) index, result);
        return result;
    }

    // ---- operators ---------------------------------------------------------------------------------

    private Op readOp(FbTable t, int index, List<Tensor> tensors) {
        long opcodeIndex = t.uintField(TfliteSchema.Operator.OPCODE_INDEX, 0, "opcode_index");
        if (opcodeIndex >= opCodes.size()) {
            throw in.error(t.position(), "operator " + index + ": opcode_index " + opcodeIndex + " is out of range (the model has "
                    + opCodes.size() + " operator codes)");
        }
        OpCode oc = opCodes.get((int) opcodeIndex);
        String what = "operator " + index + " (" + BuiltinOperators.name(oc.code()) + ")";
        List<Integer> ins = indexList(t.vectorField(TfliteSchema.Operator.INPUTS, 4, "inputs"), tensors.size(), true, what + " inputs");
        List<Integer> outs = indexList(t.vectorField(TfliteSchema.Operator.OUTPUTS, 4, "outputs"), tensors.size(), false, what + " outputs");
        int optionsType = t.ubyteField(TfliteSchema.Operator.BUILTIN_OPTIONS_TYPE, 0, "builtin_options_type");
        Opts o = new Opts(t, optionsType, what);
        OpKind kind = OpKind.fromBuiltinCode(oc.code());
        if (oc.code() == OpKind.CUSTOM.builtinCode()) {
            String code = oc.customCode() == null ? "" : oc.customCode();
            return new Op.Custom(ins, outs, code, customOptions(t, what));
        }
        Op mapped = switch (kind) {
            case CONV_2D -> {
                FbTable x = o.table(Options.CONV_2D, "Conv2DOptions");
                yield new Op.Conv2D(ins, outs, padding(x, TfliteSchema.Conv2DOptions.PADDING),
                        o.i(x, TfliteSchema.Conv2DOptions.STRIDE_H, 0, "stride_h"), o.i(x, TfliteSchema.Conv2DOptions.STRIDE_W, 0, "stride_w"),
                        o.i(x, TfliteSchema.Conv2DOptions.DILATION_H, 1, "dilation_h_factor"),
                        o.i(x, TfliteSchema.Conv2DOptions.DILATION_W, 1, "dilation_w_factor"),
                        activation(x, TfliteSchema.Conv2DOptions.FUSED_ACTIVATION));
            }
            case DEPTHWISE_CONV_2D -> {
                FbTable x = o.table(Options.DEPTHWISE_CONV_2D, "DepthwiseConv2DOptions");
                int mult = o.i(x, TfliteSchema.DepthwiseConv2DOptions.DEPTH_MULTIPLIER, 0, "depth_multiplier");
                if (mult == 0) mult = inferDepthMultiplier(ins, tensors);
                yield new Op.DepthwiseConv2D(ins, outs, padding(x, TfliteSchema.DepthwiseConv2DOptions.PADDING),
                        o.i(x, TfliteSchema.DepthwiseConv2DOptions.STRIDE_H, 0, "stride_h"),
                        o.i(x, TfliteSchema.DepthwiseConv2DOptions.STRIDE_W, 0, "stride_w"), mult,
                        o.i(x, TfliteSchema.DepthwiseConv2DOptions.DILATION_H, 1, "dilation_h_factor"),
                        o.i(x, TfliteSchema.DepthwiseConv2DOptions.DILATION_W, 1, "dilation_w_factor"),
                        activation(x, TfliteSchema.DepthwiseConv2DOptions.FUSED_ACTIVATION));
            }
            case FULLY_CONNECTED -> {
                FbTable x = o.table(Options.FULLY_CONNECTED, "FullyConnectedOptions");
                int format = x == null ? 0 : x.byteField(TfliteSchema.FullyConnectedOptions.WEIGHTS_FORMAT, 0, "weights_format");
                if (format != 0) yield null;
                yield new Op.FullyConnected(ins, outs, activation(x, TfliteSchema.FullyConnectedOptions.FUSED_ACTIVATION),
                        x != null && x.boolField(TfliteSchema.FullyConnectedOptions.KEEP_NUM_DIMS, false, "keep_num_dims"));
            }
            case TRANSPOSE_CONV -> {
                FbTable x = o.table(Options.TRANSPOSE_CONV, "TransposeConvOptions");
                yield new Op.TransposeConv(ins, outs, padding(x, TfliteSchema.TransposeConvOptions.PADDING),
                        o.i(x, TfliteSchema.TransposeConvOptions.STRIDE_H, 0, "stride_h"),
                        o.i(x, TfliteSchema.TransposeConvOptions.STRIDE_W, 0, "stride_w"),
                        activation(x, TfliteSchema.TransposeConvOptions.FUSED_ACTIVATION));
            }
            case ADD -> new Op.Add(ins, outs, activation(o.table(Options.ADD, "AddOptions"), TfliteSchema.ActivationOptions.FUSED_ACTIVATION));
            case SUB -> new Op.Sub(ins, outs, activation(o.table(Options.SUB, "SubOptions"), TfliteSchema.ActivationOptions.FUSED_ACTIVATION));
            case MUL -> new Op.Mul(ins, outs, activation(o.table(Options.MUL, "MulOptions"), TfliteSchema.ActivationOptions.FUSED_ACTIVATION));
            case AVERAGE_POOL_2D, MAX_POOL_2D -> {
                FbTable x = o.table(Options.POOL_2D, "Pool2DOptions");
                Padding p = padding(x, TfliteSchema.Pool2DOptions.PADDING);
                int sh = o.i(x, TfliteSchema.Pool2DOptions.STRIDE_H, 0, "stride_h");
                int sw = o.i(x, TfliteSchema.Pool2DOptions.STRIDE_W, 0, "stride_w");
                int fh = o.i(x, TfliteSchema.Pool2DOptions.FILTER_HEIGHT, 0, "filter_height");
                int fw = o.i(x, TfliteSchema.Pool2DOptions.FILTER_WIDTH, 0, "filter_width");
                Activation a = activation(x, TfliteSchema.Pool2DOptions.FUSED_ACTIVATION);
                yield kind == OpKind.AVERAGE_POOL_2D ? new Op.AveragePool2D(ins, outs, p, sh, sw, fh, fw, a)
                        : new Op.MaxPool2D(ins, outs, p, sh, sw, fh, fw, a);
            }
            case MEAN -> {
                int[] axes = intData(ins, 1, tensors);
                if (axes == null) yield null;
                FbTable x = o.table(Options.REDUCER, "ReducerOptions");
                yield new Op.Mean(ins, outs, list(axes), x != null && x.boolField(TfliteSchema.ReducerOptions.KEEP_DIMS, false, "keep_dims"));
            }
            case CONCATENATION -> {
                FbTable x = o.table(Options.CONCATENATION, "ConcatenationOptions");
                yield new Op.Concatenation(ins, outs, o.i(x, TfliteSchema.ConcatenationOptions.AXIS, 0, "axis"),
                        activation(x, TfliteSchema.ConcatenationOptions.FUSED_ACTIVATION));
            }
            case SPLIT -> {
                int[] axis = intData(ins, 0, tensors);
                if (axis == null || axis.length != 1) yield null;
                FbTable x = o.table(Options.SPLIT, "SplitOptions");
                yield new Op.Split(ins, outs, axis[0], o.i(x, TfliteSchema.SplitOptions.NUM_SPLITS, outs.size(), "num_splits"));
            }
            case RESHAPE -> new Op.Reshape(ins, outs);
            case SQUEEZE -> {
                FbTable x = o.table(Options.SQUEEZE, "SqueezeOptions");
                FbVector dims = x == null ? null : x.vectorField(TfliteSchema.SqueezeOptions.SQUEEZE_DIMS, 4, "squeeze_dims");
                yield new Op.Squeeze(ins, outs, dims == null ? List.of() : list(dims.ints()));
            }
            case PAD -> {
                int[] paddings = intData(ins, 1, tensors);
                yield paddings == null ? null : new Op.Pad(ins, outs, list(paddings));
            }
            case SOFTMAX -> {
                FbTable x = o.table(Options.SOFTMAX, "SoftmaxOptions");
                yield new Op.Softmax(ins, outs, x == null ? 0f : x.floatField(TfliteSchema.SoftmaxOptions.BETA, 0f, "beta"));
            }
            case LOGISTIC -> new Op.Logistic(ins, outs);
            case TANH -> new Op.Tanh(ins, outs);
            case RELU -> new Op.Relu(ins, outs);
            case RELU6 -> new Op.Relu6(ins, outs);
            case HARD_SWISH -> new Op.HardSwish(ins, outs);
            case QUANTIZE -> new Op.Quantize(ins, outs);
            case DEQUANTIZE -> new Op.Dequantize(ins, outs);
            case RESIZE_BILINEAR -> {
                FbTable x = o.table(Options.RESIZE_BILINEAR, "ResizeBilinearOptions");
                yield new Op.ResizeBilinear(ins, outs, o.b(x, TfliteSchema.ResizeBilinearOptions.ALIGN_CORNERS, "align_corners"),
                        o.b(x, TfliteSchema.ResizeBilinearOptions.HALF_PIXEL_CENTERS, "half_pixel_centers"));
            }
            case RESIZE_NEAREST_NEIGHBOR -> {
                FbTable x = o.table(Options.RESIZE_NEAREST_NEIGHBOR, "ResizeNearestNeighborOptions");
                yield new Op.ResizeNearestNeighbor(ins, outs, o.b(x, TfliteSchema.ResizeNearestNeighborOptions.ALIGN_CORNERS, "align_corners"),
                        o.b(x, TfliteSchema.ResizeNearestNeighborOptions.HALF_PIXEL_CENTERS, "half_pixel_centers"));
            }
            case ARG_MAX -> {
                int[] axis = intData(ins, 1, tensors);
                yield axis == null || axis.length != 1 ? null : new Op.ArgMax(ins, outs, axis[0]);
            }
            case STRIDED_SLICE -> {
                FbTable x = o.table(Options.STRIDED_SLICE, "StridedSliceOptions");
                int[] begin = intData(ins, 1, tensors), end = intData(ins, 2, tensors), strides = intData(ins, 3, tensors);
                boolean unsupported = o.i(x, TfliteSchema.StridedSliceOptions.ELLIPSIS_MASK, 0, "ellipsis_mask") != 0
                        || o.i(x, TfliteSchema.StridedSliceOptions.NEW_AXIS_MASK, 0, "new_axis_mask") != 0
                        || o.b(x, TfliteSchema.StridedSliceOptions.OFFSET, "offset");
                if (begin == null || end == null || strides == null || unsupported) yield null;
                yield new Op.StridedSlice(ins, outs, list(begin), list(end), list(strides),
                        o.i(x, TfliteSchema.StridedSliceOptions.BEGIN_MASK, 0, "begin_mask"),
                        o.i(x, TfliteSchema.StridedSliceOptions.END_MASK, 0, "end_mask"),
                        o.i(x, TfliteSchema.StridedSliceOptions.SHRINK_AXIS_MASK, 0, "shrink_axis_mask"));
            }
            case UNIDIRECTIONAL_SEQUENCE_LSTM -> {
                FbTable x = o.table(Options.UNIDIRECTIONAL_SEQUENCE_LSTM, "UnidirectionalSequenceLSTMOptions");
                yield new Op.UnidirectionalSequenceLstm(ins, outs,
                        activation(x, TfliteSchema.UnidirectionalSequenceLstmOptions.FUSED_ACTIVATION),
                        x == null ? 0f : x.floatField(TfliteSchema.UnidirectionalSequenceLstmOptions.CELL_CLIP, 0f, "cell_clip"),
                        x == null ? 0f : x.floatField(TfliteSchema.UnidirectionalSequenceLstmOptions.PROJ_CLIP, 0f, "proj_clip"),
                        o.b(x, TfliteSchema.UnidirectionalSequenceLstmOptions.TIME_MAJOR, "time_major"));
            }
            case CUSTOM, BATCH_NORM, OPAQUE -> null;
        };
        return mapped != null ? mapped : new Op.Opaque(ins, outs, oc.code(), BuiltinOperators.name(oc.code()));
    }

    private Bytes customOptions(FbTable t, String what) {
        FbVector v = t.vectorField(TfliteSchema.Operator.CUSTOM_OPTIONS, 1, "custom_options");
        if (v != null && v.length() > 0) return Bytes.wrap(v.bytes());
        long offset = t.longField(TfliteSchema.Operator.LARGE_CUSTOM_OPTIONS_OFFSET, 0, "large_custom_options_offset");
        long size = t.longField(TfliteSchema.Operator.LARGE_CUSTOM_OPTIONS_SIZE, 0, "large_custom_options_size");
        if (offset > 1 && size > 0) {
            if (offset + size > in.size() || offset + size < 0) {
                throw in.error(t.position(), what + ": large custom options of " + size + " bytes at file offset " + offset
                        + " are outside the file (size " + in.size() + ")");
            }
            return Bytes.wrap(in.bytes(offset, size, what + " large custom options"));
        }
        return Bytes.empty();
    }

    /** The options table of an op, checked to have the expected union type. */
    private final class Opts {
        private final FbTable op;
        private final int type;
        private final String what;

        Opts(FbTable op, int type, String what) {
            this.op = op;
            this.type = type;
            this.what = what;
        }

        /** The options table, or null if the op has none (defaults apply). */
        FbTable table(int expectedType, String expectedName) {
            if (type == Options.NONE) return null;
            if (type != expectedType) {
                throw in.error(op.position(), what + ": builtin_options_type is " + type + ", expected " + expectedType + " ("
                        + expectedName + ")");
            }
            return op.tableField(TfliteSchema.Operator.BUILTIN_OPTIONS, "builtin_options", what + " " + expectedName);
        }

        int i(FbTable t, int slot, int def, String name) {
            return t == null ? def : t.intField(slot, def, name);
        }

        boolean b(FbTable t, int slot, String name) {
            return t != null && t.boolField(slot, false, name);
        }
    }

    private Padding padding(FbTable options, int slot) {
        int code = options == null ? 0 : options.byteField(slot, 0, "padding");
        try {
            return Padding.fromTflite(code);
        } catch (IllegalArgumentException e) {
            throw in.error(options.position(), options.what() + ": " + e.getMessage());
        }
    }

    private Activation activation(FbTable options, int slot) {
        int code = options == null ? 0 : options.byteField(slot, 0, "fused_activation_function");
        try {
            return Activation.fromTflite(code);
        } catch (IllegalArgumentException e) {
            throw in.error(options.position(), options.what() + ": " + e.getMessage());
        }
    }

    private static int inferDepthMultiplier(List<Integer> ins, List<Tensor> tensors) {
        if (ins.size() < 2 || ins.get(0) < 0 || ins.get(1) < 0) return 1;
        Shape x = tensors.get(ins.get(0)).shape(), f = tensors.get(ins.get(1)).shape();
        if (x.rank() == 0 || f.rank() == 0 || x.c() == 0 || f.c() % x.c() != 0 || f.c() == 0) return 1;
        return f.c() / x.c();
    }

    /** The values of the int32/int64 constant input {@code position}, or null if it is not one. */
    private static int[] intData(List<Integer> ins, int position, List<Tensor> tensors) {
        if (position >= ins.size() || ins.get(position) < 0) return null;
        Tensor t = tensors.get(ins.get(position));
        if (t.data().isEmpty()) return null;
        if (t.dtype() == DType.INT32) return t.data().get().ints();
        if (t.dtype() == DType.INT64) {
            long[] l = t.data().get().longs();
            int[] out = new int[l.length];
            for (int i = 0; i < l.length; i++) {
                if (l[i] != (int) l[i]) return null;
                out[i] = (int) l[i];
            }
            return out;
        }
        return null;
    }

    private static List<Integer> list(int[] a) {
        List<Integer> l = new ArrayList<>(a.length);
        for (int v : a) l.add(v);
        return l;
    }
}
