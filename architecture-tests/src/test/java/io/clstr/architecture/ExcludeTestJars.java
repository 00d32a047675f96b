package io.clstr.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;

/**
 * Keeps test-jars out of the import. {@code DoNotIncludeTests} only drops test class folders, and
 * the fixtures in test-jars would otherwise be checked as production code.
 */
public final class ExcludeTestJars implements ImportOption {

    @Override
    public boolean includes(Location location) {
        return !location.contains("-tests.jar") && !location.contains("/test-classes/");
    }
}
