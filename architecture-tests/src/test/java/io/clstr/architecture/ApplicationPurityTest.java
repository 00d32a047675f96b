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
    static final ArchRule application_uses_java_domain_and_ports_only =
            application_uses_java_domain_and_ports_only(ClstrPackages.PRODUCTION);

    @ArchTest
    static final ArchRule runtime_never_imports_a_sample = runtime_never_imports_a_sample(ClstrPackages.PRODUCTION);

    static ArchRule application_uses_java_domain_and_ports_only(ClstrPackages packages) {
        return classes()
                .that().resideInAPackage(packages.application())
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        packages.application(), packages.ports(), packages.domain(), "java..")
                .because("ADR-0002: the application core needs no library: technology lives in adapters,"
                        + " logging goes through java.lang.System.Logger");
    }

    static ArchRule runtime_never_imports_a_sample(ClstrPackages packages) {
        return noClasses()
                .that().resideInAnyPackage(packages.runtime())
                .should().dependOnClassesThat().resideInAnyPackage(packages.samples())
                .because("ADR-0002: adopters delete the order and counter samples; the runtime must not notice");
    }
}
