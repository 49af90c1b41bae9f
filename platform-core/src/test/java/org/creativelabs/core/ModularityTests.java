package org.creativelabs.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.data.repository.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Keeps the package-by-feature layout true as the code grows (STYLE.md). */
class ModularityTests {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.creativelabs.core");

    @Test
    void featurePackagesAreFreeOfCycles() {
        slices().matching("org.creativelabs.core.(*)..")
                .should()
                .beFreeOfCycles()
                .check(CLASSES);
    }

    @Test
    void featuresDoNotDependOnEachOther() {
        // Allowed: the tenancy, web and portal (pages' chrome) infrastructure, members' public pieces (the lab access
        // checks, booking allowances, the personal-data contract every feature implements for export and erasure, and
        // the names staff pages show people by), and telling a person something (notifications).
        slices().matching("org.creativelabs.core.(*)..")
                .should()
                .notDependOnEachOther()
                .ignoreDependency(
                        com.tngtech.archunit.base.DescribedPredicate.alwaysTrue(),
                        com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage(
                                        "org.creativelabs.core.tenancy..",
                                        "org.creativelabs.core.web..",
                                        "org.creativelabs.core.portal..")
                                .or(com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo(
                                        org.creativelabs.core.members.LabAccess.class))
                                .or(com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo(
                                        org.creativelabs.core.members.plans.BookingAllowances.class))
                                .or(com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo(
                                        org.creativelabs.core.members.privacy.PersonalData.class))
                                .or(com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo(
                                        org.creativelabs.core.members.privacy.MemberNames.class))
                                .or(com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo(
                                        org.creativelabs.core.members.privacy.MemberNames.Named.class))
                                .or(com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo(
                                        org.creativelabs.core.notifications.Notifications.class)))
                .check(CLASSES);
    }

    @Test
    void onlyTenancyTouchesConnectionBindingAndHibernateMultiTenancy() {
        noClasses()
                .that()
                .resideOutsideOfPackage("org.creativelabs.core.tenancy..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.hibernate.engine.jdbc.connections..", "org.hibernate.context..")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("org.springframework.orm.jpa.vendor.HibernateJpaDialect")
                .check(CLASSES);
    }

    @Test
    void featuresNeverTouchTheTenantContext() {
        // Features reach the current lab (or bind one by id) through LabDirectory; the binding itself is tenancy's.
        noClasses()
                .that()
                .resideOutsideOfPackage("org.creativelabs.core.tenancy..")
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("org.creativelabs.core.tenancy.TenantContext")
                .check(CLASSES);
    }

    @Test
    void labRepositoriesAlwaysRunInATransaction() {
        // Outside a transaction a connection is bound to no lab and fails closed; this makes it never happen by
        // accident.
        classes()
                .that()
                .areAssignableTo(Repository.class)
                .and()
                .areInterfaces()
                .should()
                .beAnnotatedWith(Transactional.class)
                .check(CLASSES);
    }

    @Test
    void webInfrastructureKnowsNoFeature() {
        noClasses()
                .that()
                .resideInAPackage("org.creativelabs.core.web..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.creativelabs.core.spaces..")
                .check(CLASSES);
    }
}
