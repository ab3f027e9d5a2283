package dev.edgetpunas.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.zoo.ModelZoo;
import dev.edgetpunas.compiler.zoo.ZooEntry;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code edgetpu-nas models}: the zoo, with input size, MACs and parameters of each model. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "List the model zoo: name, input size, MACs, parameters.")
public final class ModelsCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print JSON: {models: [{name, input, macs, params, description}]}.")
    boolean json;

    @Override
    public Integer call() {
        TextTable t = new TextTable("model", "input", "MACs", "params", "description").rightAlign(1, 2, 3);
        ObjectNode root = Json.report();
        ArrayNode arr = root.putArray("models");
        for (ZooEntry e : ModelZoo.entries()) {
            Graph g = e.build(e.defaultResolution());
            int res = e.defaultResolution();
            t.row(e.name(), res + "x" + res, TextTable.si(g.macs()), TextTable.si(g.paramCount()), e.description());
            ObjectNode n = arr.addObject();
            n.put("name", e.name());
            n.put("input", res);
            n.put("macs", g.macs());
            n.put("params", g.paramCount());
            n.put("description", e.description());
        }
        System.out.print(json ? Json.pretty(root) + "\n" : t.toString());
        return 0;
    }
}
