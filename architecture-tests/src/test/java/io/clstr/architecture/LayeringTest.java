package io.clstr.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = ClstrPackages.ROOT,
        importOptions = {ImportOption.DoNotIncludeTests.class, ExcludeTestJars.class})
class LayeringTest {

    @ArchTest
    static final ArchRule layers_depend_inwards_only = layers_depend_inwards_only(ClstrPackages.PRODUCTION);

    static ArchRule layers_depend_inwards_only(ClstrPackages packages) {
        return layers(packages, false);
    }

    /** A worked example may leave a layer empty (the loyalty account has no bootstrap class); the repository may not. */
    static ArchRule layers_of_an_example(ClstrPackages packages) {
        return layers(packages, true);
    }

    private static ArchRule layers(ClstrPackages packages, boolean optionalLayers) {
        return layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .withOptionalLayers(optionalLayers)
                .layer("Domain").definedBy(packages.domain())
                .layer("Ports").definedBy(packages.ports())
                .layer("Application").definedBy(packages.application())
                .layer("Adapters").definedBy(packages.adapters())
                .layer("Bootstrap").definedBy(packages.bootstrap())
                .whereLayer("Bootstrap").mayNotBeAccessedByAnyLayer()
                .whereLayer("Application").mayOnlyBeAccessedByLayers("Bootstrap")
                .whereLayer("Adapters").mayOnlyBeAccessedByLayers("Bootstrap")
                .whereLayer("Ports").mayOnlyBeAccessedByLayers("Application", "Adapters", "Bootstrap")
                .whereLayer("Domain").mayOnlyBeAccessedByLayers("Ports", "Application", "Adapters", "Bootstrap")
                .ensureAllClassesAreContainedInArchitectureIgnoring("io.clstr.architecture..")
                .because("ADR-0002: dependencies point inwards"
                        + " (domain <- ports <- application <- adapters <- bootstrap); only bootstrap sees everything");
    }
}
