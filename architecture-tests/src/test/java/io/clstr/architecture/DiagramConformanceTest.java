package io.clstr.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the module diagram in {@code docs/architecture/module-dependencies.md} true: every arrow is
 * a dependency the code has, and every dependency between modules is an arrow.
 */
class DiagramConformanceTest {

    static final Path DIAGRAM = Path.of("..", "docs", "architecture", "module-dependencies.md");

    private static ModuleDiagram diagram;
    private static Set<String> actual;
    private static Set<String> modulesWithClasses;

    @BeforeAll
    static void readDiagramAndCode() throws IOException {
        diagram = ModuleDiagram.parse(Files.readString(DIAGRAM));
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(new ImportOption.DoNotIncludeTests())
                .withImportOption(new ExcludeTestJars())
                .importPackages(ClstrPackages.ROOT);
        actual = diagram.dependenciesIn(classes);
        modulesWithClasses = diagram.modulesWithClassesIn(classes);
    }

    @Test
    void the_diagram_names_every_module() {
        assertThat(diagram.modules()).containsKeys("domain", "ports", "runtime", "contexts", "memory", "jackson",
                "nats", "javalin", "micrometer", "bootstrap");
    }

    @Test
    void every_dependency_between_modules_is_drawn() {
        assertThat(diagram.arrows())
                .as("ADR-0002: dependencies in the code that %s does not show; draw them or remove them", DIAGRAM)
                .containsAll(actual);
    }

    /**
     * An arrow to or from a module without classes stays: it is the dependency its POM declares for the code to
     * come, as for the contexts module before its first context.
     */
    @Test
    void every_arrow_is_a_real_dependency() {
        Set<String> arrowsBetweenCode = diagram.arrows().stream()
                .filter(arrow -> modulesWithClasses.containsAll(List.of(arrow.split(" --> "))))
                .collect(Collectors.toSet());
        assertThat(actual)
                .as("ADR-0002: arrows in %s that the code no longer has; remove them", DIAGRAM)
                .containsAll(arrowsBetweenCode);
    }
}
