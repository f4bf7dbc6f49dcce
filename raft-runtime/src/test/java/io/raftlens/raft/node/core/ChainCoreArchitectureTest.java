package io.raftlens.raft.node.core;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chain core ({@code io.raftlens.raft.node.core}) is a pure, deterministic state machine like the Raft core: it
 * uses the JDK, protobuf, the Fabric protos, the Raft core's types and the orderer's pure block classes, and no
 * files, sockets, threads, clocks or hidden random sources (those are the driver's, {@code node.Chain}).
 */
class ChainCoreArchitectureTest {

    private static final String CHAIN_CORE = "io.raftlens.raft.node.core..";
    /** The orderer classes the core may use: pure block logic, no ledger files. */
    private static final Set<String> PURE_ORDERER = Set.of("BlockCutter", "BlockCutter$Ordered", "BlockFactory",
            "Blocks", "BatchTimer", "TransactionRejectedException", "Der", "GenesisBlock", "GenesisBlock$OrderingConfig", "GoDuration");

    private static JavaClasses chainCore;

    @BeforeAll
    static void importChainCore() {
        chainCore = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.raftlens.raft.node.core");
        assertTrue(chainCore.contain(ChainCore.class.getName()), "the chain core's classes must be on the classpath");
    }

    @Test
    void usesOnlyTheJdkProtobufFabricProtosTheRaftCoreAndPureOrdererClasses() {
        ArchRule rule = classes().that().resideInAPackage(CHAIN_CORE).should().onlyDependOnClassesThat(
                DescribedPredicate.describe("JDK, protobuf, Fabric protos, raft.core, pure orderer classes",
                        (JavaClass c) -> c.getPackageName().startsWith("java.")
                                || c.getPackageName().startsWith("com.google.protobuf")
                                || c.getPackageName().startsWith("org.hyperledger.fabric.protos")
                                || c.getPackageName().startsWith("io.raftlens.raft.core")
                                || c.getPackageName().startsWith("io.raftlens.raft.node.core")
                                || c.getPackageName().equals("io.raftlens.raft.orderer")
                                && PURE_ORDERER.contains(c.getSimpleName().isEmpty() ? c.getName() : c.getName()
                                        .substring("io.raftlens.raft.orderer.".length()))))
                .because("the chain core is pure: the ledger, WAL, transport and timers belong to the driver");
        rule.check(chainCore);
    }

    @Test
    void hasNoFilesSocketsThreadsClocksOrHiddenRandomness() {
        noClasses().that().resideInAPackage(CHAIN_CORE)
                .should().dependOnClassesThat().resideInAnyPackage("java.nio.file..", "java.net..",
                        "java.nio.channels..", "io.netty..", "java.util.concurrent..")
                .orShould().dependOnClassesThat().belongToAnyOf(File.class, Thread.class, java.util.Timer.class,
                        java.time.Clock.class, java.util.Random.class)
                .orShould().callMethodWhere(DescribedPredicate.describe("reads the clock or a hidden random source",
                        (JavaMethodCall call) -> {
                            String owner = call.getTargetOwner().getName();
                            String name = call.getName();
                            return owner.equals(System.class.getName()) && (name.equals("currentTimeMillis")
                                    || name.equals("nanoTime"))
                                    || owner.startsWith("java.time.") && name.equals("now")
                                    || owner.equals(Math.class.getName()) && name.equals("random");
                        }))
                .because("events in, actions out: the same script always gives the same output")
                .check(chainCore);
    }
}
