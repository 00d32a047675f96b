package io.clstr.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = ClstrPackages.ROOT,
        importOptions = {ImportOption.DoNotIncludeTests.class, ExcludeTestJars.class})
class NamingConventionTest {

    @ArchTest
    static final ArchRule no_impl_classes = noClasses()
            .that().resideInAPackage(ClstrPackages.ROOT + "..")
            .should().haveSimpleNameEndingWith("Impl")
            .because("ADR-0002: a name says what a class is (NatsEventStore), not that it implements something");

    @ArchTest
    static final ArchRule no_grab_bag_packages = noClasses()
            .that().resideInAPackage(ClstrPackages.ROOT + "..")
            .should().resideInAnyPackage("..util..", "..utils..", "..common..", "..helper..", "..helpers..", "..misc..")
            .because("ADR-0002: packages are named for a role or a domain concept");

    @ArchTest
    static final ArchRule memory_adapters_say_in_memory = memory_adapters_say_in_memory(ClstrPackages.PRODUCTION);

    @ArchTest
    static final ArchRule nats_adapters_say_nats = nats_adapters_say_nats(ClstrPackages.PRODUCTION);

    @ArchTest
    static final ArchRule jackson_adapters_say_jackson = jackson_adapters_say_jackson(ClstrPackages.PRODUCTION);

    @ArchTest
    static final ArchRule commands_and_events_are_records_named_without_suffix =
            commands_and_events_are_records_named_without_suffix(ClstrPackages.PRODUCTION);

    static ArchRule memory_adapters_say_in_memory(ClstrPackages packages) {
        return adaptersImplementingPortsStartWith(packages, "memory", "InMemory");
    }

    static ArchRule nats_adapters_say_nats(ClstrPackages packages) {
        return adaptersImplementingPortsStartWith(packages, "nats", "Nats");
    }

    static ArchRule jackson_adapters_say_jackson(ClstrPackages packages) {
        return adaptersImplementingPortsStartWith(packages, "jackson", "Jackson");
    }

    static ArchRule commands_and_events_are_records_named_without_suffix(ClstrPackages packages) {
        return classes()
                .that().resideInAPackage(packages.domain())
                .and(belongToACommandOrEventFamily(packages))
                .should().beRecords()
                .andShould().haveSimpleNameNotEndingWith("Command")
                .andShould().haveSimpleNameNotEndingWith("Event")
                .because("ADR-0003: commands and events are records in sealed families (OrderCommand.PlaceOrder,"
                        + " OrderEvent.OrderPlaced); the family already says what they are")
                // A project made from the template without the samples has no aggregate yet: nothing to check is fine.
                .allowEmptyShould(true);
    }

    private static ArchRule adaptersImplementingPortsStartWith(ClstrPackages packages, String adapter, String prefix) {
        return classes()
                .that().resideInAPackage(packages.adapter(adapter))
                .and().areTopLevelClasses()
                .and().arePublic()
                .and(implementADrivenPort(packages))
                .should().haveSimpleNameStartingWith(prefix)
                .allowEmptyShould(true)
                .because("ADR-0002: driven adapters are named <Technology><Port>, e.g. " + prefix + "EventStore");
    }

    private static DescribedPredicate<JavaClass> implementADrivenPort(ClstrPackages packages) {
        return DescribedPredicate.describe("implement a driven port", type -> type.getAllRawInterfaces().stream()
                .anyMatch(port -> port.getPackageName().startsWith(packages.root() + ".ports.out")));
    }

    private static DescribedPredicate<JavaClass> belongToACommandOrEventFamily(ClstrPackages packages) {
        return DescribedPredicate.describe("belong to a sealed command or event family", type -> !type.isInterface()
                && type.getAllRawInterfaces().stream().anyMatch(family -> family.getPackageName()
                        .startsWith(packages.root() + ".domain")
                        && (family.getSimpleName().endsWith("Command") || family.getSimpleName().endsWith("Event"))));
    }
}
