package dev.edgetpunas.compiler.graph;

import java.util.Objects;
import java.util.Optional;

/**
 * A tensor of a {@link Graph}: an activation (produced by an op or a graph input), a constant
 * (weights, biases, axes) or a variable (state that an op reads and updates in place, such as an
 * LSTM's cell state; TFLite's {@code is_variable}). A constant may carry its data; zoo models built for
 * compiling and simulating carry none (shapes and types are enough), trained models and .tflite files
 * do. A variable is neither a graph input nor a parameter: it exists, zero-initialized, from the start.
 *
 * <pre>{@code
 * Tensor x = Tensor.activation("input", Shape.of(1, 224, 224, 3), DType.INT8);
 * Tensor w = Tensor.constant("conv/w", Shape.of(32, 3, 3, 3), DType.INT8);
 * x.bytes();   // 150528
 * }</pre>
 *
 * @param name a non-blank name, unique within its graph
 * @param shape the shape
 * @param dtype the element type
 * @param constant true for weights and other constant inputs
 * @param quantization quantization parameters, if quantized
 * @param data the raw little-endian content of a constant, if known
 * @param variable true for state tensors (never constant, never carry data)
 */
public record Tensor(String name, Shape shape, DType dtype, boolean constant, Optional<Quantization> quantization,
        Optional<Bytes> data, boolean variable) {

    public Tensor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(quantization, "quantization");
        Objects.requireNonNull(data, "data");
        if (name.isBlank()) throw new IllegalArgumentException("tensor name must not be blank");
        if (variable && constant) throw new IllegalArgumentException("tensor '" + name + "' cannot be both constant and variable");
        if (data.isPresent()) {
            if (!constant) throw new IllegalArgumentException("tensor '" + name + "': only constants carry data");
            long expected = shape.elements() * dtype.bytes();
            if (dtype.bytes() > 0 && data.get().size() != expected) {
                throw new IllegalArgumentException("tensor '" + name + "': data has " + data.get().size()
                        + " bytes, but shape " + shape + " of " + dtype + " needs " + expected);
            }
        }
    }

    /** A tensor that is not a variable (activations and constants). */
    public Tensor(String name, Shape shape, DType dtype, boolean constant, Optional<Quantization> quantization,
            Optional<Bytes> data) {
        this(name, shape, dtype, constant, quantization, data, false);
    }

    /** A variable (state) tensor with no quantization. */
    public static Tensor variable(String name, Shape shape, DType dtype) {
        return new Tensor(name, shape, dtype, false, Optional.empty(), Optional.empty(), true);
    }

    /** An activation tensor with no quantization. */
    public static Tensor activation(String name, Shape shape, DType dtype) {
        return new Tensor(name, shape, dtype, false, Optional.empty(), Optional.empty());
    }

    /** A constant tensor without data. */
    public static Tensor constant(String name, Shape shape, DType dtype) {
        return new Tensor(name, shape, dtype, true, Optional.empty(), Optional.empty());
    }

    /** A constant tensor with data. */
    public static Tensor constant(String name, Shape shape, DType dtype, Bytes data) {
        return new Tensor(name, shape, dtype, true, Optional.empty(), Optional.of(data));
    }

    /** Number of elements. */
    public long elements() {
        return shape.elements();
    }

    /** Size in bytes ({@code elements * dtype.bytes()}). */
    public long bytes() {
        return shape.elements() * dtype.bytes();
    }

    public Tensor withName(String newName) {
        return new Tensor(newName, shape, dtype, constant, quantization, data, variable);
    }

    public Tensor withShape(Shape newShape) {
        return new Tensor(name, newShape, dtype, constant, quantization, data, variable);
    }

    /** This tensor with another type; its data, which no longer fits, is dropped. */
    public Tensor withDType(DType newType) {
        return new Tensor(name, shape, newType, constant, quantization, newType == dtype ? data : Optional.empty(), variable);
    }

    public Tensor withQuantization(Quantization q) {
        return new Tensor(name, shape, dtype, constant, Optional.ofNullable(q), data, variable);
    }

    public Tensor withData(Bytes newData) {
        return new Tensor(name, shape, dtype, true, quantization, Optional.ofNullable(newData));
    }

    public Tensor withoutData() {
        return new Tensor(name, shape, dtype, constant, quantization, Optional.empty(), variable);
    }
}
