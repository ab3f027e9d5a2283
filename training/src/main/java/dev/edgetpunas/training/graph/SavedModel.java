package dev.edgetpunas.training.graph;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.tflite.TfliteReader;
import dev.edgetpunas.compiler.tflite.TfliteWriter;
import dev.edgetpunas.compiler.util.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * A trained model on disk: a float32 {@code .tflite} (batch norm folded into the convolutions and
 * ReLUs fused, by {@code FoldBatchNorm}; written by {@code TfliteWriter}) plus a JSON sidecar next to
 * it ({@code model.tflite} -> {@code model.json}) with the training metadata the caller gives (dataset,
 * epochs, seed, accuracy, ...) and what this class adds: {@code tflite} (file name), {@code sha256} of
 * the file, {@code graph_digest}, {@code params}, {@code macs}, {@code input_shape}, {@code classes}.
 * The file is what {@code quantize} takes, like a user's own float model.
 *
 * <pre>{@code
 * ObjectNode meta = JsonNodeFactory.instance.objectNode().put("dataset", "fashion-mnist").put("epochs", 5);
 * Graph written = SavedModel.save(model, Path.of("cnn.tflite"), meta);
 * SavedModel.Loaded back = SavedModel.load(Path.of("cnn.tflite"));
 * GraphModel again = back.model();          // runs exactly as the saved graph
 * }</pre>
 */
public final class SavedModel {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SavedModel() {}

    /**
     * A model read back.
     *
     * @param graph the float graph of the file
     * @param metadata the sidecar, when there is one
     */
    public record Loaded(Graph graph, Optional<ObjectNode> metadata) {
        public Loaded {
            Objects.requireNonNull(graph, "graph");
            Objects.requireNonNull(metadata, "metadata");
        }

        /** The executor for the graph. */
        public GraphModel model() {
            return GraphModel.of(graph);
        }
    }

    /** The sidecar of {@code tflite}: the same name with {@code .json} instead of {@code .tflite}. */
    public static Path sidecarPath(Path tflite) {
        String name = tflite.getFileName().toString();
        String base = name.toLowerCase(java.util.Locale.ROOT).endsWith(TfliteReader.EXTENSION)
                ? name.substring(0, name.length() - TfliteReader.EXTENSION.length()) : name;
        return tflite.resolveSibling(base + ".json");
    }

    /**
     * Writes {@code model}'s inference graph (BN folded) to {@code tflite} and the sidecar (a copy of
     * {@code metadata} plus this class's keys), both atomically. Returns the graph written.
     */
    public static Graph save(GraphModel model, Path tflite, ObjectNode metadata) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(tflite, "tflite");
        Graph g = model.inferenceGraph();
        byte[] bytes = TfliteWriter.write(g);
        AtomicFiles.writeBytes(tflite, bytes);
        ObjectNode side = metadata == null ? JSON.createObjectNode() : metadata.deepCopy();
        side.put("tflite", tflite.getFileName().toString());
        side.put("sha256", sha256(bytes));
        side.put("graph_digest", g.digest());
        side.put("params", model.parameterCount());
        side.put("macs", g.macs());
        ArrayNode in = side.putArray("input_shape");
        for (int d : g.tensor(g.inputs().get(0)).shape().toArray()) in.add(d);
        side.put("classes", model.classes());
        try {
            AtomicFiles.writeString(sidecarPath(tflite), JSON.writeValueAsString(side) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return g;
    }

    /** Reads a float {@code .tflite} and its sidecar if present. */
    public static Loaded load(Path tflite) {
        Graph g = TfliteReader.read(tflite);
        Path side = sidecarPath(tflite);
        Optional<ObjectNode> meta = Optional.empty();
        if (Files.isRegularFile(side)) {
            try {
                var node = JSON.readTree(side.toFile());
                if (!(node instanceof ObjectNode o)) throw new IllegalArgumentException(side + ": the sidecar must be a JSON object");
                meta = Optional.of(o);
            } catch (IOException e) {
                throw new IllegalArgumentException(side + ": not valid JSON: " + e.getMessage().lines().findFirst().orElse(""), e);
            }
        }
        return new Loaded(g, meta);
    }

    /** SHA-256 of {@code bytes} in hex. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
