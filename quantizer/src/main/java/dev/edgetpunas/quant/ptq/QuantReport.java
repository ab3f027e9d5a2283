package dev.edgetpunas.quant.ptq;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edgetpunas.compiler.graph.DType;
import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.graph.Op;
import dev.edgetpunas.quant.interp.Interpreter;
import dev.edgetpunas.quant.interp.TensorValue;
import dev.edgetpunas.quant.kernels.Parallelism;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How much post-training quantization cost: float vs int8 top-1 accuracy on a labelled set, the SQNR
 * (dB) of every op's output (float reference vs dequantized int8, energies summed over the set), and
 * the activation and weight ranges the quantizer chose.
 *
 * <pre>{@code
 * QuantReport r = QuantReport.evaluate(model, forward, testSet, Parallelism.serial());
 * r.floatTop1(); r.int8Top1(); r.top1Drop();      // fractions in [0, 1]
 * r.layers().get(3).sqnrDb();
 * ObjectNode json = r.toJson();                   // snake_case keys; the CLI adds schema_version
 * }</pre>
 *
 * @param samples number of labelled samples
 * @param floatTop1 top-1 accuracy of the folded float graph, in [0, 1]
 * @param int8Top1 top-1 accuracy of the int8 graph on the integer interpreter, in [0, 1]
 * @param agreement fraction of samples on which both predict the same class
 * @param layers per op output, in execution order
 * @param activations the activation ranges of the model
 * @param weights the weight ranges of the model
 */
public record QuantReport(int samples, double floatTop1, double int8Top1, double agreement, List<LayerSqnr> layers,
        List<TensorRange> activations, List<WeightRange> weights) {

    /**
     * SQNR of one op output.
     *
     * @param opIndex the op's index in the float graph
     * @param op its TFLite name
     * @param tensor the output tensor's name
     * @param sqnrDb the SQNR in dB ({@code +Infinity} if identical)
     */
    public record LayerSqnr(int opIndex, String op, String tensor, double sqnrDb) {
        public LayerSqnr {
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(tensor, "tensor");
        }
    }

    public QuantReport {
        layers = List.copyOf(layers);
        activations = List.copyOf(activations);
        weights = List.copyOf(weights);
    }

    /** Float top-1 minus int8 top-1 (a fraction; 0.005 is half a percentage point). */
    public double top1Drop() {
        return floatTop1 - int8Top1;
    }

    /**
     * Runs the folded float graph (through {@code forward}) and the int8 graph (on the integer
     * interpreter) on every sample of {@code testSet}; the int8 graph's 8-bit inputs are quantized with
     * their parameters. Prediction = arg-max of output 0 (first index on ties).
     */
    public static QuantReport evaluate(QuantizedModel model, FloatForward forward, Iterable<LabelledSample> testSet, Parallelism parallelism) {
        Graph fg = model.floatGraph(), qg = model.graph();
        FloatForward.Runner runner = forward.prepare(fg);
        Interpreter interp = Interpreter.prepare(qg);
        List<Integer> layerTensors = new ArrayList<>();
        List<LayerSqnr> names = new ArrayList<>();
        for (int i = 0; i < fg.opCount(); i++) {
            Op op = fg.op(i);
            for (int t : op.outputs()) {
                if (fg.tensor(t).dtype() != DType.FLOAT32) continue;
                layerTensors.add(t);
                names.add(new LayerSqnr(i, op.opName(), fg.tensor(t).name(), 0));
            }
        }
        Sqnr.Accumulator[] acc = new Sqnr.Accumulator[layerTensors.size()];
        for (int k = 0; k < acc.length; k++) acc[k] = new Sqnr.Accumulator();
        int samples = 0, floatCorrect = 0, intCorrect = 0, agree = 0;
        int floatOut = fg.outputs().get(0);
        for (LabelledSample s : testSet) {
            if (s.inputs().size() != qg.inputs().size()) {
                throw new IllegalArgumentException("sample " + samples + " has " + s.inputs().size() + " input(s), but the graph takes " + qg.inputs().size());
            }
            float[][] fv = runner.run(s.inputs());
            List<TensorValue> in = new ArrayList<>();
            for (int i = 0; i < s.inputs().size(); i++) in.add(TensorValue.quantizing(interp.inputTensor(i), s.inputs().get(i)));
            Interpreter.Trace trace = interp.trace(in, parallelism);
            int fp = argMax(fv[floatOut]);
            int ip = argMax(trace.outputs().get(0).dequantized());
            if (fp == s.label()) floatCorrect++;
            if (ip == s.label()) intCorrect++;
            if (fp == ip) agree++;
            for (int k = 0; k < acc.length; k++) {
                int t = layerTensors.get(k);
                acc[k].add(fv[t], trace.value(t).orElseThrow().dequantized());
            }
            samples++;
        }
        if (samples == 0) throw new IllegalArgumentException("the test set is empty");
        List<LayerSqnr> layers = new ArrayList<>();
        for (int k = 0; k < acc.length; k++) {
            LayerSqnr l = names.get(k);
            layers.add(new LayerSqnr(l.opIndex(), l.op(), l.tensor(), acc[k].db()));
        }
        return new QuantReport(samples, (double) floatCorrect / samples, (double) intCorrect / samples, (double) agree / samples, layers,
                model.activationRanges(), model.weightRanges());
    }

    /** Per-layer SQNR of one sample (no labels needed): float tensor values vs the dequantized int8 trace. */
    public static List<LayerSqnr> layerSqnr(QuantizedModel model, FloatForward forward, List<float[]> inputs) {
        return evaluate(model, forward, List.of(new LabelledSample(inputs, 0)), Parallelism.serial()).layers();
    }

    static int argMax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) if (v[i] > v[best]) best = i;
        return best;
    }

    /**
     * The report as JSON with snake_case keys: {@code samples, float_top1, int8_top1, top1_drop,
     * agreement, layers: [{op_index, op, tensor, sqnr_db}], activations: [{tensor, min, max, scale,
     * zero_point, source}], weights: [{tensor, op, channels, min, max, min_scale, max_scale,
     * zero_channels}]}; an infinite SQNR (identical values) is written as null.
     */
    public ObjectNode toJson() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("samples", samples);
        root.put("float_top1", floatTop1);
        root.put("int8_top1", int8Top1);
        root.put("top1_drop", top1Drop());
        root.put("agreement", agreement);
        ArrayNode ls = root.putArray("layers");
        for (LayerSqnr l : layers) {
            ObjectNode o = ls.addObject();
            o.put("op_index", l.opIndex());
            o.put("op", l.op());
            o.put("tensor", l.tensor());
            if (Double.isFinite(l.sqnrDb())) o.put("sqnr_db", l.sqnrDb());
            else o.putNull("sqnr_db");
        }
        ArrayNode as = root.putArray("activations");
        for (TensorRange r : activations) {
            ObjectNode o = as.addObject();
            o.put("tensor", r.name());
            o.put("min", r.min());
            o.put("max", r.max());
            o.put("scale", r.scale());
            o.put("zero_point", r.zeroPoint());
            o.put("source", r.source().name().toLowerCase(java.util.Locale.ROOT));
        }
        ArrayNode ws = root.putArray("weights");
        for (WeightRange w : weights) {
            ObjectNode o = ws.addObject();
            o.put("tensor", w.name());
            o.put("op", w.op());
            o.put("channels", w.channels());
            o.put("min", w.min());
            o.put("max", w.max());
            o.put("min_scale", w.minScale());
            o.put("max_scale", w.maxScale());
            o.put("zero_channels", w.zeroChannels());
        }
        return root;
    }
}
