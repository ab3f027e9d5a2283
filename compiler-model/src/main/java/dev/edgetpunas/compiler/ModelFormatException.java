package dev.edgetpunas.compiler;

/**
 * A model that cannot be read: a bad .tflite file, block string or .blocks file. The message names the
 * source (file or string), where the problem is (byte offset, line or token) and what was expected.
 *
 * <pre>{@code
 * throw ModelFormatException.atToken("blocks:r2_k3_x9", 2, "x9", "unknown option 'x'");
 * }</pre>
 */
public class ModelFormatException extends IllegalArgumentException {
    private final String source;
    private final long offset;

    public ModelFormatException(String source, long offset, String message) {
        super(message);
        this.source = source;
        this.offset = offset;
    }

    /** An error at byte {@code offset} of {@code file}. */
    public static ModelFormatException atOffset(String file, long offset, String problem) {
        return new ModelFormatException(file, offset, file + ": at offset " + offset + ": " + problem);
    }

    /** An error at line {@code line} (1-based) of {@code file}. */
    public static ModelFormatException atLine(String file, int line, String problem) {
        return new ModelFormatException(file, line, file + ":" + line + ": " + problem);
    }

    /** An error in token number {@code index} (0-based) of a block string. */
    public static ModelFormatException atToken(String blockString, int index, String token, String problem) {
        return new ModelFormatException(blockString, index,
                "block string '" + blockString + "', token " + (index + 1) + " '" + token + "': " + problem);
    }

    /** The file or string the model came from. */
    public String source() {
        return source;
    }

    /** Byte offset, line number or token index, as the message says; -1 if none. */
    public long offset() {
        return offset;
    }
}
