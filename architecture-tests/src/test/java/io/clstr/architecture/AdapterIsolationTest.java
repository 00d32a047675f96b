package io.clstr.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = ClstrPackages.ROOT,
        importOptions = {ImportOption.DoNotIncludeTests.class, ExcludeTestJars.class})
class AdapterIsolationTest {

    @ArchTest
    static final ArchRule adapters_do_not_depend_on_each_other =
            adapters_do_not_depend_on_each_other(ClstrPackages.PRODUCTION);

    @ArchTest
    static final ArchRule adapters_do_not_depend_on_the_application =
            adapters_do_not_depend_on_the_application(ClstrPackages.PRODUCTION);

    @ArchTest
    static final ArchRule nats_stays_in_its_adapter = nats_stays_in_its_adapter(ClstrPackages.PRODUCTION);

    @ArchTest
    static final ArchRule javalin_and_jetty_stay_in_their_adapter =
            javalin_and_jetty_stay_in_their_adapter(ClstrPackages.PRODUCTION);

    @ArchTest
    static final ArchRule micrometer_stays_in_its_adapter = micrometer_stays_in_its_adapter(ClstrPackages.PRODUCTION);

    @ArchTest
    static final ArchRule jackson_stays_in_the_json_and_http_adapters =
            jackson_stays_in_the_json_and_http_adapters(ClstrPackages.PRODUCTION);

    @ArchTest
    static final ArchRule slf4j_stays_out_of_the_core = slf4j_stays_out_of_the_core(ClstrPackages.PRODUCTION);

    static ArchRule adapters_do_not_depend_on_each_other(ClstrPackages packages) {
        return slices()
                .matching(packages.root() + ".adapters.(*)..")
                .should().notDependOnEachOther()
                .because("ADR-0002: each adapter is swappable alone; only bootstrap combines them");
    }

    static ArchRule adapters_do_not_depend_on_the_application(ClstrPackages packages) {
        return noClasses()
                .that().resideInAPackage(packages.adapters())
                .should().dependOnClassesThat().resideInAPackage(packages.application())
                .because("ADR-0002: adapters implement or call ports; the application stays behind them");
    }

    static ArchRule nats_stays_in_its_adapter(ClstrPackages packages) {
        return technologyOnlyIn("io.nats..", packages.adapter("nats"))
                .because("ADR-0002: technology stays in its adapter, so swapping it touches one module");
    }

    static ArchRule javalin_and_jetty_stay_in_their_adapter(ClstrPackages packages) {
        return technologyOnlyIn("io.javalin..", packages.adapter("javalin"))
                .orShould().dependOnClassesThat().resideInAPackage("org.eclipse.jetty..")
                .because("ADR-0002: technology stays in its adapter, so swapping it touches one module");
    }

    static ArchRule micrometer_stays_in_its_adapter(ClstrPackages packages) {
        return technologyOnlyIn("io.micrometer..", packages.adapter("micrometer"))
                .because("ADR-0002: technology stays in its adapter, so swapping it touches one module");
    }

    static ArchRule jackson_stays_in_the_json_and_http_adapters(ClstrPackages packages) {
        return noClasses()
                .that().resideOutsideOfPackages(packages.adapter("jackson"), packages.adapter("javalin"))
                .should().dependOnClassesThat().resideInAPackage("com.fasterxml.jackson..")
                .because("ADR-0002: JSON is the codec adapter's business (and the HTTP adapter's, for its"
                        + " documents)");
    }

    static ArchRule slf4j_stays_out_of_the_core(ClstrPackages packages) {
        return noClasses()
                .that().resideInAnyPackage(packages.domain(), packages.ports(), packages.application())
                .should().dependOnClassesThat().resideInAPackage("org.slf4j..")
                .because("ADR-0013: the core logs through java.lang.System.Logger and needs no logging library");
    }

    private static com.tngtech.archunit.lang.syntax.elements.ClassesShouldConjunction technologyOnlyIn(
            String technology, String adapter) {
        return noClasses()
                .that().resideOutsideOfPackage(adapter)
                .should().dependOnClassesThat().resideInAPackage(technology);
    }
}
