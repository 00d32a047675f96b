package io.clstr.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.Dependency;
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
class InternalPackagesTest {

    @ArchTest
    static final ArchRule internal_packages_are_private_to_their_parent = classes()
            .that().resideInAPackage(ClstrPackages.ROOT + "..")
            .should(stayOutOfOtherPackagesInternals())
            .because("ADR-0002: X.internal is an implementation detail of X; use X's public API instead");

    private static ArchCondition<JavaClass> stayOutOfOtherPackagesInternals() {
        return new ArchCondition<>("use internal packages only from their parent package") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    String target = dependency.getTargetClass().getPackageName();
                    int internal = target.indexOf(".internal");
                    if (internal < 0 || !target.startsWith(ClstrPackages.ROOT)) {
                        continue;
                    }
                    String owner = target.substring(0, internal);
                    String from = origin.getPackageName();
                    boolean inside = from.equals(owner) || from.startsWith(owner + ".");
                    if (!inside) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        };
    }
}
