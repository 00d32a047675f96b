package io.clstr.bootstrap;

import io.clstr.bootstrap.config.ClstrConfig;
import io.clstr.bootstrap.config.ConfigException;
import io.clstr.bootstrap.config.ConfigParser;
import io.clstr.bootstrap.config.HelpText;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar clstr.jar [serve] [flags]}: starts one node and runs it until the process is told to stop
 * (SIGTERM, Ctrl-C), then stops it gracefully.
 *
 * <p>Exit codes: 0 after {@code --help} or {@code --version}, 1 when the node cannot start, 2 for a bad command line or bad
 * settings. A node stopped by a signal exits as the JVM reports signals: 143 for SIGTERM, 130 for Ctrl-C.
 */
public final class Main {

    static final int EXIT_OK = 0;
    static final int EXIT_STARTUP_FAILED = 1;
    static final int EXIT_USAGE = 2;
    static final String UNKNOWN_VERSION = "(version unknown: not run from the packaged jar)";

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);
    private static final String COMMON_POOL_PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

    private final Map<String, String> environment;
    private final PrintStream out;
    private final PrintStream err;

    Main(Map<String, String> environment, PrintStream out, PrintStream err) {
        this.environment = environment;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        // With fewer than three cores, CompletableFuture's default executor starts a new thread for every task,
        // and the JDK HTTP client (the load test's HTTP driver) completes each response through it. Two common
        // pool threads are cheaper; set before anything touches the pool, and only if the user chose nothing.
        if (System.getProperty(COMMON_POOL_PARALLELISM) == null && Runtime.getRuntime().availableProcessors() < 3) {
            System.setProperty(COMMON_POOL_PARALLELISM, "2");
        }
        int exitCode = new Main(System.getenv(), System.out, System.err).run(args);
        if (exitCode != EXIT_OK) {
            System.exit(exitCode);
        }
    }

    /** Runs a command to its end; for {@code serve}, that is after the node has stopped. */
    int run(String... args) {
        Node node;
        try {
            List<JarCommand> commands = ServiceContexts.ALL.stream()
                    .flatMap(context -> context.commands().stream()).toList();
            CommandLine line = CommandLine.parse(commands, args);
            if (line.command().isPresent()) {
                return line.command().get().run(line.arguments(), out);
            }
            if (line.help()) {
                Map<String, String> summaries = new LinkedHashMap<>();
                commands.forEach(command -> summaries.put(command.word(), command.summary()));
                out.print(HelpText.render(summaries));
                return EXIT_OK;
            }
            if (line.version()) {
                out.println("clstr " + version());
                return EXIT_OK;
            }
            ClstrConfig config = new ConfigParser(environment).parse(line.arguments());
            LogSetup.apply(config.logs(), config.nodeId());
            node = start(config);
        } catch (ConfigException e) {
            for (String problem : e.problems()) {
                err.println("clstr: " + problem);
            }
            return EXIT_USAGE;
        } catch (StartupException e) {
            err.println("clstr: could not start: " + e.getMessage());
            LOG.debug("Startup failure", e);
            return EXIT_STARTUP_FAILED;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(node::stop, "clstr-shutdown"));
        try {
            node.awaitStopped();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            node.stop();
        }
        return EXIT_OK;
    }

    /**
     * The version this code was built as: the {@code Implementation-Version} the build writes into the jar's
     * manifest. Classes run from a folder (an IDE, the unit tests) have no manifest to read it from.
     */
    static String version() {
        String version = Main.class.getPackage().getImplementationVersion();
        return version != null ? version : UNKNOWN_VERSION;
    }

    /** Starts the node and prints the one line that says where it answers. */
    Node start(ClstrConfig config) {
        long begin = System.nanoTime();
        Node node = Node.start(config);
        out.println("clstr node " + config.nodeId() + " started in "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin) + " ms: backend="
                + config.backend().settingValue() + ", cluster=" + config.cluster() + ", http=" + node.httpUrl()
                + (config.management().isPresent() ? ", management=" + node.managementUrl() : ""));
        return node;
    }
}
