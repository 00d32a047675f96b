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
    static final ArchRule ports_hold_only_contracts = classes()
            .that().resideInAPackage(ClstrPackages.PORTS)
            .and().areTopLevelClasses()
            .and().doNotHaveSimpleName("package-info")
            .should(beAContractType())
            .because("ADR-0002: ports describe contracts (interfaces, records, enums, exceptions); behaviour lives in"
                    + " the application and the adapters");

    @ArchTest
    static final ArchRule driven_ports_do_not_use_driving_ports = noClasses()
            .that().resideInAPackage(ClstrPackages.PORTS_OUT)
            .should().dependOnClassesThat().resideInAPackage(ClstrPackages.PORTS_IN)
            .because("ADR-0002: driving (in) and driven (out) ports are independent sides of the hexagon");

    @ArchTest
    static final ArchRule driving_ports_do_not_use_driven_ports = noClasses()
            .that().resideInAPackage(ClstrPackages.PORTS_IN)
            .should().dependOnClassesThat().resideInAPackage(ClstrPackages.PORTS_OUT)
            .because("ADR-0002: driving (in) and driven (out) ports are independent sides of the hexagon");

    @ArchTest
    static final ArchRule use_cases_are_named_for_what_they_do = classes()
            .that().resideInAPackage(ClstrPackages.PORTS_IN)
            .and().resideOutsideOfPackage("io.clstr.ports.in.request..")
            .and().areInterfaces()
            .and().areTopLevelClasses()
            .and().doNotHaveSimpleName("package-info")
            .should().haveSimpleNameEndingWith("UseCase")
            .orShould().haveSimpleNameEndingWith("Query")
            .because("ADR-0002: driving ports are <Verb><Noun>UseCase or <Noun>Query (shared request types live in"
                    + " ports.in.request)");

    @ArchTest
    static final ArchRule ports_have_no_technical_suffixes = noClasses()
            .that().resideInAPackage(ClstrPackages.PORTS)
            .should().haveSimpleNameEndingWith("Port")
            .orShould().haveSimpleNameEndingWith("Impl")
            .because("ADR-0002: driven ports are role nouns (EventStore), not EventStorePort");

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
