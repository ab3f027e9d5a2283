package dev.edgetpunas.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.graph.Op;
import dev.edgetpunas.compiler.graph.OpKind;
import dev.edgetpunas.compiler.graph.OpMetrics;
import dev.edgetpunas.compiler.graph.Shape;
import dev.edgetpunas.compiler.zoo.LoadedModel;
import dev.edgetpunas.compiler.zoo.Models;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code edgetpu-nas model show MODEL}: the layers of a model. */
@Command(name = "model", mixinStandardHelpOptions = true, description = "Inspect one model.",
        subcommands = ModelCommand.Show.class)
public final class ModelCommand implements Runnable {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** {@code model show}. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Per layer of the deployed graph (or the training graph with --training): op, input and output shapes, MACs, params.")
    public static final class Show implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "MODEL",
                description = "A zoo name (optionally @SIZE), a .blocks file, blocks:BLOCK,BLOCK,..., or a .tflite file")
        String model;

        @Option(names = "--training", description = "Show the training graph (float, with BATCH_NORM) instead of the deployed one.")
        boolean training;

        @Option(names = "--json", description = "Print JSON: {model, macs, params, layers: [{index, op, name, input_shapes, output_shapes, output_types, macs, params}]}; CUSTOM ops add custom_code and custom_options_bytes.")
        boolean json;

        @Override
        public Integer call() {
            LoadedModel m = Models.load(model);
            Graph g;
            if (training) {
                g = m.training().orElseThrow(() -> new BadInputException(model + " has no training graph (a .tflite file is deployed as it is)"));
            } else {
                g = m.deployed();
            }
            if (json) {
                System.out.println(Json.pretty(toJson(g, training ? "training" : "deployed")));
            } else {
                System.out.print(toText(g, training ? "training" : "deployed"));
            }
            return 0;
        }
    }

    static ObjectNode toJson(Graph g, String form) {
        ObjectNode root = Json.report();
        root.put("model", g.name());
        root.put("form", form);
        root.put("macs", g.macs());
        root.put("params", g.paramCount());
        root.put("param_bytes", g.paramBytes());
        ArrayNode layers = root.putArray("layers");
        for (int i = 0; i < g.opCount(); i++) {
            Op op = g.op(i);
            ObjectNode l = layers.addObject();
            l.put("index", i);
            l.put("op", op.opName());
            if (op.kind() == OpKind.CUSTOM) {
                l.put("custom_code", ((Op.Custom) op).customCode());
                l.put("custom_options_bytes", ((Op.Custom) op).customOptions().size());
            }
            l.put("name", op.outputs().isEmpty() ? "" : g.tensor(op.output()).name());
            ArrayNode ins = l.putArray("input_shapes");
            for (Shape s : activationInputShapes(g, op)) shapeJson(ins.addArray(), s);
            ArrayNode outs = l.putArray("output_shapes");
            for (int t : op.outputs()) shapeJson(outs.addArray(), g.tensor(t).shape());
            ArrayNode types = l.putArray("output_types");
            for (int t : op.outputs()) types.add(g.tensor(t).dtype().name().toLowerCase(java.util.Locale.ROOT));
            l.put("macs", OpMetrics.macs(g, op));
            l.put("params", OpMetrics.paramCount(g, op));
        }
        return root;
    }

    private static void shapeJson(ArrayNode a, Shape s) {
        for (int d : s.toArray()) a.add(d);
    }

    private static List<Shape> activationInputShapes(Graph g, Op op) {
        List<Shape> out = new ArrayList<>();
        for (int t : op.inputs()) if (t >= 0 && !g.tensor(t).constant()) out.add(g.tensor(t).shape());
        return out;
    }

    /** Converter-made names join every fused op's name with ';': the first, at most 40 characters. */
    static String shortName(String name) {
        int semi = name.indexOf(';');
        String n = semi > 0 ? name.substring(0, semi) : name;
        return n.length() <= 40 ? n : "..." + n.substring(n.length() - 37);
    }

    static String toText(Graph g, String form) {
        TextTable t = new TextTable("#", "op", "name", "input", "output", "type", "MACs", "params").rightAlign(0, 6, 7);
        for (int i = 0; i < g.opCount(); i++) {
            Op op = g.op(i);
            List<String> ins = new ArrayList<>();
            for (Shape s : activationInputShapes(g, op)) ins.add(s.toCompactString());
            List<String> outs = new ArrayList<>();
            for (int o : op.outputs()) outs.add(g.tensor(o).shape().toCompactString());
            String name;
            if (op.kind() == OpKind.CUSTOM) {
                Op.Custom c = (Op.Custom) op;
                name = c.customCode() + " (options " + TextTable.bytes(c.customOptions().size()) + ")";
            } else {
                name = op.outputs().isEmpty() ? "" : shortName(g.tensor(op.output()).name());
            }
            String type = op.outputs().isEmpty() ? "" : g.tensor(op.output()).dtype().name().toLowerCase(java.util.Locale.ROOT);
            t.row(i, op.opName(), name, String.join(" ", ins), String.join(" ", outs), type, TextTable.si(OpMetrics.macs(g, op)),
                    TextTable.si(OpMetrics.paramCount(g, op)));
        }
        return g.name() + " (" + form + " graph): " + g.opCount() + " ops, " + TextTable.si(g.macs()) + " MACs, "
                + TextTable.si(g.paramCount()) + " params (" + TextTable.bytes(g.paramBytes()) + ")\n\n" + t;
    }
}
