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
    static final ArchRule layers_depend_inwards_only = layers(false);

    /**
     * @param optionalLayers whether a layer may be empty: only for a worked example, which has no bootstrap class;
     *     in the repository an empty layer means a package pattern that matches nothing
     */
    static ArchRule layers(boolean optionalLayers) {
        return layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .withOptionalLayers(optionalLayers)
                .layer("Domain").definedBy(ClstrPackages.DOMAIN)
                .layer("Ports").definedBy(ClstrPackages.PORTS)
                .layer("Application").definedBy(ClstrPackages.APPLICATION)
                .layer("Adapters").definedBy(ClstrPackages.ADAPTERS)
                .layer("Bootstrap").definedBy(ClstrPackages.BOOTSTRAP)
                .whereLayer("Bootstrap").mayNotBeAccessedByAnyLayer()
                .whereLayer("Application").mayOnlyBeAccessedByLayers("Bootstrap")
                .whereLayer("Adapters").mayOnlyBeAccessedByLayers("Bootstrap")
                .whereLayer("Ports").mayOnlyBeAccessedByLayers("Application", "Adapters", "Bootstrap")
                .whereLayer("Domain").mayOnlyBeAccessedByLayers("Ports", "Application", "Adapters", "Bootstrap")
                .ensureAllClassesAreContainedInArchitectureIgnoring("io.clstr.architecture..")
                .because("ADR-0002: dependencies point inwards (domain <- ports <- application <- adapters <- bootstrap);"
                        + " only bootstrap sees everything");
    }
}
