package io.raftlens.config.bench;

import io.raftlens.config.fabric.ValidationSettings;
import io.raftlens.config.validator.ConfigValidator;
import io.raftlens.config.yaml.YamlParser;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The CPU time (not wall time) of parse + validate on the generated 5,000-line configtx.yaml, measured
 * with the thread CPU clock after warm-up. On a shared, overloaded machine JMH's wall-clock figures
 * mostly measure waiting for a core; this is the work itself. Usage: {@code ValidateCpuTime [runs]}.
 */
public final class ValidateCpuTime {

    private ValidateCpuTime() {}

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 25;
        String text = LargeConfigtx.generate(5_000);
        Path file = Path.of("/tmp/raftlens-bench/configtx.yaml");
        ConfigValidator validator = new ConfigValidator(ValidationSettings.defaults());
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 50; i++) {
            validator.validate(file, text);
        }
        long[] validate = new long[runs];
        long[] parse = new long[runs];
        for (int i = 0; i < runs; i++) {
            long start = threads.getCurrentThreadCpuTime();
            validator.validate(file, text);
            validate[i] = threads.getCurrentThreadCpuTime() - start;
            start = threads.getCurrentThreadCpuTime();
            YamlParser.parse(text);
            parse[i] = threads.getCurrentThreadCpuTime() - start;
        }
        Arrays.sort(validate);
        Arrays.sort(parse);
        System.out.printf("parse + validate, CPU ms: median %.1f, min %.1f, max %.1f (%d runs); parse alone: median %.1f%n",
                validate[runs / 2] / 1e6, validate[0] / 1e6, validate[runs - 1] / 1e6, runs, parse[runs / 2] / 1e6);
    }
}
