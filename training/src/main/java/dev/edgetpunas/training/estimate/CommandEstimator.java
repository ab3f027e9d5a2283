package dev.edgetpunas.training.estimate;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The user's own trainer as an accuracy estimator: runs a command once per architecture, writes the
 * architecture as JSON (with {@code "seed"}) to its standard input, and reads the accuracy from the
 * last non-blank line of its standard output.
 *
 * <pre>{@code
 * AccuracyEstimator est = CommandEstimator.shell("python train.py --epochs 5")
 *         .timeout(Duration.ofMinutes(20)).build();
 * Estimate e = est.estimate(architecture, seed);   // Ok(0.913) or Failed("exit code 1: ...")
 * }</pre>
 *
 * <p>Reading the output: a plain decimal number. A value in [0, 1] is a fraction; a value in (1, 100]
 * (or any number followed by {@code %}) is read as a percentage and divided by 100, with a warning
 * unless the {@code %} said so. Everything else is a failed trial: exit code other than 0, no output,
 * a last line that is not a number, a negative value, a value above 100, NaN, a timeout (the command
 * and all its child processes are killed) or a command that cannot be started. A failure is returned,
 * never thrown. The environment gets {@code EDGETPUNAS_SEED} as well. Standard input, output and
 * error go through temporary files, so a command that does not read its input or writes a lot cannot
 * block.
 */
public final class CommandEstimator implements AccuracyEstimator {
    /** Only the tail of the output is read; a trainer's log can be long. */
    static final int MAX_OUTPUT_BYTES = 64 * 1024;
    private static final Pattern NUMBER = Pattern.compile("([-+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][-+]?\\d+)?)\\s*(%?)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> command;
    private final String display;
    private final Duration timeout;
    private final Optional<Path> workingDirectory;
    private final Map<String, String> environment;

    private CommandEstimator(Builder b) {
        this.command = List.copyOf(b.command);
        this.display = b.display;
        this.timeout = b.timeout;
        this.workingDirectory = b.workingDirectory;
        this.environment = Map.copyOf(b.environment);
    }

    /** A builder for a command line run by {@code sh -c} (as {@code --accuracy-cmd 'CMD'} gives it). */
    public static Builder shell(String commandLine) {
        Objects.requireNonNull(commandLine, "command");
        if (commandLine.isBlank()) throw new IllegalArgumentException("accuracy command must not be blank");
        return new Builder(List.of("sh", "-c", commandLine), commandLine);
    }

    /** A builder for a program and its arguments, run without a shell. */
    public static Builder command(List<String> argv) {
        if (argv == null || argv.isEmpty() || argv.get(0).isBlank()) {
            throw new IllegalArgumentException("accuracy command must name a program, but was " + argv);
        }
        return new Builder(argv, String.join(" ", argv));
    }

    /** The command as the user gave it. */
    public String commandLine() {
        return display;
    }

    public Duration timeout() {
        return timeout;
    }

    @Override
    public String name() {
        return "cmd";
    }

    @Override
    public Estimate estimate(Architecture architecture, long seed) {
        Path in = null, out = null, err = null;
        try {
            in = Files.createTempFile("edgetpunas-arch", ".json");
            out = Files.createTempFile("edgetpunas-acc", ".out");
            err = Files.createTempFile("edgetpunas-acc", ".err");
            Files.write(in, JSON.writeValueAsBytes(architecture.requestJson(seed)));
            ProcessBuilder pb = new ProcessBuilder(command).redirectInput(in.toFile()).redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            workingDirectory.ifPresent(d -> pb.directory(d.toFile()));
            pb.environment().putAll(environment);
            pb.environment().put("EDGETPUNAS_SEED", Long.toString(seed));
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                return Estimate.failed("cannot start '" + display + "': " + oneLine(e.getMessage()));
            }
            boolean done;
            try {
                done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                kill(p);
                Thread.currentThread().interrupt();
                return Estimate.failed("interrupted while waiting for '" + display + "'");
            }
            if (!done) {
                kill(p);
                return Estimate.failed("timed out after " + seconds(timeout) + " s");
            }
            int exit = p.exitValue();
            if (exit != 0) {
                String tail = lastLine(tail(err));
                return Estimate.failed("exit code " + exit + (tail.isEmpty() ? "" : ": " + tail));
            }
            return parse(tail(out));
        } catch (IOException e) {
            return Estimate.failed("I/O error running '" + display + "': " + oneLine(e.getMessage()));
        } finally {
            for (Path f : new Path[] {in, out, err}) {
                if (f != null) {
                    try {
                        Files.deleteIfExists(f);
                    } catch (IOException ignored) {
                        // a temp file left behind is harmless
                    }
                }
            }
        }
    }

