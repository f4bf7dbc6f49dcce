package io.raftlens.config.bench;

import io.raftlens.config.fabric.ValidationSettings;
import io.raftlens.config.validate.ValidationResult;
import io.raftlens.config.validator.ConfigValidator;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Parse + validate a generated 5,000-line configtx.yaml (target: median ≤ 20 ms warm). Sample-time mode
 * reports the median (p0.50). Run: see docs/benchmarks.md, "Configuration validation".
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms512m", "-Xmx512m"})
public class ValidateBenchmark {

    private String text;
    private ConfigValidator validator;
    private final Path file = Path.of("/tmp/raftlens-bench/configtx.yaml");

    @Setup
    public void setUp() {
        text = LargeConfigtx.generate(5_000);
        validator = new ConfigValidator(ValidationSettings.defaults());
    }

    @Benchmark
    public ValidationResult parseAndValidate5000Lines() {
        return validator.validate(file, text);
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(ValidateBenchmark.class.getSimpleName()).build()).run();
    }
}
