package io.clstr.adapters.javalin.internal;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import io.clstr.ports.in.request.CommandConflictException;
import io.clstr.ports.in.request.CommandIdReusedException;
import io.clstr.ports.in.request.CommandTooLargeException;
import io.clstr.ports.in.request.InvalidInputException;
import io.clstr.ports.in.request.ServiceUnavailableException;
import io.clstr.ports.in.request.VersionNotFoundException;
import io.clstr.ports.out.codec.CodecException;
import io.clstr.ports.out.codec.UnknownTypeException;
import io.clstr.ports.out.eventstore.EventStoreException;
import io.clstr.ports.out.eventstore.ExpectedVersion;
import io.clstr.ports.out.eventstore.StreamId;
import io.clstr.ports.out.keyvalue.KeyExistsException;
import io.clstr.ports.out.keyvalue.KeyValueException;
import io.clstr.ports.out.keyvalue.KeyValueUnreachableException;
import io.clstr.ports.out.keyvalue.WrongRevisionException;
import io.clstr.ports.out.transport.NoRespondersException;
import io.clstr.ports.out.transport.RequestTimeoutException;
import io.clstr.ports.out.transport.TransportException;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The mapping from failures to HTTP answers is total: every exception the ports declare has a status decided on
 * purpose. A new port exception fails here until someone decides what a client hears when it reaches HTTP.
 */
class FailuresTest {

    /** What each port exception answers. 500 only where no client action and no retry can help. */
    private static final Map<Class<?>, Integer> STATUS_OF_PORT_EXCEPTIONS = Map.ofEntries(
            entry(InvalidInputException.class, 400),
            entry(CommandTooLargeException.class, 413),
            entry(CommandIdReusedException.class, 422),
            entry(VersionNotFoundException.class, 404),
            entry(CommandConflictException.class, 409),
            entry(io.clstr.ports.out.eventstore.ConcurrencyConflictException.class, 409),
            entry(KeyExistsException.class, 409),
            entry(WrongRevisionException.class, 409),
            entry(ServiceUnavailableException.class, 503),
            entry(EventStoreException.class, 503),
            entry(KeyValueException.class, 503),
            entry(KeyValueUnreachableException.class, 503),
            entry(TransportException.class, 503),
            entry(NoRespondersException.class, 503),
            entry(RequestTimeoutException.class, 503),
            // Stored data this node cannot decode: a bug or a botched upgrade, for an operator to look at.
            entry(CodecException.class, 500),
            entry(UnknownTypeException.class, 500));

    /** Their messages are written for the caller, by contract; every other message stays in the log. */
    private static final Set<Class<?>> MESSAGES_FOR_CALLERS =
            Set.of(InvalidInputException.class, VersionNotFoundException.class);

    @Test
    void every_exception_the_ports_declare_has_a_decided_status() throws Exception {
        List<Class<? extends Throwable>> declared = portExceptions();

        assertThat(declared).as("exceptions found in the ports").hasSizeGreaterThan(10);
        assertThat(declared).as("port exceptions without a decided status: add each to Failures and to this test")
                .allMatch(STATUS_OF_PORT_EXCEPTIONS::containsKey);
        assertThat(STATUS_OF_PORT_EXCEPTIONS.keySet()).as("statuses of exceptions the ports no longer declare")
                .allMatch(declared::contains);
    }

    @Test
    void each_port_exception_gets_its_status_and_no_internal_detail() throws Exception {
        for (Class<? extends Throwable> type : portExceptions()) {
            Throwable failure = instance(type);

            Problem problem = Failures.problemFor(new CompletionException(failure));

            assertThat(Failures.answers(type)).as(type.getSimpleName()).isTrue();
            assertThat(problem.status()).as(type.getSimpleName()).isEqualTo(STATUS_OF_PORT_EXCEPTIONS.get(type));
            if (!MESSAGES_FOR_CALLERS.contains(type)) {
                assertThat(problem.detail()).as(type.getSimpleName()).doesNotContain("internal-detail");
            }
        }
    }

    @Test
    void the_adapter_s_own_failures_are_answered_too() {
        assertThat(Failures.problemFor(ProblemException.of(ProblemCode.UNSUPPORTED_MEDIA_TYPE, "no")).status())
                .isEqualTo(415);
        assertThat(Failures.problemFor(new TimeoutException()).status()).isEqualTo(503);
        assertThat(Failures.answers(TimeoutException.class)).isTrue();
    }

    @Test
    void anything_else_is_a_bug_answered_500_with_only_an_error_id() {
        Problem problem = Failures.problemFor(new IllegalStateException("internal-detail"));

        assertThat(problem.status()).isEqualTo(500);
        assertThat(problem.errorId()).matches("[0-9a-f]{16}");
        assertThat(problem.detail()).doesNotContain("internal-detail");
        assertThat(Failures.answers(IllegalStateException.class)).isFalse();
    }

    /** Every concrete {@link Throwable} among the classes of the ports module. */
    private static List<Class<? extends Throwable>> portExceptions() throws IOException, URISyntaxException,
            ClassNotFoundException {
        Path ports = Path.of(ServiceUnavailableException.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI());
        List<String> classFiles = new ArrayList<>();
        if (Files.isDirectory(ports)) {
            try (Stream<Path> files = Files.walk(ports)) {
                files.map(file -> ports.relativize(file).toString().replace('\\', '/')).forEach(classFiles::add);
            }
        } else {
            try (JarFile jar = new JarFile(ports.toFile())) {
                jar.stream().map(entry -> entry.getName()).forEach(classFiles::add);
            }
        }
        List<Class<? extends Throwable>> exceptions = new ArrayList<>();
        for (String file : classFiles) {
            if (!file.startsWith("io/clstr/ports/") || !file.endsWith(".class")) {
                continue;
            }
            String name = file.substring(0, file.length() - ".class".length()).replace('/', '.');
            Class<?> type = Class.forName(name, false, FailuresTest.class.getClassLoader());
            if (Throwable.class.isAssignableFrom(type) && !Modifier.isAbstract(type.getModifiers())) {
                exceptions.add(type.asSubclass(Throwable.class));
            }
        }
        exceptions.sort(Comparator.comparing(Class::getName));
        return exceptions;
    }

    /** An instance built with placeholder arguments, its message holding the word "internal-detail". */
    private static Throwable instance(Class<? extends Throwable> type) throws ReflectiveOperationException {
        Constructor<?> constructor = Stream.of(type.getConstructors())
                .min(Comparator.comparingInt(Constructor::getParameterCount)).orElseThrow();
        Object[] arguments = new Object[constructor.getParameterCount()];
        Class<?>[] parameters = constructor.getParameterTypes();
        for (int i = 0; i < parameters.length; i++) {
            arguments[i] = placeholder(parameters[i]);
        }
        return (Throwable) constructor.newInstance(arguments);
    }

    private static Object placeholder(Class<?> parameter) {
        if (parameter == String.class) {
            return "internal-detail";
        }
        if (parameter == long.class) {
            return 1L;
        }
        if (parameter == int.class) {
            return 1;
        }
        if (parameter == Duration.class) {
            return Duration.ofSeconds(1);
        }
        if (parameter == StreamId.class) {
            return StreamId.of("t", "internal-detail");
        }
        if (parameter == ExpectedVersion.class) {
            return ExpectedVersion.any();
        }
        if (parameter == Throwable.class) {
            return new IllegalStateException("internal-detail");
        }
        throw new IllegalArgumentException("no placeholder for a " + parameter.getName() + " yet: add one");
    }
}
