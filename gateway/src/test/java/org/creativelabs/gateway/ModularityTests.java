package org.creativelabs.gateway;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Keeps the gateway's packages (routing, tenant, security, ratelimit, errors) free of cycles as they grow. */
class ModularityTests {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.creativelabs.gateway");

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("org.creativelabs.gateway.(*)..")
                .should()
                .beFreeOfCycles()
                .check(CLASSES);
    }
}
