package dev.edgetpunas.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import picocli.CommandLine;

/** Runs the real command tree in-process and captures stdout, stderr and the exit code. */
record CliRun(int exitCode, String out, String err) {

    static CliRun run(String... args) {
        return run(Main.commandLine(), args);
    }

    static CliRun run(CommandLine cl, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** Non-empty stderr lines. */
    List<String> errLines() {
        return err.lines().filter(l -> !l.isBlank()).toList();
    }
}
