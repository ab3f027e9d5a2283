package dev.edgetpunas.quant.interp;

import dev.edgetpunas.compiler.graph.DType;
import dev.edgetpunas.compiler.graph.Quantization;
import dev.edgetpunas.compiler.graph.Tensor;
import dev.edgetpunas.quant.params.PerAxis;
import dev.edgetpunas.quant.params.PerTensor;
import dev.edgetpunas.quant.params.QType;
import dev.edgetpunas.quant.params.QuantParams;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The value of one tensor of an inference: its name, element type, shape, quantization parameters (for
 * 8-bit tensors) and data. 8-bit data are raw bytes ({@link #raw()}, {@link #quantized()}), float32
 * data are floats, INT32 and INT64 data are longs. {@link #dequantized()} gives the real values of any
 * type: {@code scale * (q - zero_point)} for 8-bit tensors, the values themselves otherwise.
 *
 * <pre>{@code
 * TensorValue in = TensorValue.ofRaw(graph.tensor(graph.inputs().get(0)), pixels);
 * TensorValue probs = interpreter.run(List.of(in)).get(0);
 * probs.quantized();     // raw uint8 scores as ints, e.g. 194
 * probs.dequantized();   // 194 / 256 = 0.7578125
 * }</pre>
 *
 * <p>Immutable: arrays are copied in and out.
 */
public final class TensorValue {
    private final String name;
    private final DType dtype;
    private final int[] shape;
    private final QuantParams params; // null unless 8-bit
    private final Object data; // byte[] (INT8, UINT8), float[] (FLOAT32), long[] (INT32, INT64)

    private TensorValue(String name, DType dtype, int[] shape, QuantParams params, Object data) {
        this.name = Objects.requireNonNull(name, "name");
        this.dtype = Objects.requireNonNull(dtype, "dtype");
        this.shape = shape.clone();
        long n = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 0) throw new IllegalArgumentException("tensor '" + name + "': shape[" + i + "] must be >= 0, but was " + shape[i]);
            n *= shape[i];
        }
        this.params = params;
        this.data = data;
        int length = switch (dtype) {
            case INT8, UINT8 -> ((byte[]) data).length;
            case FLOAT32 -> ((float[]) data).length;
            case INT32, INT64 -> ((long[]) data).length;
            default -> throw new IllegalArgumentException("tensor '" + name + "': type " + dtype + " is not supported (INT8, UINT8, FLOAT32, INT32, INT64)");
        };
        if (length != n) {
            throw new IllegalArgumentException("tensor '" + name + "': data has " + length + " elements, but shape " + Arrays.toString(shape) + " needs " + n);
        }
        if (dtype.isQuantized8() && params == null) {
            throw new IllegalArgumentException("tensor '" + name + "': a " + dtype + " value needs quantization parameters");
        }
    }

    /** Raw 8-bit data for a tensor of the graph (type INT8 or UINT8 with quantization). */
    public static TensorValue ofRaw(Tensor spec, byte[] raw) {
        if (!spec.dtype().isQuantized8()) {
            throw new IllegalArgumentException("tensor '" + spec.name() + "' is " + spec.dtype() + ", not INT8 or UINT8: raw bytes do not fit");
        }
        QuantParams p = params(spec).orElseThrow(() -> new IllegalArgumentException(
                "tensor '" + spec.name() + "' is " + spec.dtype() + " but has no quantization parameters"));
        return new TensorValue(spec.name(), spec.dtype(), spec.shape().toArray(), p, raw.clone());
    }

    /** Raw 8-bit data with explicit parameters. */
    public static TensorValue ofRaw(String name, QType type, int[] shape, QuantParams params, byte[] raw) {
        return new TensorValue(name, dtype(type), shape, Objects.requireNonNull(params, "params"), raw.clone());
    }

    /** Float32 values. */
    public static TensorValue ofFloats(String name, int[] shape, float[] values) {
        return new TensorValue(name, DType.FLOAT32, shape, null, values.clone());
    }

    /** Integer values of an INT32 or INT64 tensor. */
    public static TensorValue ofLongs(String name, DType dtype, int[] shape, long[] values) {
        if (dtype != DType.INT32 && dtype != DType.INT64) {
            throw new IllegalArgumentException("tensor '" + name + "': integer values need INT32 or INT64, but type was " + dtype);
        }
        return new TensorValue(name, dtype, shape, null, values.clone());
    }

    /**
     * Real values for a tensor of the graph: float32 tensors take them as they are, 8-bit tensors
     * quantize them with the tensor's per-tensor parameters ({@code AffineQuantize}).
     */
    public static TensorValue quantizing(Tensor spec, float[] realValues) {
        if (spec.dtype() == DType.FLOAT32) return new TensorValue(spec.name(), DType.FLOAT32, spec.shape().toArray(), null, realValues.clone());
        if (!spec.dtype().isQuantized8()) {
            throw new IllegalArgumentException("tensor '" + spec.name() + "' is " + spec.dtype() + ": real values fit FLOAT32, INT8 and UINT8 tensors only");
        }
        QuantParams p = params(spec).orElseThrow(() -> new IllegalArgumentException(
                "tensor '" + spec.name() + "' is " + spec.dtype() + " but has no quantization parameters"));
        if (!(p instanceof PerTensor pt)) throw new IllegalArgumentException("tensor '" + spec.name() + "' is quantized per axis; inputs must be per tensor");
        return new TensorValue(spec.name(), spec.dtype(), spec.shape().toArray(), p, pt.quantize(realValues, qtype(spec.dtype())));
    }

    /** Values wrapped without copying (the interpreter's own arrays, never handed out again). */
    static TensorValue wrap(Tensor spec, Object data) {
        return new TensorValue(spec.name(), spec.dtype(), spec.shape().toArray(), params(spec).orElse(null), data);
    }

    /** The tensor's quantization parameters as the kernels use them, if it has any. */
    public static Optional<QuantParams> params(Tensor spec) {
        if (spec.quantization().isEmpty()) return Optional.empty();
        Quantization q = spec.quantization().get();
        int[] zp = new int[q.count()];
        for (int i = 0; i < zp.length; i++) {
            long z = q.zeroPoint(i);
            if (z < Integer.MIN_VALUE || z > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("tensor '" + spec.name() + "': zero_point[" + i + "] " + z + " does not fit 32 bits");
            }
            zp[i] = (int) z;
        }
        return Optional.of(QuantParams.of(q.scales(), zp, q.axis()));
    }

    /** The 8-bit storage type of {@code dtype} (INT8 or UINT8). */
    public static QType qtype(DType dtype) {
        return switch (dtype) {
            case INT8 -> QType.INT8;
            case UINT8 -> QType.UINT8;
            default -> throw new IllegalArgumentException("type " + dtype + " is not an 8-bit quantized type");
        };
    }

    static DType dtype(QType type) {
        return type == QType.INT8 ? DType.INT8 : DType.UINT8;
    }

    public String name() {
        return name;
    }

    public DType dtype() {
        return dtype;
    }

    /** A copy of the shape. */
    public int[] shape() {
        return shape.clone();
    }

    /** Number of elements. */
    public int size() {
        int n = 1;
        for (int d : shape) n *= d;
        return n;
    }

    /** The quantization parameters of an 8-bit value. */
    public Optional<QuantParams> params() {
        return Optional.ofNullable(params);
    }

    /** True for INT8 and UINT8 values. */
    public boolean isQuantized() {
        return dtype.isQuantized8();
    }

    /** A copy of the raw bytes of an 8-bit value. */
    public byte[] raw() {
        return bytes().clone();
    }

    /** The 8-bit values as ints (signed for INT8, 0..255 for UINT8). */
    public int[] quantized() {
        byte[] b = bytes();
        QType t = qtype(dtype);
        int[] out = new int[b.length];
        for (int i = 0; i < b.length; i++) out[i] = t.load(b[i]);
        return out;
    }

    /** A copy of the values of a FLOAT32 value. */
    public float[] floats() {
        if (dtype != DType.FLOAT32) throw new IllegalStateException("tensor '" + name + "' is " + dtype + ", not FLOAT32");
        return ((float[]) data).clone();
    }

    /** A copy of the values of an INT32 or INT64 value. */
    public long[] longs() {
        if (dtype != DType.INT32 && dtype != DType.INT64) throw new IllegalStateException("tensor '" + name + "' is " + dtype + ", not INT32 or INT64");
        return ((long[]) data).clone();
    }

    /** Real values: dequantized 8-bit values (per tensor or per axis), floats as they are, integers converted. */
    public float[] dequantized() {
        switch (dtype) {
            case FLOAT32:
                return ((float[]) data).clone();
            case INT32:
            case INT64: {
                long[] v = (long[]) data;
                float[] out = new float[v.length];
                for (int i = 0; i < v.length; i++) out[i] = v[i];
                return out;
            }
            default: {
                byte[] b = (byte[]) data;
                QType t = qtype(dtype);
                float[] out = new float[b.length];
                if (params instanceof PerTensor p) {
                    for (int i = 0; i < b.length; i++) out[i] = p.dequantize(t.load(b[i]));
                } else {
                    PerAxis p = (PerAxis) params;
                    int inner = 1;
                    for (int d = p.axis() + 1; d < shape.length; d++) inner *= shape[d];
                    int n = shape[p.axis()];
                    for (int i = 0; i < b.length; i++) {
                        int c = (i / inner) % n;
                        out[i] = (float) ((double) p.scale(c) * (t.load(b[i]) - p.zeroPoint(c)));
                    }
                }
                return out;
            }
        }
    }

    /** The data array without a copy (for the interpreter). */
    Object data() {
        return data;
    }

    private byte[] bytes() {
        if (!dtype.isQuantized8()) throw new IllegalStateException("tensor '" + name + "' is " + dtype + ", not INT8 or UINT8");
        return (byte[]) data;
    }

    /**
     * Whether {@code v} holds the same values: same type, shape and data, whatever the tensors' names and
     * quantization parameters (an exported model read back, compared output by output).
     */
    public boolean sameValues(TensorValue v) {
        if (dtype != v.dtype || !Arrays.equals(shape, v.shape)) return false;
        return switch (dtype) {
            case FLOAT32 -> Arrays.equals((float[]) data, (float[]) v.data);
            case INT32, INT64 -> Arrays.equals((long[]) data, (long[]) v.data);
            default -> Arrays.equals((byte[]) data, (byte[]) v.data);
        };
    }

    /** {@link #sameValues(TensorValue)} for every pair of two equally long lists. */
    public static boolean sameValues(java.util.List<TensorValue> a, java.util.List<TensorValue> b) {
        if (a.size() != b.size()) return false;
        for (int i = 0; i < a.size(); i++) if (!a.get(i).sameValues(b.get(i))) return false;
        return true;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TensorValue v)) return false;
        if (!name.equals(v.name) || !Objects.equals(params, v.params)) return false;
        return sameValues(v);
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(name, dtype, Arrays.hashCode(shape), params);
        return 31 * h + switch (dtype) {
            case FLOAT32 -> Arrays.hashCode((float[]) data);
            case INT32, INT64 -> Arrays.hashCode((long[]) data);
            default -> Arrays.hashCode((byte[]) data);
        };
    }

    @Override
    public String toString() {
        return "TensorValue[" + name + " " + dtype + " " + Arrays.toString(shape) + (params == null ? "" : " " + params) + "]";
    }
}
