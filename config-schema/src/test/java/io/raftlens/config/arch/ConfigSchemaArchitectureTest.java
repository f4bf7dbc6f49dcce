package io.raftlens.config.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.raftlens.config.arch.cyclic.a.A;
import io.raftlens.config.arch.cyclic.b.B;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * config-schema's packages form no cycle and follow the layer order {@code files → yaml → fabric → value → model →
 * schema → validate → report → validator} (a package may use the ones before it, never one after it), and the
 * module depends on neither raft-runtime nor lsp-server. docs/architecture.md draws the same map.
 */
class ConfigSchemaArchitectureTest {

    /** Lowest first; each entry may depend only on entries before it. */
    static final List<String> LAYERS = List.of("files", "yaml", "fabric", "value", "model", "schema", "validate", "report",
            "validator");

    private static final ArchRule NO_PACKAGE_CYCLES = slices().matching("io.raftlens.config.(**)")
            .should().beFreeOfCycles();

    private static JavaClasses main;

    @BeforeAll
    static void importMain() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.raftlens.config");
        assertTrue(main.contain("io.raftlens.config.validator.ConfigValidator"), "main classes must be on the classpath");
    }

    @Test
    void packagesFormNoCycle() {
        NO_PACKAGE_CYCLES.check(main);
    }

    @Test
    void packagesFollowTheLayerOrder() {
        for (int i = 0; i < LAYERS.size() - 1; i++) {
            List<String> above = new ArrayList<>();
            for (String layer : LAYERS.subList(i + 1, LAYERS.size())) {
                above.add("io.raftlens.config." + layer + "..");
            }
            noClasses().that().resideInAPackage("io.raftlens.config." + LAYERS.get(i) + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(above.toArray(String[]::new))
                    .because("config-schema's layers are " + String.join(" → ", LAYERS))
                    .check(main);
        }
    }

    @Test
    void dependsOnNoModuleAboveIt() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.raftlens.raft..", "io.raftlens.lsp..")
                .because("the module order is lsp-server → raft-runtime → config-schema")
                .check(main);
    }

    @Test
    void theCycleRuleSeesACycle() {
        JavaClasses cyclic = new ClassFileImporter().importClasses(A.class, B.class);
        assertTrue(NO_PACKAGE_CYCLES.evaluate(cyclic).hasViolation(), "a two-package cycle must fail the rule");
    }
}
