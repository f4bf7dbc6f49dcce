package io.raftlens.raft.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * raft-runtime's packages form no cycle, keep the order {@code ids → core → wal → transport → metrics → orderer → node →
 * network} (lowest first; packages not listed, such as new ones, are held only to the no-cycle rule), and the
 * module never reaches up into lsp-server. The core's own purity rules are in {@code RaftCoreArchitectureTest}.
 */
class RaftRuntimeArchitectureTest {

    private static final List<String> ORDER = List.of("ids", "core", "wal", "transport", "metrics", "orderer", "node",
            "network");

    private static JavaClasses main;

    @BeforeAll
    static void importMain() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.raftlens.raft");
        assertTrue(main.contain("io.raftlens.raft.core.RawNode"), "main classes must be on the classpath");
    }

    @Test
    void packagesFormNoCycle() {
        slices().matching("io.raftlens.raft.(**)").should().beFreeOfCycles().check(main);
    }

    @Test
    void lowerPackagesNeverUseHigherOnes() {
        for (int i = 0; i < ORDER.size() - 1; i++) {
            String[] higher = ORDER.subList(i + 1, ORDER.size()).stream()
                    .map(p -> "io.raftlens.raft." + p + "..").toArray(String[]::new);
            noClasses().that().resideInAPackage("io.raftlens.raft." + ORDER.get(i) + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(higher)
                    .because("raft-runtime's order is " + String.join(" → ", ORDER))
                    .check(main);
        }
    }

    @Test
    void neverDependsOnTheLanguageServer() {
        noClasses().should().dependOnClassesThat().resideInAPackage("io.raftlens.lsp..")
                .because("the module order is lsp-server → raft-runtime → config-schema")
                .check(main);
    }
}
