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
    static final ArchRule memory_adapters_say_in_memory = adaptersImplementingPortsStartWith("memory", "InMemory");

    @ArchTest
    static final ArchRule nats_adapters_say_nats = adaptersImplementingPortsStartWith("nats", "Nats");

    @ArchTest
    static final ArchRule jackson_adapters_say_jackson = adaptersImplementingPortsStartWith("jackson", "Jackson");

    @ArchTest
    static final ArchRule commands_and_events_are_records_named_without_suffix = classes()
            .that().resideInAPackage(ClstrPackages.DOMAIN)
            .and(belongToACommandOrEventFamily())
            .should().beRecords()
            .andShould().haveSimpleNameNotEndingWith("Command")
            .andShould().haveSimpleNameNotEndingWith("Event")
            .because("ADR-0003: commands and events are records in sealed families (OrderCommand.PlaceOrder,"
                    + " OrderEvent.OrderPlaced); the family already says what they are")
            // A project made from the template without the samples has no aggregate yet: nothing to check is fine.
            .allowEmptyShould(true);

    private static ArchRule adaptersImplementingPortsStartWith(String adapter, String prefix) {
        return classes()
                .that().resideInAPackage("io.clstr.adapters." + adapter + "..")
                .and().areTopLevelClasses()
                .and().arePublic()
                .and(implementADrivenPort())
                .should().haveSimpleNameStartingWith(prefix)
                .allowEmptyShould(true)
                .because("ADR-0002: driven adapters are named <Technology><Port>, e.g. " + prefix + "EventStore");
    }

    private static DescribedPredicate<JavaClass> implementADrivenPort() {
        return DescribedPredicate.describe("implement a driven port", type -> type.getAllRawInterfaces().stream()
                .anyMatch(port -> port.getPackageName().startsWith("io.clstr.ports.out")));
    }

    private static DescribedPredicate<JavaClass> belongToACommandOrEventFamily() {
        return DescribedPredicate.describe("belong to a sealed command or event family", type -> !type.isInterface()
                && type.getAllRawInterfaces().stream().anyMatch(family -> family.getPackageName().startsWith("io.clstr.domain")
                        && (family.getSimpleName().endsWith("Command") || family.getSimpleName().endsWith("Event"))));
    }
}
