package dev.edgetpunas.quant.kernels;

import dev.edgetpunas.quant.params.PerTensor;
import dev.edgetpunas.quant.params.QType;
import dev.edgetpunas.quant.params.QuantParams;
import java.util.Arrays;

/**
 * Describes a quantized 8-bit tensor for a kernel's Prepare: storage type, shape (NHWC for 4-D
 * activations) and quantization parameters. The data stay in a separate {@code byte[]}.
 *
 * <pre>{@code
 * QTensor in = QTensor.of(QType.INT8, new int[] {1, 224, 224, 3}, new PerTensor(0.0078125f, 0));
 * }</pre>
 *
 * @param type int8 or uint8
 * @param shape dimensions, each &gt; 0
 * @param params per-tensor parameters, or per-axis for weights
 */
public record QTensor(QType type, int[] shape, QuantParams params) {

    public QTensor {
        if (type == null) throw new IllegalArgumentException("type must not be null");
        if (params == null) throw new IllegalArgumentException("params must not be null");
        shape = shape.clone();
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] <= 0) throw new IllegalArgumentException("shape[" + i + "] must be > 0, but was " + shape[i]);
        }
        if (params instanceof PerTensor p) type.checkZeroPoint(p.zeroPoint(), "tensor");
    }

    /** Shorthand for the constructor. */
    public static QTensor of(QType type, int[] shape, QuantParams params) {
        return new QTensor(type, shape, params);
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** Dimension {@code i}. */
    public int dim(int i) {
        return shape[i];
    }

    /** Number of dimensions. */
    public int rank() {
        return shape.length;
    }

    /** Number of elements. */
    public int size() {
        return Shapes.size(shape);
    }

    /** The per-tensor parameters; throws if the tensor is quantized per axis. */
    public PerTensor perTensor() {
        if (params instanceof PerTensor p) return p;
        throw new IllegalArgumentException("tensor must be quantized per tensor, but has " + params);
    }

    /** The same tensor with another shape (same element count). */
    public QTensor withShape(int[] newShape) {
        return new QTensor(type, newShape, params);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QTensor t && type == t.type && Arrays.equals(shape, t.shape) && params.equals(t.params);
    }

    @Override
    public int hashCode() {
        return (type.hashCode() * 31 + Arrays.hashCode(shape)) * 31 + params.hashCode();
    }

    @Override
    public String toString() {
        return "QTensor[" + type + " " + Arrays.toString(shape) + " " + params + "]";
    }
}
