package dev.edgetpunas.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code edgetpu-nas} command.
 *
 * <pre>{@code
 * ./edgetpu-nas models
 * ./edgetpu-nas model show efficientnet-edgetpu-s --json
 * }</pre>
 *
 * <p>Exit codes: 0 success, 1 internal error, 2 bad input (a file, key, token or argument that is
 * wrong; the message names it). Library modules print nothing; only commands print: results on
 * stdout, progress and diagnostics on stderr.
 */
@Command(
        name = "edgetpu-nas",
        mixinStandardHelpOptions = true,
        versionProvider = ToolInfo.VersionProvider.class,
        description = "Hardware-aware neural architecture search for the Edge TPU.",
        subcommands = {
            CommandLine.HelpCommand.class,
            ModelsCommand.class,
            ModelCommand.class,
            CompileCommand.class,
            SimulateCommand.class,
            ClaimsCommand.class,
            dev.edgetpunas.cli.bench.BenchCommand.class,
            ProfilesCommand.class,
            ProfileCommand.class,
            SystolicCommand.class,
            RunCommand.class,
            ScaleCommand.class,
            ValidateCommand.class,
            CalibrateCommand.class,
            SearchCommand.class,
            TrainCommand.class,
            QuantizeCommand.class,
            dev.edgetpunas.cli.pipeline.PipelineCommand.class,
            dev.edgetpunas.cli.cluster.WorkerCommand.class,
            dev.edgetpunas.cli.cluster.ClusterCommand.class,
        })
public final class Main implements Runnable {

    /** Exit code for bad input (files, keys, tokens, arguments). */
    public static final int EXIT_BAD_INPUT = 2;
    /** Exit code for an internal error. */
    public static final int EXIT_INTERNAL = 1;

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT, description = "Print stack traces of errors.")
    boolean verbose;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Builds the command tree with the project's error handling; used by {@link #main} and tests. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler(Main::handleExecutionException);
        cl.setParameterExceptionHandler(Main::handleParameterException);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    private static boolean verbose(CommandLine cl) {
        CommandLine root = cl;
        while (root.getParent() != null) root = root.getParent();
        return root.getCommand() instanceof Main m && m.verbose;
    }

    private static int handleParameterException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println("edgetpu-nas: " + ex.getMessage());
        if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, err)) {
            err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information.");
        }
        err.flush();
        return EXIT_BAD_INPUT;
    }

    private static int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        int code = isBadInput(ex) ? EXIT_BAD_INPUT : EXIT_INTERNAL;
        String msg = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        if (ex instanceof UncheckedIOException u && u.getCause() instanceof NoSuchFileException nsf) {
            msg = "no such file: " + nsf.getFile();
        }
        err.println("edgetpu-nas: " + (code == EXIT_INTERNAL ? "internal error: " : "") + msg.lines().findFirst().orElse(msg));
        if (verbose(cl)) ex.printStackTrace(err);
        err.flush();
        return code;
    }

    /**
     * Bad input: every input-format exception of the project extends {@link IllegalArgumentException}
     * ({@code ProfileException}, {@code ModelFormatException}, ...); a missing or unreadable file is bad
     * input too.
     */
    static boolean isBadInput(Throwable ex) {
        return ex instanceof IllegalArgumentException
                || ex instanceof UncheckedIOException
                || ex instanceof java.io.IOException
                || ex instanceof BadInputException;
    }
}
