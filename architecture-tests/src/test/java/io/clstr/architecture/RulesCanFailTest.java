package io.clstr.architecture;

import static io.clstr.architecture.ClstrPackages.FIXTURES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Proves each rule can fail: the deliberately broken classes below {@code io.clstr.archfixtures} (packages ending in
 * {@code violation}, plus a few whose package name is the violation) must each be reported, by name, by the rule
 * they break, run over {@link ClstrPackages#FIXTURES}. A rule that matches nothing would otherwise pass silently.
 */
class RulesCanFailTest {

    private static JavaClasses fixtures;

    @BeforeAll
    static void importFixtures() {
        fixtures = new ClassFileImporter()
                .withImportOption(location -> location.contains("/test-classes/"))
                .importPackages(FIXTURES.root());
        assertThat(fixtures).as("the violation fixtures").isNotEmpty();
    }

    @Test
    void layering() {
        assertReports(LayeringTest.layers_depend_inwards_only(FIXTURES), "MemoryStore", "LeakyService");
    }

    @Test
    void domain_purity() {
        assertReports(DomainPurityTest.domain_depends_on_java_only(FIXTURES), "PortUsingValue");
        assertReports(DomainPurityTest.domain_does_no_io_threads_or_logging(FIXTURES), "ThreadStartingDecider");
        assertReports(DomainPurityTest.domain_reads_no_clock_or_randomness(FIXTURES), "ClockReadingDecider");
        assertReports(DomainPurityTest.kernel_knows_no_aggregate(FIXTURES), "KernelKnowingASample");
    }

    @Test
    void application_purity() {
        assertReports(ApplicationPurityTest.application_uses_java_domain_and_ports_only(FIXTURES), "LeakyService");
        assertReports(ApplicationPurityTest.only_the_samples_and_bootstrap_use_a_sample(FIXTURES), "RuntimeUsingSample");
        assertReports(ApplicationPurityTest.runtime_knows_no_context(FIXTURES), "RuntimeUsingAContext",
                "RuntimeUsingSample");
    }

    @Test
    void port_rules() {
        assertReports(PortRulesTest.ports_hold_only_contracts(FIXTURES), "ConcreteHelper");
        assertReports(PortRulesTest.driven_ports_do_not_use_driving_ports(FIXTURES), "EventStorePort");
        assertReports(PortRulesTest.driving_ports_do_not_use_driven_ports(FIXTURES), "OrderService");
        assertReports(PortRulesTest.use_cases_are_named_for_what_they_do(FIXTURES), "OrderService");
        assertReports(PortRulesTest.ports_have_no_technical_suffixes(FIXTURES), "EventStorePort");
    }

    @Test
    void adapter_isolation() {
        assertReports(AdapterIsolationTest.adapters_do_not_depend_on_each_other(FIXTURES), "MemoryStore");
        assertReports(AdapterIsolationTest.adapters_do_not_depend_on_the_application(FIXTURES), "MemoryStore");
        assertReports(AdapterIsolationTest.nats_stays_in_its_adapter(FIXTURES), "UsesNats");
        assertReports(AdapterIsolationTest.javalin_and_jetty_stay_in_their_adapter(FIXTURES), "UsesNats");
        assertReports(AdapterIsolationTest.micrometer_stays_in_its_adapter(FIXTURES), "UsesMicrometer");
        assertReports(AdapterIsolationTest.jackson_stays_in_the_json_and_http_adapters(FIXTURES), "LeakyService");
        assertReports(AdapterIsolationTest.slf4j_stays_out_of_the_core(FIXTURES), "LeakyService");
    }

    @Test
    void cycles() {
        assertReports(CycleTest.top_level_packages_are_free_of_cycles(FIXTURES), "WiringDetail");
        assertReports(CycleTest.domain_packages_are_free_of_cycles(FIXTURES), "AlphaValue");
        assertReports(CycleTest.application_packages_are_free_of_cycles(FIXTURES), "UsesInternal");
    }

    @Test
    void internal_packages() {
        assertReports(InternalPackagesTest.internal_packages_are_private_to_their_parent, "UsesInternal");
    }

    @Test
    void naming() {
        assertReports(NamingConventionTest.no_impl_classes, "WidgetImpl");
        assertReports(NamingConventionTest.no_grab_bag_packages, "Helper");
        assertReports(NamingConventionTest.memory_adapters_say_in_memory(FIXTURES), "MemoryStore");
        assertReports(NamingConventionTest.nats_adapters_say_nats(FIXTURES), "EventStoreOnJetStream");
        assertReports(NamingConventionTest.jackson_adapters_say_jackson(FIXTURES), "JsonCodec");
        assertReports(NamingConventionTest.commands_and_events_are_records_named_without_suffix(FIXTURES),
                "ParcelShippedEvent");
    }

    @Test
    void coding_rules() {
        assertReports(CodingRulesTest.only_bootstrap_writes_to_standard_streams(FIXTURES), "LeakyService");
        assertReports(CodingRulesTest.no_generic_exceptions, "LeakyService");
        assertReports(CodingRulesTest.no_java_util_logging, "LeakyService");
        assertReports(CodingRulesTest.no_legacy_date_types, "LeakyService");
    }

    @Test
    void diagram_conformance() throws IOException {
        ModuleDiagram diagram = ModuleDiagram.parse(Files.readString(DiagramConformanceTest.DIAGRAM)).below(FIXTURES);
        String[] forbidden = {"memory --> nats", "domain --> ports", "contexts --> bootstrap", "runtime --> contexts"};
        assertThat(diagram.dependenciesIn(fixtures)).as("dependencies the fixtures add").contains(forbidden);
        assertThat(diagram.arrows()).as("the diagram must not allow what the fixtures do").doesNotContain(forbidden);
    }

    private static void assertReports(ArchRule rule, String fixture) {
        assertThatThrownBy(() -> rule.check(fixtures))
                .as("rule '%s' must report %s", rule.getDescription(), fixture)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(fixture)
                .hasMessageContaining("ADR-");
    }

    private static void assertReports(ArchRule rule, String fixture, String anotherFixture) {
        assertReports(rule, fixture);
        assertReports(rule, anotherFixture);
    }
}
