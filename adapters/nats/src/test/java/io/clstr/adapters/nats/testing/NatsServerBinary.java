package io.clstr.adapters.nats.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the {@code nats-server} executable: {@code NATS_SERVER_BIN}, else the {@code PATH}, else the usual
 * install locations. Without one, tests that need it are skipped, or fail when {@code CLSTR_REQUIRE_NATS=true}
 * (as CI sets it), so a missing server can never pass silently there.
 */
public final class NatsServerBinary {

    public static final String BINARY_VARIABLE = "NATS_SERVER_BIN";
    public static final String REQUIRE_VARIABLE = "CLSTR_REQUIRE_NATS";

    private static final List<String> USUAL_PLACES = List.of("/usr/sbin", "/usr/local/bin", "/usr/bin", "/opt/homebrew/bin");

    private NatsServerBinary() {
    }

    /** The executable, or an aborted (skipped) test, or a failure when NATS is required. */
    public static Path require() {
        return require(System.getenv(), USUAL_PLACES);
    }

    static Path require(Map<String, String> environment, List<String> usualPlaces) {
        Optional<Path> found = find(environment, usualPlaces);
        if (found.isPresent()) {
            return found.get();
        }
        String explanation = "nats-server not found (looked at $" + BINARY_VARIABLE + ", the PATH and "
                + usualPlaces + "). Install it (apt-get install nats-server) or set " + BINARY_VARIABLE
                + "=/path/to/nats-server to run the NATS tests.";
        if ("true".equalsIgnoreCase(environment.get(REQUIRE_VARIABLE))) {
            throw new IllegalStateException(explanation + " " + REQUIRE_VARIABLE + "=true makes this a failure.");
        }
        Assumptions.abort(explanation + " Skipping; set " + REQUIRE_VARIABLE + "=true to fail instead.");
        throw new IllegalStateException("unreachable: the assumption above aborts");
    }

    static Optional<Path> find(Map<String, String> environment, List<String> usualPlaces) {
        String configured = environment.get(BINARY_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured);
            if (!Files.isExecutable(path)) {
                throw new IllegalStateException(BINARY_VARIABLE + "=" + configured + " is not an executable file");
            }
            return Optional.of(path);
        }
        List<String> directories = new ArrayList<>();
        String pathVariable = environment.get("PATH");
        if (pathVariable != null) {
            directories.addAll(List.of(pathVariable.split(File.pathSeparator)));
        }
        directories.addAll(usualPlaces);
        for (String directory : directories) {
            if (directory.isBlank()) {
                continue;
            }
            Path candidate = Path.of(directory, "nats-server");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
