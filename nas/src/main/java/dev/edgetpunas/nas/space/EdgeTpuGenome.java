package dev.edgetpunas.nas.space;

import dev.edgetpunas.compiler.graph.Nonlinearity;
import java.util.List;
import java.util.Objects;

/**
 * A genome of the {@code edgetpu} space: one {@link StageGene} per stage and the network's activation
 * (ReLU unless the space allows swish).
 *
 * <pre>{@code
 * EdgeTpuGenome s = EdgeTpuSpace.EFFICIENTNET_EDGETPU_S;   // EfficientNet-EdgeTPU-S itself
 * s.stages().get(3).kernel();                            // 5
 * }</pre>
 *
 * @param stages the six stages
 * @param activation {@link Nonlinearity#RELU} or {@link Nonlinearity#SWISH}
 */
public record EdgeTpuGenome(List<StageGene> stages, Nonlinearity activation) {
    public EdgeTpuGenome {
        stages = List.copyOf(stages);
        Objects.requireNonNull(activation, "activation");
        if (stages.size() != EdgeTpuSpace.STAGES) {
            throw new IllegalArgumentException("an edgetpu genome has " + EdgeTpuSpace.STAGES + " stages, but had " + stages.size());
        }
        if (activation != Nonlinearity.RELU && activation != Nonlinearity.SWISH) {
            throw new IllegalArgumentException("activation must be relu or swish, but was " + activation.id());
        }
    }

    /** This genome with stage {@code i} replaced. */
    public EdgeTpuGenome withStage(int i, StageGene g) {
        StageGene[] s = stages.toArray(new StageGene[0]);
        s[i] = g;
        return new EdgeTpuGenome(List.of(s), activation);
    }

    /** This genome with another activation. */
    public EdgeTpuGenome withActivation(Nonlinearity a) {
        return new EdgeTpuGenome(stages, a);
    }
}
