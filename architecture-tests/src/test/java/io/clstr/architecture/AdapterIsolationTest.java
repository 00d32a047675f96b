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
    static final ArchRule adapters_do_not_depend_on_each_other = slices()
            .matching("io.clstr.adapters.(*)..")
            .should().notDependOnEachOther()
            .because("ADR-0002: each adapter is swappable alone; only bootstrap combines them");

    @ArchTest
    static final ArchRule adapters_do_not_depend_on_the_application = noClasses()
            .that().resideInAPackage(ClstrPackages.ADAPTERS)
            .should().dependOnClassesThat().resideInAPackage(ClstrPackages.APPLICATION)
            .because("ADR-0002: adapters implement or call ports; the application stays behind them");

    @ArchTest
    static final ArchRule nats_stays_in_its_adapter = technologyOnlyIn("io.nats..", "io.clstr.adapters.nats..")
            .because("ADR-0002: technology stays in its adapter, so swapping it touches one module");

    @ArchTest
    static final ArchRule javalin_and_jetty_stay_in_their_adapter =
            technologyOnlyIn("io.javalin..", "io.clstr.adapters.javalin..")
                    .orShould().dependOnClassesThat().resideInAPackage("org.eclipse.jetty..")
                    .because("ADR-0002: technology stays in its adapter, so swapping it touches one module");

    @ArchTest
    static final ArchRule micrometer_stays_in_its_adapter =
            technologyOnlyIn("io.micrometer..", "io.clstr.adapters.micrometer..")
                    .because("ADR-0002: technology stays in its adapter, so swapping it touches one module");

    @ArchTest
    static final ArchRule jackson_stays_in_the_json_and_http_adapters = noClasses()
            .that().resideOutsideOfPackages("io.clstr.adapters.jackson..", "io.clstr.adapters.javalin..")
            .should().dependOnClassesThat().resideInAPackage("com.fasterxml.jackson..")
            .because("ADR-0002: JSON is the codec adapter's business (and the HTTP adapter's, for its documents)");

    @ArchTest
    static final ArchRule slf4j_stays_out_of_the_core = noClasses()
            .that().resideInAnyPackage(ClstrPackages.DOMAIN, ClstrPackages.PORTS, ClstrPackages.APPLICATION)
            .should().dependOnClassesThat().resideInAPackage("org.slf4j..")
            .because("ADR-0013: the core logs through java.lang.System.Logger and needs no logging library");

    private static com.tngtech.archunit.lang.syntax.elements.ClassesShouldConjunction technologyOnlyIn(
            String technology, String adapter) {
        return noClasses()
                .that().resideOutsideOfPackage(adapter)
                .should().dependOnClassesThat().resideInAPackage(technology);
    }
}
