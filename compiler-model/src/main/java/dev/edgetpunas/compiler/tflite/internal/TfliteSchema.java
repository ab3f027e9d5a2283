package dev.edgetpunas.compiler.tflite.internal;

/**
 * The subset of TFLite's {@code schema.fbs} the reader and writer use: vtable slots of each table's
 * fields (in declaration order; a union takes two slots, its type byte then its value) and the
 * {@code BuiltinOptions} union ids. Transcribed from {@code ../shared/data/tflite-spec/table_fields.csv}
 * and {@code builtin_options.csv}.
 *
 * <pre>{@code
 * int stride = options.intField(TfliteSchema.Conv2DOptions.STRIDE_W, 0, "stride_w");
 * }</pre>
 */
public final class TfliteSchema {
    private TfliteSchema() {}

    /** The file identifier at bytes 4..8. */
    public static final String FILE_IDENTIFIER = "TFL3";
    /** The only schema version the TFLite runtime accepts. */
    public static final int SCHEMA_VERSION = 3;
    /** {@code deprecated_builtin_code} of builtins whose code does not fit a byte. */
    public static final int PLACEHOLDER_FOR_GREATER_OP_CODES = 127;

    public static final class Model {
        public static final int VERSION = 0, OPERATOR_CODES = 1, SUBGRAPHS = 2, DESCRIPTION = 3, BUFFERS = 4,
                METADATA_BUFFER = 5, METADATA = 6, SIGNATURE_DEFS = 7, FIELDS = 8;
        private Model() {}
    }

    public static final class SubGraph {
        public static final int TENSORS = 0, INPUTS = 1, OUTPUTS = 2, OPERATORS = 3, NAME = 4, FIELDS = 5;
        private SubGraph() {}
    }

    public static final class Tensor {
        public static final int SHAPE = 0, TYPE = 1, BUFFER = 2, NAME = 3, QUANTIZATION = 4, IS_VARIABLE = 5,
                SPARSITY = 6, SHAPE_SIGNATURE = 7, FIELDS = 8;
        private Tensor() {}
    }

    public static final class QuantizationParameters {
        public static final int MIN = 0, MAX = 1, SCALE = 2, ZERO_POINT = 3, DETAILS_TYPE = 4, DETAILS = 5,
                QUANTIZED_DIMENSION = 6, FIELDS = 7;
        private QuantizationParameters() {}
    }

    public static final class Buffer {
        public static final int DATA = 0, OFFSET = 1, SIZE = 2, FIELDS = 3;
        /** Buffer data is aligned to 16 bytes ({@code force_align: 16}). */
        public static final int DATA_ALIGNMENT = 16;
        private Buffer() {}
    }

    public static final class Operator {
        public static final int OPCODE_INDEX = 0, INPUTS = 1, OUTPUTS = 2, BUILTIN_OPTIONS_TYPE = 3,
                BUILTIN_OPTIONS = 4, CUSTOM_OPTIONS = 5, CUSTOM_OPTIONS_FORMAT = 6, MUTATING_VARIABLE_INPUTS = 7,
                INTERMEDIATES = 8, LARGE_CUSTOM_OPTIONS_OFFSET = 9, LARGE_CUSTOM_OPTIONS_SIZE = 10, FIELDS = 11;
        private Operator() {}
    }

    public static final class OperatorCode {
        public static final int DEPRECATED_BUILTIN_CODE = 0, CUSTOM_CODE = 1, VERSION = 2, BUILTIN_CODE = 3, FIELDS = 4;
        private OperatorCode() {}
    }

    /** {@code BuiltinOptions} union ids. */
    public static final class Options {
        public static final int NONE = 0, CONV_2D = 1, DEPTHWISE_CONV_2D = 2, POOL_2D = 5, FULLY_CONNECTED = 8,
                SOFTMAX = 9, CONCATENATION = 10, ADD = 11, LSTM = 14, RESIZE_BILINEAR = 15, RESHAPE = 17, MUL = 21,
                PAD = 22, REDUCER = 27, SUB = 28, SQUEEZE = 30, STRIDED_SLICE = 32, SPLIT = 35, DEQUANTIZE = 38,
                ARG_MAX = 40, TRANSPOSE_CONV = 49, UNIDIRECTIONAL_SEQUENCE_LSTM = 71, RESIZE_NEAREST_NEIGHBOR = 74,
                QUANTIZE = 89, HARD_SWISH = 91;
        private Options() {}
    }

