package org.creativelabs.admin;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Keeps tenant-admin's package-by-feature layout true as it grows (STYLE.md). */
class ModularityTests {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.creativelabs.admin");

    @Test
    void featurePackagesAreFreeOfCycles() {
        slices().matching("org.creativelabs.admin.(*)..")
                .should()
                .beFreeOfCycles()
                .check(CLASSES);
    }

    @Test
    void onlyPlatformCoresClientCallsPlatformCore() {
        // Services talk over HTTP only, through one client: nothing else builds requests to platform-core.
        noClasses()
                .that()
                .resideOutsideOfPackage("org.creativelabs.admin.platformcore..")
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("org.creativelabs.realm.ServiceClients")
                .check(CLASSES);
    }

    @Test
    void infrastructureKnowsNoFeature() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "org.creativelabs.admin.web..",
                        "org.creativelabs.admin.audit..",
                        "org.creativelabs.admin.platformcore..",
                        "org.creativelabs.admin.security..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.creativelabs.admin.provisioning..",
                        "org.creativelabs.admin.identity..",
                        "org.creativelabs.admin.lifecycle..",
                        "org.creativelabs.admin.templates..",
                        "org.creativelabs.admin.registry..")
                .check(CLASSES);
    }
}
