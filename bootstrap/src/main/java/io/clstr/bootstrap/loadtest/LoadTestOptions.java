package io.clstr.bootstrap.loadtest;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The options of the {@code loadtest} command.
 *
 * @param targets already-running nodes to drive over HTTP instead of starting a cluster in this process
 * @param killNodeAt stop one node abruptly this long after the warm-up starts (in-process clusters only)
 */
public record LoadTestOptions(
        int nodes,
        int concurrency,
        int keys,
        Duration duration,
        Duration warmup,
        String backend,
        String natsUrl,
        int shards,
        Via via,
        Optional<Duration> killNodeAt,
        List<URI> targets,
        Duration requestTimeout) {

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
        if (!targets.isEmpty() && via != Via.HTTP) {
            throw new IllegalArgumentException("--target drives running nodes over HTTP: use --via http");
        }
    }

    public static final String USAGE = """
            Usage: java -jar clstr.jar loadtest [options]

            Keeps --concurrency increments in flight on --keys counters of a cluster, then checks that the sum of
            the counters equals the acknowledged increments and that no stream has a gap or a repeated command.
            Exits 0 when verified, 1 when not, 2 on bad options. The last output line is one JSON object.
            On NATS a run keeps its data under a prefix of its own and deletes it afterwards, unless the
            verification fails.

              --nodes N            nodes started in this process (default 3)
              --concurrency C      increments in flight (default 256)
              --keys K             counters (default 1000; 1 is the hot-key case)
              --duration D         measured time, e.g. 30s (default 30s)
              --warmup D           time before measuring (default 5s)
              --backend B          memory or nats (default memory)
              --nats-url URL       NATS server for --backend nats (default nats://127.0.0.1:4222)
              --shards S           shards of the cluster (default 256)
              --via V              direct (routing client) or http (the HTTP API) (default direct)
              --kill-node-at T     stop one node abruptly T after the start (e.g. 10s)
              --target URL[,URL]   drive already-running nodes over HTTP instead (implies --via http)
              --request-timeout D  one request's deadline, retries included (default 10s)
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
        LoadTestOptions options = new LoadTestOptions(
                integer(values, "nodes", 3),
                integer(values, "concurrency", 256),
                integer(values, "keys", 1000),
                duration(values, "duration", Duration.ofSeconds(30)),
                duration(values, "warmup", Duration.ofSeconds(5)),
                Optional.ofNullable(values.remove("backend")).orElse("memory"),
                Optional.ofNullable(values.remove("nats-url")).orElse("nats://127.0.0.1:4222"),
                integer(values, "shards", 256),
                via != null ? Via.valueOf(via.toUpperCase(Locale.ROOT)) : targets.isEmpty() ? Via.DIRECT : Via.HTTP,
                Optional.ofNullable(values.containsKey("kill-node-at") ? duration(values, "kill-node-at", null) : null),
                targets,
                duration(values, "request-timeout", Duration.ofSeconds(10)));
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
