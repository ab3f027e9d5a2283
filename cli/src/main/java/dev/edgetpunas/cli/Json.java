package dev.edgetpunas.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edgetpunas.compiler.util.AtomicFiles;
import java.nio.file.Path;

/**
 * JSON output of the CLI: snake_case keys with units in their names, every report opening with
 * {@code schema_version} and {@code tool_version}.
 *
 * <pre>{@code
 * ObjectNode root = Json.report();
 * root.put("latency_ms", 2.4);
 * System.out.println(Json.pretty(root));
 * }</pre>
 */
public final class Json {
    /** The one mapper of the CLI (thread-safe once configured). */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private Json() {}

    /** A new report object with {@code schema_version} and {@code tool_version} set. */
    public static ObjectNode report() {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("schema_version", ToolInfo.SCHEMA_VERSION);
        n.put("tool_version", ToolInfo.VERSION);
        return n;
    }

    /** Pretty-printed JSON text. */
    public static String pretty(Object node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize JSON: " + e.getMessage(), e);
        }
    }

    /** Writes text atomically (temp file, then move), so earlier output is never half-overwritten. */
    public static void writeAtomically(Path target, String text) {
        AtomicFiles.writeString(target, text);
    }
}
