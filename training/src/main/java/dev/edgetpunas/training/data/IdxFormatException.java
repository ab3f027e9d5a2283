package dev.edgetpunas.training.data;

import java.nio.file.Path;

/**
 * A malformed IDX file: the message names the file and the byte offset (in the decompressed stream).
 *
 * <pre>{@code
 * try { Idx.read(path); } catch (IdxFormatException e) { e.file(); e.offset(); }
 * }</pre>
 */
public final class IdxFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final transient Path file;
    private final long offset;

    public IdxFormatException(Path file, long offset, String message) {
        super(file + ": offset " + offset + ": " + message);
        this.file = file;
        this.offset = offset;
    }

    /** The file that failed to parse. */
    public Path file() {
        return file;
    }

    /** Byte offset of the problem, counted in the decompressed data. */
    public long offset() {
        return offset;
    }
}
