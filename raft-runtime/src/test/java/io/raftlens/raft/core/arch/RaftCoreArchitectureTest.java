package io.raftlens.raft.core.arch;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Raft core is a pure, deterministic state machine: its main code (package {@code io.raftlens.raft.core} and
 * below, tests excluded) may use only the JDK, protobuf, its own generated messages and the SLF4J API — and of
 * the JDK no files, sockets, threads, clocks or hidden random sources. Each rule is also shown to catch a
 * violating class, so that a green run means the rule can see what it forbids.
 */
class RaftCoreArchitectureTest {

    private static final String CORE = "io.raftlens.raft.core..";

    private static final ArchRule ONLY_ALLOWED_LIBRARIES = classes().that().resideInAPackage(CORE)
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "com.google.protobuf..", CORE, "org.slf4j..")
            .because("the core depends on nothing but the JDK, protobuf and SLF4J (no Netty, no config-schema)");

    private static final ArchRule NO_IO_THREADS_OR_NETTY = noClasses().that().resideInAPackage(CORE)
            .should().dependOnClassesThat().resideInAnyPackage("java.nio.file..", "java.net..", "java.nio.channels..",
                    "io.netty..", "java.util.concurrent..")
            .orShould().dependOnClassesThat().belongToAnyOf(File.class, java.io.FileInputStream.class,
                    java.io.FileOutputStream.class, java.io.RandomAccessFile.class, Thread.class, ThreadGroup.class,
                    ThreadLocal.class, java.util.Timer.class, java.time.Clock.class, java.time.InstantSource.class)
            .because("I/O, threads and timers belong to the driver, outside the core");

    private static final ArchRule NO_WALL_CLOCK_OR_HIDDEN_RANDOMNESS = noClasses().that().resideInAPackage(CORE)
            .should().callMethodWhere(readsTheClockOrAHiddenRandomSource())
            .because("time is ticks and randomness is the injected RaftConfig.random(), so runs are reproducible");

    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.raftlens.raft.core");
        assertTrue(core.contain("io.raftlens.raft.core.RawNode"), "the core's main classes must be on the classpath");
        assertTrue(core.size() > 20, "the core's main classes must be on the test classpath, found " + core.size());
    }

    @Test
    void coreDependsOnlyOnTheJdkProtobufAndSlf4j() {
        ONLY_ALLOWED_LIBRARIES.check(core);
    }

    @Test
    void coreHasNoFilesSocketsThreadsOrNetty() {
        NO_IO_THREADS_OR_NETTY.check(core);
    }

    @Test
    void coreReadsNoClockAndNoHiddenRandomSource() {
        NO_WALL_CLOCK_OR_HIDDEN_RANDOMNESS.check(core);
    }

    @Test
    void theRulesCatchAViolatingClass() {
        JavaClasses offender = new ClassFileImporter().importClasses(ImpureFixture.class);
        for (ArchRule rule : List.of(ONLY_ALLOWED_LIBRARIES, NO_IO_THREADS_OR_NETTY, NO_WALL_CLOCK_OR_HIDDEN_RANDOMNESS)) {
            EvaluationResult result = rule.evaluate(offender);
            assertTrue(result.hasViolation(), () -> "rule did not flag the fixture: " + rule.getDescription());
        }
        EvaluationResult clean = NO_WALL_CLOCK_OR_HIDDEN_RANDOMNESS.evaluate(
                new ClassFileImporter().importClasses(PureFixture.class));
        assertFalse(clean.hasViolation(), () -> "rule flagged a pure class: " + clean.getFailureReport());
    }

    private static DescribedPredicate<JavaMethodCall> readsTheClockOrAHiddenRandomSource() {
        return DescribedPredicate.describe("reads the wall clock or a hidden random source", call -> {
            String owner = call.getTargetOwner().getName();
            String name = call.getName();
            return owner.equals(System.class.getName()) && (name.equals("currentTimeMillis") || name.equals("nanoTime"))
                    || owner.startsWith("java.time.") && name.equals("now")
                    || owner.equals(Math.class.getName()) && name.equals("random")
                    || owner.equals(StrictMath.class.getName()) && name.equals("random")
                    || owner.equals("java.util.concurrent.ThreadLocalRandom");
        });
    }

    /** Deliberately does what the core must not (never run; only its bytecode is inspected). */
    @SuppressWarnings("unused")
    static final class ImpureFixture {
        long stamp() throws Exception {
            new Thread(() -> { }).start();
            Executors.newSingleThreadExecutor();
            Files.readString(Path.of("wal"));
            DescribedPredicate.alwaysTrue();
            return System.currentTimeMillis() + System.nanoTime() + Instant.now().getNano() + (long) Math.random();
        }
    }

    /** Computes with the JDK only. */
    @SuppressWarnings("unused")
    static final class PureFixture {
        long sum(List<Long> xs) {
            return xs.stream().mapToLong(Long::longValue).sum();
        }
    }
}
