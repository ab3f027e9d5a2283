package dev.edgetpunas.cli.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edgetpunas.training.estimate.ProxyEstimator;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a pipeline run's results depend on: seed, profile, search sizes, the proxy's budget, the final
 * training and the test sets. Not the time budget or the thread count: results never depend on the
 * threads, and the time budget only cuts work (which the manifest records). {@code --resume} requires
 * the settings of the run it continues.
 *
 * <pre>{@code
 * PipelineSettings s = PipelineSettings.defaults(1, "edgetpu-usb3-max", digest, "16.0");
 * s.proxyBudget();                 // ProxyEstimator.Budget.defaults() with the settings' knobs
 * s.differences(other);            // ["budget: 48 vs 24"]
 * }</pre>
 *
 * @param seed the run's seed (searches, proxy accuracies, training, calibration sample)
 * @param profile the Edge TPU profile's name
 * @param profileDigest its digest
 * @param compiler the compiler version modelled
 * @param budget evaluations per search
 * @param population evolution population P
 * @param sample tournament sample S
 * @param proxySteps proxy training steps per candidate
 * @param proxyBatch proxy batch size
 * @param proxyTrainImages proxy training subset
 * @param proxyEvalImages proxy held-out subset
 * @param trainWidth width factor of the final training (the winner's widths times this)
 * @param trainImages Fashion-MNIST training images of the final training (a seeded subset)
 * @param trainEpochs epochs over them
 * @param trainBatch batch size of the final training
 * @param testImages Fashion-MNIST test images for float and int8 accuracy (the first N)
 * @param calibrationImages seeded training images for int8 calibration
 */
public record PipelineSettings(long seed, String profile, String profileDigest, String compiler, int budget, int population, int sample,
        int proxySteps, int proxyBatch, int proxyTrainImages, int proxyEvalImages, double trainWidth, int trainImages, int trainEpochs,
        int trainBatch, int testImages, int calibrationImages) {

    /** Default evaluations per search (sized so the default run fits 15 minutes on 2 cores; see the cli README). */
    public static final int DEFAULT_BUDGET = 48;
    /** Default evolution population (the edgetpu space's own default, 50, needs far more than 48 evaluations). */
    public static final int DEFAULT_POPULATION = 16;
    /** Default tournament sample. */
    public static final int DEFAULT_SAMPLE = 4;
    public static final double DEFAULT_TRAIN_WIDTH = 0.25;
    public static final int DEFAULT_TRAIN_IMAGES = 4000;
    public static final int DEFAULT_TRAIN_EPOCHS = 2;
    public static final int DEFAULT_TRAIN_BATCH = 64;
    public static final int DEFAULT_TEST_IMAGES = 1000;
    public static final int DEFAULT_CALIBRATION_IMAGES = 500;

    public PipelineSettings {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(profileDigest, "profileDigest");
        Objects.requireNonNull(compiler, "compiler");
        positive("--budget", budget);
        if (population < 2) throw new IllegalArgumentException("--population must be >= 2, but was " + population);
        positive("--sample", sample);
        if (sample > population) throw new IllegalArgumentException("--sample " + sample + " must not exceed --population " + population);
        positive("--proxy-steps", proxySteps);
        positive("--proxy-batch", proxyBatch);
        positive("--proxy-train-images", proxyTrainImages);
        positive("--proxy-eval-images", proxyEvalImages);
        if (proxyBatch > proxyTrainImages) {
            throw new IllegalArgumentException("--proxy-batch " + proxyBatch + " must not exceed --proxy-train-images " + proxyTrainImages);
        }
        if (proxyTrainImages + proxyEvalImages > 60000) {
            throw new IllegalArgumentException("--proxy-train-images + --proxy-eval-images must be <= 60000, but was " + (proxyTrainImages + proxyEvalImages));
        }
        if (!(trainWidth > 0) || trainWidth > 4) throw new IllegalArgumentException("--train-width must be in (0, 4], but was " + trainWidth);
        positive("--train-epochs", trainEpochs);
        positive("--train-batch", trainBatch);
        if (trainImages < trainBatch || trainImages > 60000) {
            throw new IllegalArgumentException("--train-images must be in [" + trainBatch + " (the batch), 60000], but was " + trainImages);
        }
        if (testImages < 1 || testImages > 10000) throw new IllegalArgumentException("--test-images must be in [1, 10000], but was " + testImages);
        if (calibrationImages < 1 || calibrationImages > 60000) {
            throw new IllegalArgumentException("--calibration-images must be in [1, 60000], but was " + calibrationImages);
        }
    }

    private static void positive(String name, int v) {
        if (v < 1) throw new IllegalArgumentException(name + " must be >= 1, but was " + v);
    }

    /** The defaults for a seed and a profile. */
    public static PipelineSettings defaults(long seed, String profile, String digest, String compiler) {
        ProxyEstimator.Budget p = ProxyEstimator.Budget.defaults();
        return new PipelineSettings(seed, profile, digest, compiler, DEFAULT_BUDGET, DEFAULT_POPULATION, DEFAULT_SAMPLE, p.steps(), p.batch(),
                p.trainSamples(), p.evalSamples(), DEFAULT_TRAIN_WIDTH, DEFAULT_TRAIN_IMAGES, DEFAULT_TRAIN_EPOCHS, DEFAULT_TRAIN_BATCH,
                DEFAULT_TEST_IMAGES, DEFAULT_CALIBRATION_IMAGES);
    }

    /** The proxy estimator's budget: the default budget with these steps, batch and subsets (one kernel thread per candidate). */
    public ProxyEstimator.Budget proxyBudget() {
        ProxyEstimator.Budget d = ProxyEstimator.Budget.defaults();
        // one constructor call: chained withers would check batch <= train_samples against a half-updated budget
        return new ProxyEstimator.Budget(proxySteps, proxyBatch, proxyTrainImages, proxyEvalImages, d.widthFactor(), d.learningRate(),
                d.weightDecay(), d.bnMomentum(), d.dataSeed(), d.threads());
    }

    /** The settings as JSON (snake_case keys). */
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("seed", seed);
        o.put("profile", profile);
        o.put("profile_digest", profileDigest);
        o.put("compiler", compiler);
        o.put("budget", budget);
        o.put("population", population);
        o.put("sample", sample);
        o.put("proxy_steps", proxySteps);
        o.put("proxy_batch", proxyBatch);
        o.put("proxy_train_images", proxyTrainImages);
        o.put("proxy_eval_images", proxyEvalImages);
        o.put("train_width", trainWidth);
        o.put("train_images", trainImages);
        o.put("train_epochs", trainEpochs);
        o.put("train_batch", trainBatch);
        o.put("test_images", testImages);
        o.put("calibration_images", calibrationImages);
        return o;
    }

    /** Settings read back from {@link #toJson()}; errors name the key. */
    public static PipelineSettings fromJson(JsonNode o) {
        return new PipelineSettings(req(o, "seed").asLong(), req(o, "profile").asText(), req(o, "profile_digest").asText(),
                req(o, "compiler").asText(), req(o, "budget").asInt(), req(o, "population").asInt(), req(o, "sample").asInt(),
                req(o, "proxy_steps").asInt(), req(o, "proxy_batch").asInt(), req(o, "proxy_train_images").asInt(),
                req(o, "proxy_eval_images").asInt(), req(o, "train_width").asDouble(), req(o, "train_images").asInt(),
                req(o, "train_epochs").asInt(), req(o, "train_batch").asInt(), req(o, "test_images").asInt(), req(o, "calibration_images").asInt());
    }

    private static JsonNode req(JsonNode o, String key) {
        JsonNode v = o.get(key);
        if (v == null || v.isNull()) throw new IllegalArgumentException("settings: missing key '" + key + "'");
        return v;
    }

    /** The keys whose values differ, as {@code "key: this vs other"}. */
    public List<String> differences(PipelineSettings other) {
        List<String> out = new ArrayList<>();
        ObjectNode a = toJson(), b = other.toJson();
        for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode w = b.get(e.getKey());
            if (!e.getValue().equals(w)) out.add(e.getKey() + ": " + e.getValue().asText() + " vs " + (w == null ? "-" : w.asText()));
        }
        return out;
    }
}
