package io.clstr.architecture;

import static io.clstr.architecture.ClstrPackages.FIXTURES;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The worked example of {@code docs/guides/add-a-port-and-adapter.md}, the notification port with its adapters,
 * lives below {@code io.clstr.archfixtures} in this module's test sources, in the packages it imitates. Its classes
 * (its tests aside) must pass every rule the production code passes, over the packages they are in, and add no
 * dependency between modules that the module diagram does not show: the guide promises that code written as it
 * shows passes the architecture tests. (The example of {@code docs/guides/add-an-aggregate.md} is proven on a copy
 * of the repository instead, where it is production code: {@code AddAnAggregateGuideIT}.)
 */
class WorkedExampleTest {

    private static final Pattern TEST_CLASS = Pattern.compile(".*(Test|Contract)(\\$.*)?\\.class$");

    private static final List<Function<ClstrPackages, ArchRule>> RULES = List.of(
            LayeringTest::layers_of_an_example,
            DomainPurityTest::domain_depends_on_java_only,
            DomainPurityTest::domain_does_no_io_threads_or_logging,
            DomainPurityTest::domain_reads_no_clock_or_randomness,
            ApplicationPurityTest::application_uses_java_domain_and_ports_only,
            PortRulesTest::ports_hold_only_contracts,
            PortRulesTest::driving_ports_do_not_use_driven_ports,
            PortRulesTest::driven_ports_do_not_use_driving_ports,
            PortRulesTest::use_cases_are_named_for_what_they_do,
            PortRulesTest::ports_have_no_technical_suffixes,
            AdapterIsolationTest::adapters_do_not_depend_on_each_other,
            AdapterIsolationTest::adapters_do_not_depend_on_the_application,
            AdapterIsolationTest::jackson_stays_in_the_json_and_http_adapters,
            AdapterIsolationTest::slf4j_stays_out_of_the_core,
            packages -> NamingConventionTest.no_impl_classes,
            packages -> NamingConventionTest.no_grab_bag_packages,
            NamingConventionTest::memory_adapters_say_in_memory,
            NamingConventionTest::commands_and_events_are_records_named_without_suffix,
            packages -> InternalPackagesTest.internal_packages_are_private_to_their_parent,
            CycleTest::top_level_packages_are_free_of_cycles,
            CycleTest::domain_packages_are_free_of_cycles,
            CodingRulesTest::only_bootstrap_writes_to_standard_streams,
            packages -> CodingRulesTest.no_generic_exceptions,
            packages -> CodingRulesTest.no_legacy_date_types);

    private static JavaClasses notifications;

    @BeforeAll
    static void importTheExamples() {
        notifications = importExample(FIXTURES.root() + ".ports.out.notification", FIXTURES.root() + ".adapters.memory",
                FIXTURES.root() + ".adapters.webhook", FIXTURES.root() + ".bootstrap");
        assertThat(notifications.stream().map(JavaClass::getSimpleName))
                .contains("Notifier", "InMemoryNotifier", "WebhookNotifier", "NotifierWiring")
                .doesNotContain("NotifierContract", "WiringDetail", "MemoryStore");
    }

    @Test
    void the_notification_example_passes_every_architecture_rule() {
        passesEveryRule(notifications, FIXTURES);
    }

    @Test
    void adds_no_dependency_the_module_diagram_does_not_show() throws IOException {
        ModuleDiagram diagram = ModuleDiagram.parse(Files.readString(DiagramConformanceTest.DIAGRAM));
        assertThat(diagram.arrows()).containsAll(diagram.below(FIXTURES).dependenciesIn(notifications));
    }

    /** The example fills only some layers, so a rule may find nothing. */
    private static void passesEveryRule(JavaClasses example, ClstrPackages packages) {
        RULES.forEach(rule -> rule.apply(packages).allowEmptyShould(true).check(example));
    }

    /** The example's classes in these packages, without its tests and without the rule fixtures beside them. */
    private static JavaClasses importExample(String... packages) {
        return new ClassFileImporter()
                .withImportOption(location -> location.contains("/test-classes/"))
                .withImportOption(location -> !location.matches(TEST_CLASS) && !location.contains("/violation/"))
                .importPackages(packages);
    }
}
