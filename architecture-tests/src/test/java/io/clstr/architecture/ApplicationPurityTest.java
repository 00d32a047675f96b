package io.clstr.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.ArrayList;
import java.util.List;

@AnalyzeClasses(packages = ClstrPackages.ROOT,
        importOptions = {ImportOption.DoNotIncludeTests.class, ExcludeTestJars.class})
class ApplicationPurityTest {

    @ArchTest
    static final ArchRule application_uses_java_domain_and_ports_only =
            application_uses_java_domain_and_ports_only(ClstrPackages.PRODUCTION);

    @ArchTest
    static final ArchRule only_the_samples_and_bootstrap_use_a_sample =
            only_the_samples_and_bootstrap_use_a_sample(ClstrPackages.PRODUCTION);

    @ArchTest
    static final ArchRule runtime_knows_no_context = runtime_knows_no_context(ClstrPackages.PRODUCTION);

    static ArchRule application_uses_java_domain_and_ports_only(ClstrPackages packages) {
        return classes()
                .that().resideInAPackage(packages.application())
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        packages.application(), packages.ports(), packages.domain(), "java..")
                .because("ADR-0002: the application core needs no library: technology lives in adapters,"
                        + " logging goes through java.lang.System.Logger");
    }

    /** The runtime, the adapters' shared parts and every other context stay whole when the samples go. */
    static ArchRule only_the_samples_and_bootstrap_use_a_sample(ClstrPackages packages) {
        List<String> allowed = new ArrayList<>(List.of(packages.samples()));
        allowed.add(packages.bootstrap());
        return noClasses()
                .that().resideOutsideOfPackages(allowed.toArray(String[]::new))
                .should().dependOnClassesThat().resideInAnyPackage(packages.samples())
                .because("ADR-0002: adopters delete the order and counter samples; nothing but the samples and the"
                        + " list of contexts in bootstrap may use them (a value another context needs, such as money,"
                        + " belongs in that context or the kernel)");
    }

    /**
     * Any context, not only a sample. The module split already makes such an import a compile error; the rule also
     * holds when a runtime package is written in the contexts module, and its message says what to do.
     */
    static ArchRule runtime_knows_no_context(ClstrPackages packages) {
        return noClasses()
                .that().resideInAnyPackage(packages.runtime())
                .should().dependOnClassesThat(resideInAPackage(packages.application())
                        .and(resideOutsideOfPackages(packages.runtime())))
                .because("ADR-0019: the runtime (application/runtime) is generic and knows no bounded context; what it"
                        + " needs from a context belongs in the runtime as a general API (as BoundedContext is), and"
                        + " code about one context belongs in application/contexts");
    }
}