    public static final class Conv2DOptions {
        public static final int PADDING = 0, STRIDE_W = 1, STRIDE_H = 2, FUSED_ACTIVATION = 3, DILATION_W = 4,
                DILATION_H = 5, FIELDS = 6;
        private Conv2DOptions() {}
    }

    public static final class DepthwiseConv2DOptions {
        public static final int PADDING = 0, STRIDE_W = 1, STRIDE_H = 2, DEPTH_MULTIPLIER = 3, FUSED_ACTIVATION = 4,
                DILATION_W = 5, DILATION_H = 6, FIELDS = 7;
        private DepthwiseConv2DOptions() {}
    }

    public static final class Pool2DOptions {
        public static final int PADDING = 0, STRIDE_W = 1, STRIDE_H = 2, FILTER_WIDTH = 3, FILTER_HEIGHT = 4,
                FUSED_ACTIVATION = 5, FIELDS = 6;
        private Pool2DOptions() {}
    }

    public static final class FullyConnectedOptions {
        public static final int FUSED_ACTIVATION = 0, WEIGHTS_FORMAT = 1, KEEP_NUM_DIMS = 2, FIELDS = 3;
        private FullyConnectedOptions() {}
    }

    public static final class TransposeConvOptions {
        public static final int PADDING = 0, STRIDE_W = 1, STRIDE_H = 2, FUSED_ACTIVATION = 3, FIELDS = 4;
        private TransposeConvOptions() {}
    }

    /** AddOptions, SubOptions, MulOptions: the fused activation is slot 0. */
    public static final class ActivationOptions {
        public static final int FUSED_ACTIVATION = 0, FIELDS = 1;
        private ActivationOptions() {}
    }

    public static final class SoftmaxOptions {
        public static final int BETA = 0, FIELDS = 1;
        private SoftmaxOptions() {}
    }

    public static final class ConcatenationOptions {
        public static final int AXIS = 0, FUSED_ACTIVATION = 1, FIELDS = 2;
        private ConcatenationOptions() {}
    }

    public static final class ReshapeOptions {
        public static final int NEW_SHAPE = 0, FIELDS = 1;
        private ReshapeOptions() {}
    }

    public static final class ReducerOptions {
        public static final int KEEP_DIMS = 0, FIELDS = 1;
        private ReducerOptions() {}
    }

    /** ResizeBilinearOptions (slots 0, 1 are the deprecated new_height / new_width). */
    public static final class ResizeBilinearOptions {
        public static final int ALIGN_CORNERS = 2, HALF_PIXEL_CENTERS = 3, FIELDS = 4;
        private ResizeBilinearOptions() {}
    }

    public static final class ResizeNearestNeighborOptions {
        public static final int ALIGN_CORNERS = 0, HALF_PIXEL_CENTERS = 1, FIELDS = 2;
        private ResizeNearestNeighborOptions() {}
    }

    public static final class SqueezeOptions {
        public static final int SQUEEZE_DIMS = 0, FIELDS = 1;
        private SqueezeOptions() {}
    }

    public static final class StridedSliceOptions {
        public static final int BEGIN_MASK = 0, END_MASK = 1, ELLIPSIS_MASK = 2, NEW_AXIS_MASK = 3,
                SHRINK_AXIS_MASK = 4, OFFSET = 5, FIELDS = 6;
        private StridedSliceOptions() {}
    }

    public static final class SplitOptions {
        public static final int NUM_SPLITS = 0, FIELDS = 1;
        private SplitOptions() {}
    }

    public static final class ArgMaxOptions {
        public static final int OUTPUT_TYPE = 0, FIELDS = 1;
        private ArgMaxOptions() {}
    }

    public static final class UnidirectionalSequenceLstmOptions {
        public static final int FUSED_ACTIVATION = 0, CELL_CLIP = 1, PROJ_CLIP = 2, TIME_MAJOR = 3,
                ASYMMETRIC_QUANTIZE_INPUTS = 4, FIELDS = 5;
        private UnidirectionalSequenceLstmOptions() {}
    }
}
