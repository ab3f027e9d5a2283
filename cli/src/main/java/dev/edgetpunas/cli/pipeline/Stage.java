package dev.edgetpunas.cli.pipeline;

import java.util.Locale;

/**
 * The pipeline's stages, in run order, each with its share of {@code --time-budget}. Stage k must end by
 * the run's start plus the sum of the shares of the stages up to k (in this process), so time a stage
 * leaves unused passes on to the next ones; a stage that reaches its end does less work (fewer search
 * evaluations, training steps, test images or member accuracies) and says so.
 *
 * <pre>{@code
 * Stage.SEARCH_EDGETPU.id();      // "search-edgetpu"
 * Stage.SEARCH_EDGETPU.share();   // 0.46 of the time budget
 * }</pre>
 */
public enum Stage {
    REFERENCE("reference", 0.01, "simulate the reference models (both compilers) and the seed's claims"),
    SEARCH_EDGETPU("search-edgetpu", 0.46, "regularized evolution on the Edge TPU profile, proxy accuracy on Fashion-MNIST"),
    SEARCH_CPU("search-cpu", 0.20, "the same search on cpu-only, for contrast"),
    COMPARE("compare", 0.01, "the two winners stage by stage, per-op latency, compile report, traces"),
    SCALE("scale", 0.06, "compound-scale the Edge TPU winner to three latency targets"),
    TRAIN("train", 0.15, "train the winner on Fashion-MNIST (adapted: 28x28x1, 10 classes)"),
    QUANTIZE("quantize", 0.06, "int8 post-training quantization, float vs int8 accuracy, both .tflite files"),
    VALIDATE("validate", 0.02, "the simulator against the built-in measurement set"),
    REPORT("report", 0.03, "report.html and summary.json");

    private final String id;
    private final double share;
    private final String description;

    Stage(String id, double share, String description) {
        this.id = id;
        this.share = share;
        this.description = description;
    }

    /** The stage's name in files, JSON and messages. */
    public String id() {
        return id;
    }

    /** Its share of the time budget (the shares add up to 1). */
    public double share() {
        return share;
    }

    public String description() {
        return description;
    }

    /** The stage named {@code id}; the message lists the names. */
    public static Stage parse(String id) {
        String s = id.trim().toLowerCase(Locale.ROOT);
        for (Stage st : values()) if (st.id.equals(s)) return st;
        StringBuilder names = new StringBuilder();
        for (Stage st : values()) names.append(names.length() > 0 ? ", " : "").append(st.id);
        throw new IllegalArgumentException("stage must be one of " + names + ", but was '" + id + "'");
    }
}
