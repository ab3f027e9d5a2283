package dev.edgetpunas.validation.io;

/**
 * A measurement file that cannot be read: names the file and line, and what is wrong with which value.
 *
 * <pre>{@code
 * try {
 *     MeasurementFiles.read(Path.of("mine.csv"), Optional.empty());
 * } catch (MeasurementFormatException e) {
 *     e.getMessage();   // "mine.csv:7: latency_ms must be a finite number > 0, but was -2.1"
 *     e.line();         // 7
 * }
 * }</pre>
 */
public final class MeasurementFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;

    /**
     * @param file the file name as the user gave it
     * @param line 1-based line number, or 0 when the problem is the whole file
     * @param message what is wrong (without the location)
     */
    public MeasurementFormatException(String file, int line, String message) {
        super((line > 0 ? file + ":" + line : file) + ": " + message);
        this.file = file;
        this.line = line;
    }

    /** The file as the user named it. */
    public String file() {
        return file;
    }

    /** 1-based line number, 0 for the whole file. */
    public int line() {
        return line;
    }
}
