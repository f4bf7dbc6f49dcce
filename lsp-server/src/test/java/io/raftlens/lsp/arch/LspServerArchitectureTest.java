package io.raftlens.lsp.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * lsp-server's packages form no cycle; the features (pure functions of a document) never reach the protocol layer,
 * the live network, the facade or the CLI; and only the CLI knows picocli.
 */
class LspServerArchitectureTest {

    private static JavaClasses main;

    @BeforeAll
    static void importMain() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.raftlens.lsp");
        assertTrue(main.contain("io.raftlens.lsp.server.RaftLensLanguageServer"), "main classes must be on the classpath");
    }

    @Test
    void packagesFormNoCycle() {
        slices().matching("io.raftlens.lsp.(**)").should().beFreeOfCycles().check(main);
    }

    @Test
    void featuresAndDocumentsStayBelowTheFacadeAndTheProtocol() {
        noClasses().that().resideInAnyPackage("io.raftlens.lsp.documents..", "io.raftlens.lsp.features..")
                .should().dependOnClassesThat().resideInAnyPackage("io.raftlens.lsp.service..",
                        "io.raftlens.lsp.live..", "io.raftlens.lsp.server..", "io.raftlens.lsp.cli..")
                .because("documents → features → service → live → server → cli, lowest first")
                .check(main);
    }

    @Test
    void onlyTheCliKnowsPicocli() {
        noClasses().that().resideOutsideOfPackage("io.raftlens.lsp.cli..")
                .should().dependOnClassesThat().resideInAPackage("picocli..")
                .check(main);
    }
}
