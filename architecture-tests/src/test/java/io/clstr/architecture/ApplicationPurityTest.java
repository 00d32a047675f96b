package io.clstr.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = ClstrPackages.ROOT,
        importOptions = {ImportOption.DoNotIncludeTests.class, ExcludeTestJars.class})
class ApplicationPurityTest {

    @ArchTest
    static final ArchRule application_uses_java_domain_and_ports_only = classes()
            .that().resideInAPackage(ClstrPackages.APPLICATION)
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    ClstrPackages.APPLICATION, ClstrPackages.PORTS, ClstrPackages.DOMAIN, "java..")
            .because("ADR-0002: the application core needs no library: technology lives in adapters,"
                    + " logging goes through java.lang.System.Logger");

    @ArchTest
    static final ArchRule runtime_never_imports_a_sample = noClasses()
            .that().resideInAnyPackage(ClstrPackages.RUNTIME)
            .should().dependOnClassesThat().resideInAnyPackage(ClstrPackages.SAMPLES)
            .because("ADR-0002: adopters delete the order and counter samples; the runtime must not notice");
}
