package io.clstr.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.base.DescribedPredicate;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Set;
import java.util.UUID;

@AnalyzeClasses(packages = ClstrPackages.ROOT,
        importOptions = {ImportOption.DoNotIncludeTests.class, ExcludeTestJars.class})
class DomainPurityTest {

    @ArchTest
    static final ArchRule domain_depends_on_java_only = domain_depends_on_java_only(ClstrPackages.PRODUCTION);

    @ArchTest
    static final ArchRule domain_does_no_io_threads_or_logging =
            domain_does_no_io_threads_or_logging(ClstrPackages.PRODUCTION);

    @ArchTest
    static final ArchRule domain_reads_no_clock_or_randomness =
            domain_reads_no_clock_or_randomness(ClstrPackages.PRODUCTION);

    @ArchTest
    static final ArchRule kernel_knows_no_aggregate = kernel_knows_no_aggregate(ClstrPackages.PRODUCTION);

    static ArchRule domain_depends_on_java_only(ClstrPackages packages) {
        return classes()
                .that().resideInAPackage(packages.domain())
                .should().onlyDependOnClassesThat().resideInAnyPackage(packages.domain(), "java..")
                .because("ADR-0003: the domain is pure Java so it can be reasoned about and tested without"
                        + " infrastructure");
    }

    static ArchRule domain_does_no_io_threads_or_logging(ClstrPackages packages) {
        return noClasses()
                .that().resideInAPackage(packages.domain())
                .should().dependOnClassesThat().resideInAnyPackage(
                        "java.io..", "java.nio..", "java.net..", "java.sql..", "java.util.concurrent..",
                        "java.util.logging..", "java.lang.reflect..", "java.util.random..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName(Thread.class.getName())
                .orShould().dependOnClassesThat().haveFullyQualifiedName(java.util.Random.class.getName())
                .orShould().dependOnClassesThat().haveFullyQualifiedName(System.Logger.class.getName())
                .because("ADR-0003: deciders are deterministic: no I/O, threads, randomness or logging in the domain");
    }

    static ArchRule domain_reads_no_clock_or_randomness(ClstrPackages packages) {
        return noClasses()
                .that().resideInAPackage(packages.domain())
                .should().callMethodWhere(readsAmbientState())
                .because("ADR-0003: time and ids arrive inside commands, stamped by the application from an injected"
                        + " clock and id source");
    }

    static ArchRule kernel_knows_no_aggregate(ClstrPackages packages) {
        return classes()
                .that().resideInAPackage(packages.kernel())
                .should().onlyDependOnClassesThat().resideInAnyPackage(packages.kernel(), "java..")
                .because("ADR-0003: the kernel is generic; aggregates depend on it, never the other way round");
    }

    private static DescribedPredicate<JavaCall<?>> readsAmbientState() {
        Set<String> clockTypes = Set.of(Instant.class.getName(), LocalDate.class.getName(),
                LocalDateTime.class.getName(), LocalTime.class.getName(), OffsetDateTime.class.getName(),
                ZonedDateTime.class.getName());
        return DescribedPredicate.describe("reads the clock, the environment or randomness", call -> {
            String owner = call.getTargetOwner().getName();
            String name = call.getName();
            if (clockTypes.contains(owner) && name.equals("now")) {
                return true;
            }
            if (owner.equals(Clock.class.getName()) && name.startsWith("system")) {
                return true;
            }
            if (owner.equals(UUID.class.getName()) && name.equals("randomUUID")) {
                return true;
            }
            if (owner.equals(Math.class.getName()) && name.equals("random")) {
                return true;
            }
            return owner.equals(System.class.getName()) && Set.of("currentTimeMillis", "nanoTime", "getenv",
                    "getProperty", "getProperties", "exit").contains(name);
        });
    }
}
