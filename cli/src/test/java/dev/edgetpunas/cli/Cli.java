package dev.edgetpunas.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Runs the CLI in-process for tests, capturing stdout and stderr (System.out/err and picocli's writers) and the exit code. */
public final class Cli {
    public record Result(int exitCode, String out, String err) {
        /** The non-empty stderr lines. */
        public java.util.List<String> errLines() {
            return err.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    private Cli() {}

    public static Result run(String... args) {
        return run(Main::commandLine, args);
    }

    /**
     * Runs {@code args} on a command tree made by {@code tree} (e.g. one with an extra test subcommand);
     * the tree is made after stdout and stderr are redirected, so every writer it holds is captured.
     */
    public static synchronized Result run(java.util.function.Supplier<picocli.CommandLine> tree, String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setOut(o);
            System.setErr(e);
            picocli.CommandLine cl = tree.get();
            cl.setOut(new PrintWriter(o, true));
            cl.setErr(new PrintWriter(e, true));
            int code = cl.execute(args);
            o.flush();
            e.flush();
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
