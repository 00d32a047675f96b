package io.clstr.adapters.nats.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One {@code nats-server -js} process for tests, on free loopback ports with its own temporary store. It can be
 * stopped (gracefully), killed (SIGKILL, like a crash) and restarted on the same store and ports, and it can be
 * one member of a {@link NatsCluster}. The server's output goes to {@link #logFile()} (kept after
 * {@link #close()} for diagnosis, while the store is deleted). Every server still running when the JVM exits is
 * killed.
 *
 * <p>Tests never touch a server they did not start (such as one on the default port 4222). This is the default
 * {@link NatsFixture}; tests that need control over the process use it directly.
 */
public final class NatsServer implements NatsFixture {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);
    /** Lame-duck mode hands its leaderships over, then waits a second for them to move. */
    private static final Duration LEADERSHIP_HANDOVER = Duration.ofSeconds(2);
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();
    private static NatsServer shared;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly),
                "nats-test-servers-killer"));
    }

    private final Path binary;
    private final String name;
    private final Path directory;
    private final Path store;
    private final Path logFile;
    private final int port;
    private final int monitorPort;
    private final List<String> clusterArguments;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private volatile Process process;

    private NatsServer(Path binary, String name, Path directory, int port, int monitorPort,
            List<String> clusterArguments) {
        this.binary = binary;
        this.name = name;
        this.directory = directory;
        this.store = directory.resolve("store");
        this.logFile = directory.resolve("nats-server.log");
        this.port = port;
        this.monitorPort = monitorPort;
        this.clusterArguments = List.copyOf(clusterArguments);
    }

    /**
     * One server per JVM, started on first use and closed when the JVM exits, for tests that only need a
     * server (and keep apart by unique names) rather than control over one.
     */
    public static NatsServer shared() {
        synchronized (RUNNING) {
            if (shared == null) {
                NatsServer server = start();
                Runtime.getRuntime().addShutdownHook(new Thread(server::close, "nats-test-shared-server"));
                shared = server;
            }
            return shared;
        }
    }

    /** Starts a single server with JetStream; skips (or fails, see {@link NatsServerBinary}) without nats-server. */
    public static NatsServer start() {
        Path binary = NatsServerBinary.require();
        NatsServer server = create(binary, "clstr-test", List.of());
        server.startProcess();
        server.awaitReady();
        return server;
    }

    /**
     * Starts a single server with JetStream and these arguments besides, such as {@code -c <file>} with a
     * configuration of TLS or authorization (the fixture's own flags, such as the ports, take precedence).
     */
    public static NatsServer startWith(List<String> arguments) {
        Path binary = NatsServerBinary.require();
        NatsServer server = create(binary, "clstr-test", arguments);
        server.startProcess();
        server.awaitReady();
        return server;
    }

    /** A server that is not started yet (for clusters, whose members must start together). */
    static NatsServer create(Path binary, String name, List<String> clusterArguments) {
        try {
            Path directory = Files.createTempDirectory("clstr-nats-" + name + "-");
            return new NatsServer(binary, name, directory, freePort(), freePort(), clusterArguments);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String name() {
        return name;
    }

    @Override
    public String url() {
        return "nats://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public int monitorPort() {
        return monitorPort;
    }

    public Path storeDirectory() {
        return store;
    }

    public Path logFile() {
        return logFile;
    }

    public boolean isRunning() {
        Process current = process;
        return current != null && current.isAlive();
    }

    /** CPU time the running server process has used so far (for benchmarks). */
    public Duration cpuTime() {
        Process current = process;
        if (current == null) {
            throw new IllegalStateException(name + " is not running");
        }
        return current.info().totalCpuDuration().orElseThrow(
                () -> new IllegalStateException("the OS does not report the CPU time of " + name));
    }

    /** Stops the server gracefully (SIGTERM: it flushes its store), waiting until it has exited. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        awaitExit(STOP_TIMEOUT);
    }

    /**
     * Stops the server as a rolling upgrade does: lame-duck mode first, which hands the leadership of its
     * streams to other cluster members and stops taking clients, then a graceful stop (SIGTERM) once the
     * leaderships have moved, instead of lame-duck's own closing of clients over at least 30 s.
     */
    public synchronized void drainAndStop() {
        if (process == null) {
            return;
        }
        try {
            Process signal = new ProcessBuilder(binary.toString(), "--signal", "ldm=" + process.pid())
                    .redirectErrorStream(true).start();
            if (!signal.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS) || signal.exitValue() != 0) {
                throw new IllegalStateException("nats-server --signal ldm failed: "
                        + new String(signal.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot signal " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        Awaitility.await(name + " in lame-duck mode").atMost(STOP_TIMEOUT).pollInterval(Duration.ofMillis(20))
                .until(() -> logTail().contains("Entering lame duck mode"));
        Awaitility.await().pollDelay(LEADERSHIP_HANDOVER).until(() -> true);
        stop();
    }

    /** Kills the server at once (SIGKILL), as a crash would. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        awaitExit(STOP_TIMEOUT);
    }

    /** Starts the stopped or killed server again, on the same ports and store, and waits until it is ready. */
    public void restart() {
        synchronized (this) {
            if (isRunning()) {
                throw new IllegalStateException(name + " is still running");
            }
            startProcess();
        }
        awaitReady();
    }

    /**
     * Starts the stopped or killed server again and returns once it accepts clients, without waiting for its
     * streams to catch up (which, under load, takes a while): see {@link #isCurrent()}.
     */
    public void startAgain() {
        synchronized (this) {
            if (isRunning()) {
                throw new IllegalStateException(name + " is still running");
            }
            startProcess();
        }
        try {
            Awaitility.await("nats-server " + name + " accepting clients")
                    .atMost(START_TIMEOUT)
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> {
                        if (!isRunning()) {
                            throw new IllegalStateException(name + " exited while starting; its log:\n" + logTail());
                        }
                        return acceptsClients();
                    });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException(name + " did not accept clients within " + START_TIMEOUT
                    + "; its log:\n" + logTail(), e);
        }
    }

    /** Whether the server is running and reports itself healthy: every stream and consumer it holds is current. */
    public boolean isCurrent() {
        return isRunning() && monitor("/healthz").contains("\"ok\"");
    }

    /** Kills the server and deletes its store; the log file stays for diagnosis. */
    @Override
    public synchronized void close() {
        kill();
        deleteRecursively(store);
    }

    synchronized void startProcess() {
        List<String> command = new ArrayList<>(List.of(binary.toString(),
                "--server_name", name,
                "-a", "127.0.0.1",
                "-p", Integer.toString(port),
                "-m", Integer.toString(monitorPort),
                "-js", "-sd", store.toString()));
        command.addAll(clusterArguments);
        try {
            Files.writeString(logFile, "---- starting " + String.join(" ", command) + System.lineSeparator(),
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            RUNNING.add(process);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + binary, e);
        }
    }

    /** Waits until the server accepts clients and reports itself healthy (JetStream included). */
    void awaitReady() {
        try {
            Awaitility.await("nats-server " + name + " ready")
                    .atMost(START_TIMEOUT)
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> {
                        if (!isRunning()) {
                            throw new IllegalStateException(name + " exited while starting; its log:\n" + logTail());
                        }
                        return acceptsClients() && monitor("/healthz").contains("\"ok\"");
                    });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException(name + " not ready within " + START_TIMEOUT + "; its log:\n" + logTail(),
                    e);
        }
    }

    /** Whether this server holds a consumer of that name now (a one-replica consumer lives on one server). */
    public boolean hostsConsumer(String name) {
        return Pattern.compile("\"name\"\\s*:\\s*\"" + Pattern.quote(name) + "\"")
                .matcher(monitor("/jsz?accounts=true&streams=true&consumers=true")).find();
    }

    /** The body of a monitoring endpoint such as {@code /jsz}, or "" if the server does not answer. */
    String monitor(String path) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + monitorPort + path))
                            .timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The last lines of the server log, for failure messages. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean acceptsClients() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        RUNNING.remove(process);
        process = null;
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
