package dev.edgetpunas.sim.profile;

/**
 * A profile that cannot be used: bad YAML/JSON, a value of the wrong type or out of range, an unknown
 * key, a missing {@code schemaVersion}. The message is one line,
 * {@code FILE:LINE:COL: KEY.PATH: what was expected, but was X}; parts that are unknown are left out
 * (a value set through {@link Profile#withOverrides} has no file, a missing file has no line).
 *
 * <pre>{@code
 * try {
 *     ProfileLoader.load("big-array.yaml");
 * } catch (ProfileException e) {
 *     // big-array.yaml:5:3: accelerator.rows: must be an integer, but was "many" (a string)
 *     System.err.println(e.getMessage());
 *     e.file(); e.keyPath(); e.line(); e.column(); e.problem();
 * }
 * }</pre>
 */
public final class ProfileException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final String keyPath;
    private final int line;
    private final int column;
    private final String problem;

    /**
     * @param file the file the error is in ({@code ""} if none; bundled files are {@code bundled:NAME.yaml})
     * @param keyPath the dotted key path ({@code ""} for the whole document)
     * @param line 1-based line, 0 if unknown
     * @param column 1-based column, 0 if unknown
     * @param problem what was expected and what was found, e.g. {@code must be > 0, but was 0}
     */
    public ProfileException(String file, String keyPath, int line, int column, String problem) {
        super(format(file, keyPath, line, column, problem));
        this.file = file == null ? "" : file;
        this.keyPath = keyPath == null ? "" : keyPath;
        this.line = Math.max(0, line);
        this.column = Math.max(0, column);
        this.problem = problem == null ? "" : problem;
    }

    /** An error about a key whose location is not known yet (the loader adds it). */
    public static ProfileException at(String keyPath, String problem) {
        return new ProfileException("", keyPath, 0, 0, problem);
    }

    /** The file the error is in; {@code ""} if none (values set programmatically). */
    public String file() {
        return file;
    }

    /** The dotted key path, e.g. {@code accelerator.rows}; {@code ""} for the whole document. */
    public String keyPath() {
        return keyPath;
    }

    /** 1-based line of the key in {@link #file()}, 0 if unknown. */
    public int line() {
        return line;
    }

    /** 1-based column of the key in {@link #file()}, 0 if unknown. */
    public int column() {
        return column;
    }

    /** The message without file, location and key path. */
    public String problem() {
        return problem;
    }

    /** This error, located in {@code file} at {@code line:column}. */
    public ProfileException locatedAt(String file, int line, int column) {
        ProfileException located = new ProfileException(file, keyPath, line, column, problem);
        located.initCause(getCause() != null ? getCause() : this);
        return located;
    }

    private static String format(String file, String keyPath, int line, int column, String problem) {
        StringBuilder sb = new StringBuilder();
        if (file != null && !file.isEmpty()) {
            sb.append(file);
            if (line > 0) sb.append(':').append(line).append(':').append(Math.max(column, 1));
            sb.append(": ");
        }
        if (keyPath != null && !keyPath.isEmpty()) sb.append(keyPath).append(": ");
        sb.append(problem == null ? "" : problem.replace('\n', ' '));
        return sb.toString();
    }
}
