package dev.edgetpunas.quant.testutil;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edgetpunas.compiler.util.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads {@code data/tflite-spec/kernel_vectors.json} from the shared data (read-only). */
public final class KernelVectors {
    private KernelVectors() {}

    public static final String FILE = "data/tflite-spec/kernel_vectors.json";
    private static JsonNode cached;

    /** The parsed file, if the shared data is present. */
    public static synchronized Optional<JsonNode> root() {
        if (cached != null) return Optional.of(cached);
        Optional<Path> p = SharedData.find(FILE);
        if (p.isEmpty()) return Optional.empty();
        try {
            cached = new ObjectMapper().readTree(p.get().toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.of(cached);
    }

    /** All cases whose op is not the helper block. */
    public static List<JsonNode> opCases() {
        List<JsonNode> r = new ArrayList<>();
        root().ifPresent(root -> root.get("cases").forEach(c -> {
            if (!c.get("op").asText().startsWith("(")) r.add(c);
        }));
        return r;
    }

    /** The quantization_util helper block. */
    public static Optional<JsonNode> quantizationUtil() {
        return root().flatMap(root -> {
            for (JsonNode c : root.get("cases")) if (c.get("id").asText().equals("quantization_util")) return Optional.of(c);
            return Optional.empty();
        });
    }

    public static int[] ints(JsonNode array) {
        int[] r = new int[array.size()];
        for (int i = 0; i < r.length; i++) r[i] = array.get(i).asInt();
        return r;
    }

    public static float[] floats(JsonNode array) {
        float[] r = new float[array.size()];
        for (int i = 0; i < r.length; i++) r[i] = (float) array.get(i).asDouble();
        return r;
    }

    public static double[] doubles(JsonNode array) {
        double[] r = new double[array.size()];
        for (int i = 0; i < r.length; i++) r[i] = array.get(i).asDouble();
        return r;
    }

    public static byte[] bytes(JsonNode array) {
        byte[] r = new byte[array.size()];
        for (int i = 0; i < r.length; i++) r[i] = (byte) array.get(i).asInt();
        return r;
    }
}
