package io.clstr.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_JODATIME;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;
import java.util.Calendar;
import java.util.Date;

@AnalyzeClasses(packages = ClstrPackages.ROOT,
        importOptions = {ImportOption.DoNotIncludeTests.class, ExcludeTestJars.class})
class CodingRulesTest {

    @ArchTest
    static final ArchRule only_bootstrap_writes_to_standard_streams =
            only_bootstrap_writes_to_standard_streams(ClstrPackages.PRODUCTION);

    @ArchTest
    static final ArchRule no_generic_exceptions = NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS
            .because("ADR-0015: failures are typed so callers can tell a conflict from a timeout");

    @ArchTest
    static final ArchRule no_java_util_logging = NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING
            .because("ADR-0013: the core uses System.Logger, adapters SLF4J; one binding routes both");

    @ArchTest
    static final ArchRule no_joda_time = NO_CLASSES_SHOULD_USE_JODATIME.because("ADR-0015: java.time is the one date and time API");

    @ArchTest
    static final ArchRule no_field_injection = NO_CLASSES_SHOULD_USE_FIELD_INJECTION
            .because("ADR-0012: wiring is by hand, through constructors");

    @ArchTest
    static final ArchRule no_legacy_date_types = noClasses()
            .should().dependOnClassesThat().haveFullyQualifiedName(Date.class.getName())
            .orShould().dependOnClassesThat().haveFullyQualifiedName(Calendar.class.getName())
            .because("ADR-0015: java.time types are immutable and explicit about zones");

    static ArchRule only_bootstrap_writes_to_standard_streams(ClstrPackages packages) {
        return noClasses()
                .that().resideOutsideOfPackage(packages.bootstrap())
                .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
                .because("ADR-0013: libraries log; only the command line (bootstrap) prints");
    }
}
