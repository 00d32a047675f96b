package io.clstr.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = ClstrPackages.ROOT,
        importOptions = {ImportOption.DoNotIncludeTests.class, ExcludeTestJars.class})
class CycleTest {

    @ArchTest
    static final ArchRule top_level_packages_are_free_of_cycles =
            top_level_packages_are_free_of_cycles(ClstrPackages.PRODUCTION);

    @ArchTest
    static final ArchRule domain_packages_are_free_of_cycles =
            domain_packages_are_free_of_cycles(ClstrPackages.PRODUCTION);

    @ArchTest
    static final ArchRule application_packages_are_free_of_cycles =
            application_packages_are_free_of_cycles(ClstrPackages.PRODUCTION);

    static ArchRule top_level_packages_are_free_of_cycles(ClstrPackages packages) {
        return slices()
                .matching(packages.root() + ".(*)..")
                .should().beFreeOfCycles()
                .because("ADR-0002: a cycle between modules would make them one module");
    }

    static ArchRule domain_packages_are_free_of_cycles(ClstrPackages packages) {
        return slices()
                .matching(packages.root() + ".domain.(*)..")
                .should().beFreeOfCycles()
                .because("ADR-0003: aggregates are independent of each other and the kernel knows none of them");
    }

    static ArchRule application_packages_are_free_of_cycles(ClstrPackages packages) {
        return slices()
                .matching(packages.root() + ".application.(*)..")
                .should().beFreeOfCycles()
                .because("ADR-0002: the runtime is layered actor <- eventsourcing <- cluster <- samples");
    }
}
