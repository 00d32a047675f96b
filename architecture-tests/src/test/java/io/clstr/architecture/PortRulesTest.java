package io.clstr.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

@AnalyzeClasses(packages = ClstrPackages.ROOT,
        importOptions = {ImportOption.DoNotIncludeTests.class, ExcludeTestJars.class})
class PortRulesTest {

    @ArchTest
    static final ArchRule ports_hold_only_contracts = ports_hold_only_contracts(ClstrPackages.PRODUCTION);

    @ArchTest
    static final ArchRule driven_ports_do_not_use_driving_ports =
            driven_ports_do_not_use_driving_ports(ClstrPackages.PRODUCTION);

    @ArchTest
    static final ArchRule driving_ports_do_not_use_driven_ports =
            driving_ports_do_not_use_driven_ports(ClstrPackages.PRODUCTION);

    @ArchTest
    static final ArchRule use_cases_are_named_for_what_they_do =
            use_cases_are_named_for_what_they_do(ClstrPackages.PRODUCTION);

    @ArchTest
    static final ArchRule ports_have_no_technical_suffixes = ports_have_no_technical_suffixes(ClstrPackages.PRODUCTION);

    static ArchRule ports_hold_only_contracts(ClstrPackages packages) {
        return classes()
                .that().resideInAPackage(packages.ports())
                .and().areTopLevelClasses()
                .and().doNotHaveSimpleName("package-info")
                .should(beAContractType())
                .because("ADR-0002: ports describe contracts (interfaces, records, enums, exceptions); behaviour lives"
                        + " in the application and the adapters");
    }

    static ArchRule driven_ports_do_not_use_driving_ports(ClstrPackages packages) {
        return noClasses()
                .that().resideInAPackage(packages.portsOut())
                .should().dependOnClassesThat().resideInAPackage(packages.portsIn())
                .because("ADR-0002: driving (in) and driven (out) ports are independent sides of the hexagon");
    }

    static ArchRule driving_ports_do_not_use_driven_ports(ClstrPackages packages) {
        return noClasses()
                .that().resideInAPackage(packages.portsIn())
                .should().dependOnClassesThat().resideInAPackage(packages.portsOut())
                .because("ADR-0002: driving (in) and driven (out) ports are independent sides of the hexagon");
    }

    static ArchRule use_cases_are_named_for_what_they_do(ClstrPackages packages) {
        return classes()
                .that().resideInAPackage(packages.portsIn())
                .and().resideOutsideOfPackage(packages.root() + ".ports.in.request..")
                .and().areInterfaces()
                .and().areTopLevelClasses()
                .and().doNotHaveSimpleName("package-info")
                .should().haveSimpleNameEndingWith("UseCase")
                .orShould().haveSimpleNameEndingWith("UseCases")
                .orShould().haveSimpleNameEndingWith("Query")
                .because("ADR-0002: driving ports are <Verb><Noun>UseCase, <Noun>UseCases or <Noun>Query (shared"
                        + " request types live in ports.in.request)");
    }

    static ArchRule ports_have_no_technical_suffixes(ClstrPackages packages) {
        return noClasses()
                .that().resideInAPackage(packages.ports())
                .should().haveSimpleNameEndingWith("Port")
                .orShould().haveSimpleNameEndingWith("Impl")
                .because("ADR-0002: driven ports are role nouns (EventStore), not EventStorePort");
    }

    private static ArchCondition<JavaClass> beAContractType() {
        return new ArchCondition<>("be an interface, record, enum or exception") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                boolean contract = type.isInterface() || type.isRecord() || type.isEnum()
                        || type.isAssignableTo(Throwable.class);
                events.add(new SimpleConditionEvent(type, contract,
                        type.getName() + (contract ? " is" : " is not") + " an interface, record, enum or exception"));
            }
        };
    }
}
