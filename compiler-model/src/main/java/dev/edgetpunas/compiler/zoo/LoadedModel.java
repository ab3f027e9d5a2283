package dev.edgetpunas.compiler.zoo;

import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.passes.Deploy;
import java.util.Objects;
import java.util.Optional;

/**
 * A model as a command argument named it: its training graph where one exists (zoo models, block
 * strings) and its deployed graph (BN folded, int8), which compile and simulate use. A .tflite file
 * has only the deployed form: the file as it is.
 *
 * <pre>{@code
 * LoadedModel m = Models.load("blocks:r1_k3_s11_e1_i32_o16");
 * m.deployed().macs();
 * }</pre>
 *
 * @param name display name
 * @param origin what the argument was (zoo name, file path, block strings)
 * @param training the float training graph, if the model has one
 * @param deployed the deployed graph
 */
public record LoadedModel(String name, String origin, Optional<Graph> training, Graph deployed) {
    public LoadedModel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(deployed, "deployed");
    }

    /** A model from its training graph; the deployed graph is made by {@link Deploy}. */
    public static LoadedModel fromTraining(String origin, Graph training) {
        return new LoadedModel(training.name(), origin, Optional.of(training), Deploy.apply(training));
    }
}
