package dev.edgetpunas.systolic.topology;

/**
 * A bad topology file: the message starts with {@code FILE:LINE:}.
 *
 * <pre>{@code
 * try { ScaleSimTopology.read(path, TopologyFormat.CONV); }
 * catch (TopologyException e) { System.err.println(e.getMessage()); }   // net.csv:7: column 'Strides' ...
 * }</pre>
 */
public final class TopologyException extends IllegalArgumentException {
    private final String file;
    private final int line;

    public TopologyException(String file, int line, String message) {
        super(file + ":" + line + ": " + message);
        this.file = file;
        this.line = line;
    }

    /** The file name as given to the reader. */
    public String file() {
        return file;
    }

    /** The 1-based line number. */
    public int line() {
        return line;
    }
}
