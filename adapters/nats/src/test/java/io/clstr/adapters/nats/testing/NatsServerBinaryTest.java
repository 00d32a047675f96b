package io.clstr.adapters.nats.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

class NatsServerBinaryTest {

    @TempDir
    Path directory;

    @Test
    void skips_with_instructions_when_no_nats_server_is_installed() {
        Map<String, String> environment = Map.of("PATH", directory.toString());

        assertThatThrownBy(() -> NatsServerBinary.require(environment, List.of()))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("apt-get install nats-server")
                .hasMessageContaining("NATS_SERVER_BIN")
                .hasMessageContaining("CLSTR_REQUIRE_NATS=true");
    }

    @Test
    void fails_instead_of_skipping_when_nats_is_required() {
        Map<String, String> environment = Map.of("PATH", directory.toString(), "CLSTR_REQUIRE_NATS", "true");

        assertThatThrownBy(() -> NatsServerBinary.require(environment, List.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("apt-get install nats-server");
    }

    @Test
    void finds_the_server_on_the_path_or_where_the_variable_points() throws IOException {
        Path onPath = executable(directory.resolve("nats-server"));
        Path elsewhere = executable(Files.createDirectory(directory.resolve("opt")).resolve("my-nats"));

        assertThat(NatsServerBinary.require(Map.of("PATH", "/nowhere:" + directory), List.of())).isEqualTo(onPath);
        assertThat(NatsServerBinary.require(Map.of("NATS_SERVER_BIN", elsewhere.toString()), List.of()))
                .isEqualTo(elsewhere);
    }

    @Test
    void rejects_a_variable_that_points_at_no_executable() {
        Map<String, String> environment = Map.of("NATS_SERVER_BIN", directory.resolve("missing").toString());

        assertThatThrownBy(() -> NatsServerBinary.require(environment, List.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("NATS_SERVER_BIN");
    }

    private static Path executable(Path path) throws IOException {
        Files.writeString(path, "#!/bin/sh\n");
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
        return path;
    }
}