    /** Reads an accuracy from a command's standard output (its last non-blank line). */
    static Estimate parse(String stdout) {
        String line = lastLine(stdout);
        if (line.isEmpty()) return Estimate.failed("no output (expected an accuracy on the last line)");
        Matcher m = NUMBER.matcher(line);
        if (!m.matches()) return Estimate.failed("garbage output: last line '" + abbreviate(line) + "' is not a number");
        double v;
        try {
            v = Double.parseDouble(m.group(1));
        } catch (NumberFormatException e) {
            return Estimate.failed("garbage output: last line '" + abbreviate(line) + "' is not a number");
        }
        boolean percentSign = !m.group(2).isEmpty();
        if (!Double.isFinite(v) || v < 0) return Estimate.failed("accuracy must be in [0, 1] or [0, 100] %, but was " + line);
        if (percentSign || v > 1) {
            if (v > 100) return Estimate.failed("accuracy must be in [0, 1] or [0, 100] %, but was " + line);
            List<String> warnings = new ArrayList<>();
            if (!percentSign) warnings.add("accuracy " + m.group(1) + " > 1 read as a percentage (" + (v / 100) + ")");
            return new Estimate.Ok(v / 100, warnings);
        }
        return Estimate.ok(v);
    }

    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String tail(Path f) throws IOException {
        try (RandomAccessFile r = new RandomAccessFile(f.toFile(), "r")) {
            long len = r.length();
            long start = Math.max(0, len - MAX_OUTPUT_BYTES);
            byte[] b = new byte[(int) (len - start)];
            r.seek(start);
            r.readFully(b);
            return new String(b, StandardCharsets.UTF_8);
        }
    }

    private static String lastLine(String s) {
        String[] lines = s.split("\\R");
        for (int i = lines.length - 1; i >= 0; i--) {
            if (!lines[i].isBlank()) return lines[i].trim();
        }
        return "";
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").trim();
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.3g", d.toMillis() / 1000.0);
    }

    @Override
    public String toString() {
        return "CommandEstimator[" + display + ", timeout " + seconds(timeout) + " s]";
    }

    /** Settings of a {@link CommandEstimator}; each is checked when set. */
    public static final class Builder {
        private final List<String> command;
        private final String display;
        private Duration timeout = Duration.ofHours(1);
        private Optional<Path> workingDirectory = Optional.empty();
        private final Map<String, String> environment = new HashMap<>();

        private Builder(List<String> command, String display) {
            this.command = List.copyOf(command);
            this.display = display;
        }

        /** How long one trial may run (default one hour); longer is a failed trial. */
        public Builder timeout(Duration t) {
            Objects.requireNonNull(t, "timeout");
            if (t.isNegative() || t.isZero()) throw new IllegalArgumentException("timeout must be > 0, but was " + t);
            this.timeout = t;
            return this;
        }

        /** The directory the command runs in (default: the current one). */
        public Builder workingDirectory(Path dir) {
            Objects.requireNonNull(dir, "workingDirectory");
            if (!Files.isDirectory(dir)) throw new IllegalArgumentException("working directory does not exist: " + dir);
            this.workingDirectory = Optional.of(dir);
            return this;
        }

        /** An extra environment variable for the command. */
        public Builder environment(String key, String value) {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
            if (key.isEmpty() || key.contains("=")) throw new IllegalArgumentException("bad environment variable name '" + key + "'");
            environment.put(key, value);
            return this;
        }

        public CommandEstimator build() {
            return new CommandEstimator(this);
        }
    }
}
