package io.clstr.bootstrap.loadtest;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The options of the {@code loadtest} command.
 *
 * @param natsUrl the NATS server; empty: {@code CLSTR_NATS_URL} or the node's default
 * @param targets already-running nodes to drive over HTTP instead of starting a cluster in this process
 * @param killNodeAt stop one node abruptly this long after the warm-up starts (in-process clusters only)
 * @param rate open loop: this many increments start each second, on schedule, whatever the replies do;
 *     empty: closed loop ({@code concurrency} users, each sending when its last increment is acknowledged)
 * @param baseline first measure the bare floor under the same load, then clstr
 * @param output where to write the latencies as an HdrHistogram interval log
 */
public record LoadTestOptions(
        int nodes,
        int concurrency,
        int keys,
        Duration duration,
        Duration warmup,
        String backend,
        Optional<String> natsUrl,
        int shards,
        Via via,
        Optional<Duration> killNodeAt,
        List<URI> targets,
        Duration requestTimeout,
        Optional<Integer> rate,
        boolean baseline,
        Optional<Path> output) {

    /** Options that take no value. */
    private static final Set<String> SWITCHES = Set.of("baseline");

    /** How requests reach the cluster. */
    public enum Via {
        /** Straight through the routing client. */
        DIRECT,
        /** Through the HTTP API. */
        HTTP
    }

    public LoadTestOptions {
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(warmup, "warmup");
        Objects.requireNonNull(killNodeAt, "killNodeAt");
        Objects.requireNonNull(natsUrl, "natsUrl");
        Objects.requireNonNull(rate, "rate");
        Objects.requireNonNull(output, "output");
        targets = List.copyOf(targets);
        if (nodes < 1 || concurrency < 1 || keys < 1 || shards < 1) {
            throw new IllegalArgumentException("--nodes, --concurrency, --keys and --shards must be positive");
        }
        if (!backend.equals("memory") && !backend.equals("nats")) {
            throw new IllegalArgumentException("--backend must be memory or nats, got '" + backend + "'");
        }
        if (killNodeAt.isPresent() && (nodes < 2 || !targets.isEmpty())) {
            throw new IllegalArgumentException("--kill-node-at needs an in-process cluster of at least 2 nodes");
        }
        if (rate.isPresent() && rate.get() < 1) {
            throw new IllegalArgumentException("--rate must be positive");
        }
        if (!targets.isEmpty() && via != Via.HTTP) {
            throw new IllegalArgumentException("--target drives running nodes over HTTP: use --via http");
        }
    }

    public static final String USAGE = """
            Usage: java -jar clstr.jar loadtest [options]

            Keeps --concurrency increments in flight on --keys counters of a cluster, then checks that the sum of
            the counters equals the acknowledged increments and that no stream has a gap or a repeated command.
            Exits 0 when verified, 1 when not, 2 on bad options. The last output line is one JSON object, with
            the per-second series. On NATS a run keeps its data under a prefix of its own and deletes it
            afterwards, unless the verification fails. NATS connections take the node's CLSTR_NATS_* settings
            (URL, credentials, TLS, replicas) from the environment, and started nodes CLSTR_SNAPSHOT_EVERY,
            CLSTR_IDLE_TIMEOUT and CLSTR_MAX_ACTIVE_ENTITIES.

              --nodes N            nodes started in this process (default 3)
              --concurrency C      increments in flight (default 256)
              --keys K             counters (default 1000; 1 is the hot-key case)
              --duration D         measured time, e.g. 30s (default 30s)
              --warmup D           time before measuring (default 5s)
              --backend B          memory or nats (default memory)
              --nats-url URL       NATS server for --backend nats (default CLSTR_NATS_URL, else a node's default)
              --shards S           shards of the cluster (default 256)
              --via V              direct (routing client) or http (the HTTP API) (default direct)
              --kill-node-at T     stop one node abruptly T after the start (e.g. 10s)
              --target URL[,URL]   drive already-running nodes over HTTP instead (implies --via http)
              --request-timeout D  one request's deadline, retries included (default 10s)
              --rate N             open loop: start N increments a second on schedule (at most --concurrency in
                                   flight; later ones wait) and measure latency from when each was due
              --baseline           first run the bare floor under the same load, then clstr, and print the ratio:
                                   on NATS a jnats request/reply plus a publish checked against the key's last
                                   sequence; in memory the in-memory transport plus a checked append; via http
                                   a bare Javalin route answering a constant JSON
              --output FILE        write the latencies (microseconds) as an HdrHistogram interval log, one
                                   interval a second of the measured window; the floor's are tagged baseline
            """;

    /** Parses {@code --name value} or {@code --name=value} arguments. */
    public static LoadTestOptions parse(List<String> args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
            String name;
            String value;
            int equals = arg.indexOf('=');
            if (equals > 0) {
                name = arg.substring(2, equals);
                value = arg.substring(equals + 1);
            } else if (SWITCHES.contains(arg.substring(2))) {
                name = arg.substring(2);
                value = "true";
            } else {
                name = arg.substring(2);
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException("--" + name + " needs a value");
                }
                value = args.get(++i);
            }
            if (values.put(name, value) != null) {
                throw new IllegalArgumentException("--" + name + " given twice");
            }
        }
        List<URI> targets = new ArrayList<>();
        String target = values.remove("target");
        if (target != null) {
            for (String url : target.split(",")) {
                targets.add(URI.create(url.trim().replaceAll("/+$", "")));
            }
        }
        String via = values.remove("via");
        String backend = values.remove("backend");
        if (target != null && backend != null) {
            throw new IllegalArgumentException("--target drives running nodes whose backend is theirs: drop --backend");
        }
        String baseline = values.remove("baseline");
        if (baseline != null && !baseline.equals("true") && !baseline.equals("false")) {
            throw new IllegalArgumentException("--baseline takes no value, got '" + baseline + "'");
        }
        LoadTestOptions options = new LoadTestOptions(
                integer(values, "nodes", 3),
                integer(values, "concurrency", 256),
                integer(values, "keys", 1000),
                duration(values, "duration", Duration.ofSeconds(30)),
                duration(values, "warmup", Duration.ofSeconds(5)),
                Optional.ofNullable(backend).orElse("memory"),
                Optional.ofNullable(values.remove("nats-url")),
                integer(values, "shards", 256),
                via != null ? Via.valueOf(via.toUpperCase(Locale.ROOT)) : targets.isEmpty() ? Via.DIRECT : Via.HTTP,
                Optional.ofNullable(values.containsKey("kill-node-at") ? duration(values, "kill-node-at", null) : null),
                targets,
                duration(values, "request-timeout", Duration.ofSeconds(10)),
                values.containsKey("rate") ? Optional.of(integer(values, "rate", 0)) : Optional.empty(),
                Boolean.parseBoolean(baseline),
                Optional.ofNullable(values.remove("output")).map(Path::of));
        if (!values.isEmpty()) {
            throw new IllegalArgumentException("unknown option --" + values.keySet().iterator().next());
        }
        return options;
    }

    private static int integer(Map<String, String> values, String name, int fallback) {
        String value = values.remove(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be an integer, got '" + value + "'");
        }
    }

    /** {@code 500ms}, {@code 30s}, {@code 2m}. */
    static Duration duration(Map<String, String> values, String name, Duration fallback) {
        String value = values.remove(name);
        if (value == null) {
            return fallback;
        }
        String problem = "--" + name + " must be a duration such as 500ms, 30s or 2m, got '" + value + "'";
        try {
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
            }
            if (value.endsWith("s")) {
                return Duration.ofMillis((long) (Double.parseDouble(value.substring(0, value.length() - 1)) * 1000));
            }
            if (value.endsWith("m")) {
                return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)) * 60);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(problem, e);
        }
        throw new IllegalArgumentException(problem);
    }
}
