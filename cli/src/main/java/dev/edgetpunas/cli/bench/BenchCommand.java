package dev.edgetpunas.cli.bench;

import dev.edgetpunas.cli.BadInputException;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code edgetpu-nas bench [WHAT]}: runs the project's JMH benchmarks (classes in this package) on one
 * thread and prints operations per second. {@code WHAT} is a regular expression over benchmark names,
 * e.g. {@code systolic} or {@code simulate}.
 *
 * <pre>{@code
 * ./edgetpu-nas bench systolic            # full JMH run: 2 forks, 5 warm-up + 5 measured iterations
 * ./edgetpu-nas bench simulate --quick    # 1 fork, 3 x 2 s warm-up, 3 x 1 s measured
 * }</pre>
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Run the JMH benchmarks (one thread) and print operations per second.")
public final class BenchCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", defaultValue = ".*", description = "Regex over benchmark names (default: all).")
    String what;

    @Option(names = "--quick", description = "Short run: 1 fork, 3 warm-up iterations of 2 s and 3 measured iterations of 1 s.")
    boolean quick;

    @Option(names = "--forks", description = "JMH forks (default 2, or 1 with --quick).")
    Integer forks;

    @Override
    public Integer call() throws RunnerException {
        if (BenchCommand.class.getResource("/META-INF/BenchmarkList") == null) {
            throw new BadInputException("this build has no JMH benchmarks");
        }
        String include = what.equals(".*") ? "dev\\.edgetpunas\\.cli\\.bench\\..*" : "dev\\.edgetpunas\\.cli\\.bench\\..*(?i:" + what + ").*";
        ChainedOptionsBuilder opts = new OptionsBuilder()
                .include(include)
                .threads(1)
                .timeUnit(TimeUnit.SECONDS)
                .forks(forks != null ? forks : (quick ? 1 : 2))
                .warmupIterations(quick ? 3 : 5)
                // the simulator's large methods (Simulator.run, Partitioner.partition) reach C2 after
                // about 5-7 s of calls on a busy 2-core machine: shorter warm-ups measure the JIT, not the code
                .warmupTime(TimeValue.seconds(2))
                .measurementIterations(quick ? 3 : 5)
                .measurementTime(TimeValue.seconds(quick ? 1 : 2));
        var results = new Runner(opts.build()).run();
        if (results.isEmpty()) throw new BadInputException("no benchmark matches '" + what + "'");
        System.out.println();
        System.out.printf("%-60s %16s %12s %14s%n", "benchmark", "ops/s", "+-", "time/op");
        for (RunResult r : results) {
            var s = r.getPrimaryResult();
            double ops = s.getScore();
            System.out.printf("%-60s %16s %12s %14s%n", r.getParams().getBenchmark().replace("dev.edgetpunas.cli.bench.", ""),
                    sig(ops), sig(s.getScoreError()), ops > 0 ? time(1.0 / ops) : "-");
        }
        return 0;
    }

    /** Three significant digits, no exponent. */
    static String sig(double v) {
        if (Double.isNaN(v)) return "-";
        if (Math.abs(v) >= 100) return String.format("%.0f", v);
        if (Math.abs(v) >= 10) return String.format("%.1f", v);
        return String.format("%.3g", v);
    }

    /** Seconds per op in a readable unit. */
    static String time(double s) {
        if (s >= 1) return String.format("%.3g s", s);
        if (s >= 1e-3) return String.format("%.3g ms", s * 1e3);
        if (s >= 1e-6) return String.format("%.3g us", s * 1e6);
        return String.format("%.3g ns", s * 1e9);
    }
}
