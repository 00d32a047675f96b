package io.clstr.bootstrap.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds a {@link ClstrConfig} from environment variables and command-line flags: a flag overrides its
 * variable, which overrides the default. Everything is checked before anything starts, and every
 * problem is reported at once, naming the variable or flag the bad value came from.
 *
 * <p>Flags are {@code --name=value} or {@code --name value}; a boolean flag alone means {@code true}.
 * An unknown flag, an unknown {@code CLSTR_*} variable or a flag given twice is an error; an empty
 * variable counts as unset (container tools like to define them empty).
 */
public final class ConfigParser {

    /** Node ids and cluster names become parts of NATS subjects and metric labels. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)");
    private static final Set<String> NATS_SCHEMES = Set.of("nats", "tls", "ws", "wss");
    private static final Duration MIN_DURATION = Duration.ofMillis(1);
    private static final Duration MAX_DURATION = Duration.ofHours(24);
    private static final int MAX_BODY_BYTES = 1 << 30;

    private final Map<String, String> environment;
    private final Supplier<String> nodeIds;

    /** @param environment the process environment, or any map standing in for it */
    public ConfigParser(Map<String, String> environment) {
        this(environment, ConfigParser::randomNodeId);
    }

    /** @param nodeIds makes the node id when none is set */
    public ConfigParser(Map<String, String> environment, Supplier<String> nodeIds) {
        this.environment = Map.copyOf(environment);
        this.nodeIds = nodeIds;
    }

    /** {@code node-} and 8 random hex digits: unique enough among the nodes of one cluster. */
    public static String randomNodeId() {
        byte[] random = new byte[4];
        ThreadLocalRandom.current().nextBytes(random);
        return "node-" + HexFormat.of().formatHex(random);
    }

    /**
     * @param flags the command line after the command word
     * @throws ConfigException listing every problem found
     */
    public ClstrConfig parse(List<String> flags) {
        List<String> problems = new ArrayList<>();
        Map<Setting, Given> given = new EnumMap<>(Setting.class);
        readEnvironment(given, problems);
        readFlags(flags, given, problems);
        Values values = new Values(given, problems);
        ClstrConfig config = new ClstrConfig(
                values.get(Setting.BACKEND, BackendKind.MEMORY, ConfigParser::backend),
                nats(values, problems),
                values.optional(Setting.NODE_ID, ConfigParser::token).orElseGet(nodeIds),
                values.get(Setting.CLUSTER, "clstr", ConfigParser::token),
                values.get(Setting.SHARDS, 256, integer(1, 65_536)),
                values.get(Setting.HTTP_PORT, 8080, integer(0, 65_535)),
                values.get(Setting.HTTP_MAX_BODY, 65_536, integer(1, MAX_BODY_BYTES)),
                values.get(Setting.REQUEST_TIMEOUT, Duration.ofSeconds(5), ConfigParser::duration),
                values.get(Setting.IDLE_TIMEOUT, Duration.ofMinutes(2), ConfigParser::duration),
                values.get(Setting.MAX_ACTIVE_ENTITIES, 100_000, integer(1, 100_000_000)),
                values.get(Setting.SNAPSHOT_EVERY, 100, integer(0, 1_000_000)),
                values.get(Setting.SHUTDOWN_TIMEOUT, Duration.ofSeconds(10), ConfigParser::duration),
                values.get(Setting.HEARTBEAT_INTERVAL, Duration.ofSeconds(1), ConfigParser::duration),
                values.get(Setting.MEMBER_TTL, Duration.ofSeconds(5), ConfigParser::duration));
        if (config.memberTtl().compareTo(config.heartbeatInterval().multipliedBy(2)) < 0) {
            problems.add(Setting.MEMBER_TTL.variable() + ": must be at least two heartbeat intervals ("
                    + Setting.HEARTBEAT_INTERVAL.variable() + "), got " + config.memberTtl().toMillis() + " ms for "
                    + config.heartbeatInterval().toMillis() + " ms heartbeats");
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return config;
    }

    private void readEnvironment(Map<Setting, Given> given, List<String> problems) {
        // Sorted, so problems come out in the same order every time.
        for (Map.Entry<String, String> variable : new TreeMap<>(environment).entrySet()) {
            String name = variable.getKey();
            if (!name.startsWith(Setting.ENV_PREFIX) || name.equals(Setting.TEST_SUITE_VARIABLE)) {
                continue;
            }
            Optional<Setting> setting = Setting.byVariable(name);
            if (setting.isEmpty()) {
                problems.add(name + ": unknown setting (--help lists them all)");
            } else if (!variable.getValue().isBlank()) {
                given.put(setting.get(), new Given(name, variable.getValue().trim(), setting.get().secret()));
            }
        }
    }

    private static void readFlags(List<String> flags, Map<Setting, Given> given, List<String> problems) {
        Set<Setting> seen = EnumSet.noneOf(Setting.class);
        for (int i = 0; i < flags.size(); i++) {
            String argument = flags.get(i);
            if (!argument.startsWith("--")) {
                problems.add("unexpected argument '" + argument + "' (settings are flags such as --http-port 8080)");
                continue;
            }
            int equals = argument.indexOf('=');
            String flag = equals < 0 ? argument : argument.substring(0, equals);
            Optional<Setting> found = Setting.byFlag(flag);
            if (found.isEmpty()) {
                problems.add(flag + ": unknown flag (--help lists them all)");
                continue;
            }
            Setting setting = found.get();
            String value;
            if (equals >= 0) {
                value = argument.substring(equals + 1);
            } else if (setting.bool()) {
                value = "true";
            } else if (i + 1 < flags.size() && !flags.get(i + 1).startsWith("--")) {
                value = flags.get(++i);
            } else {
                problems.add(flag + ": needs a value");
                continue;
            }
            if (!seen.add(setting)) {
                problems.add(flag + ": given more than once");
                continue;
            }
            given.put(setting, new Given(flag, value.trim(), setting.secret()));
        }
    }

    private static NatsConfig nats(Values values, List<String> problems) {
        List<String> servers = values.get(Setting.NATS_URL, List.of("nats://127.0.0.1:4222"), ConfigParser::natsUrls);
        Optional<String> user = values.optional(Setting.NATS_USER, ConfigParser::text);
        Optional<String> password = values.optional(Setting.NATS_PASSWORD, ConfigParser::text);
        Optional<String> token = values.optional(Setting.NATS_TOKEN, ConfigParser::text);
        Optional<Path> credentials = values.optional(Setting.NATS_CREDS, ConfigParser::readableFile);
        Optional<Path> nkey = values.optional(Setting.NATS_NKEY, ConfigParser::readableFile);
        boolean tls = values.get(Setting.NATS_TLS, false, ConfigParser::bool);
        int replicas = values.get(Setting.NATS_REPLICAS, 1, integer(1, 5));

        if (values.isGiven(Setting.NATS_USER) != values.isGiven(Setting.NATS_PASSWORD)) {
            problems.add(values.nameOf(Setting.NATS_USER) + " and " + values.nameOf(Setting.NATS_PASSWORD)
                    + ": set both or neither");
        }
        List<String> methods = new ArrayList<>();
        for (Setting method : List.of(Setting.NATS_USER, Setting.NATS_TOKEN, Setting.NATS_CREDS, Setting.NATS_NKEY)) {
            if (values.isGiven(method)) {
                methods.add(values.nameOf(method));
            }
        }
        if (methods.size() > 1) {
            problems.add(String.join(", ", methods) + ": choose one way to authenticate to NATS"
                    + " (a user and password, a token, a credentials file or an NKey seed file)");
        }
        return new NatsConfig(servers, user, password, token, credentials, nkey, tls, replicas);
    }

    // ------------------------------------------------------------------ conversions

    private static BackendKind backend(String value) {
        for (BackendKind kind : BackendKind.values()) {
            if (kind.settingValue().equals(value.toLowerCase(Locale.ROOT))) {
                return kind;
            }
        }
        throw new Invalid("must be memory or nats");
    }

    private static String token(String value) {
        if (!TOKEN.matcher(value).matches()) {
            throw new Invalid("must be 1 to 64 characters of A-Z a-z 0-9 _ -");
        }
        return value;
    }

    private static String text(String value) {
        if (value.isEmpty()) {
            throw new Invalid("must not be empty");
        }
        return value;
    }

    private static boolean bool(String value) {
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw new Invalid("must be true or false");
    }

    private static Function<String, Integer> integer(int min, int max) {
        return value -> {
            String problem = "must be an integer between " + min + " and " + max;
            try {
                int parsed = Integer.parseInt(value);
                if (parsed < min || parsed > max) {
                    throw new Invalid(problem);
                }
                return parsed;
            } catch (NumberFormatException e) {
                throw new Invalid(problem);
            }
        };
    }

    /** {@code 500ms}, {@code 5s}, {@code 2m} or {@code 1h}. */
    static Duration duration(String value) {
        Matcher matcher = DURATION.matcher(value);
        String problem = "must be a duration such as 500ms, 5s or 2m, between 1ms and 24h";
        if (!matcher.matches()) {
            throw new Invalid(problem);
        }
        long amount = Long.parseLong(matcher.group(1));
        Duration duration;
        switch (matcher.group(2)) {
            case "ms":
                duration = Duration.ofMillis(amount);
                break;
            case "s":
                duration = Duration.ofSeconds(amount);
                break;
            case "m":
                duration = Duration.ofMinutes(amount);
                break;
            default:
                duration = Duration.ofHours(amount);
                break;
        }
        if (duration.compareTo(MIN_DURATION) < 0 || duration.compareTo(MAX_DURATION) > 0) {
            throw new Invalid(problem);
        }
        return duration;
    }

    private static List<String> natsUrls(String value) {
        List<String> urls = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            String url = part.trim();
            URI uri;
            try {
                uri = new URI(url);
            } catch (URISyntaxException e) {
                throw new Invalid("must be NATS URLs such as nats://host:4222, comma-separated");
            }
            if (uri.getRawUserInfo() != null) {
                // Never echo it: the user info may hold a password.
                throw new Invalid("must not contain credentials; use CLSTR_NATS_USER and CLSTR_NATS_PASSWORD", true);
            }
            boolean valid = uri.getScheme() != null && NATS_SCHEMES.contains(uri.getScheme().toLowerCase(Locale.ROOT))
                    && uri.getHost() != null && (uri.getPort() == -1 || uri.getPort() <= 65_535)
                    && (uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))
                    && uri.getRawQuery() == null && uri.getRawFragment() == null;
            if (!valid) {
                throw new Invalid("must be NATS URLs such as nats://host:4222, comma-separated"
                        + " (schemes nats, tls, ws, wss)");
            }
            urls.add(url);
        }
        return urls;
    }

    private static Path readableFile(String value) {
        try {
            Path path = Path.of(value);
            if (Files.isRegularFile(path) && Files.isReadable(path)) {
                return path;
            }
        } catch (InvalidPathException e) {
            // Reported below like any other unusable path.
        }
        throw new Invalid("must be a readable file");
    }

    // ------------------------------------------------------------------ plumbing

    /** A raw value and where it came from: a variable or a flag. */
    private record Given(String source, String value, boolean secret) {
    }

    /** A value that does not fit its setting; the message says what would. */
    private static final class Invalid extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final boolean hideValue;

        Invalid(String problem) {
            this(problem, false);
        }

        Invalid(String problem, boolean hideValue) {
            super(problem, null, false, false);
            this.hideValue = hideValue;
        }
    }

    /** The given values, converted; a value that does not convert is recorded as a problem. */
    private static final class Values {
        private final Map<Setting, Given> given;
        private final List<String> problems;

        Values(Map<Setting, Given> given, List<String> problems) {
            this.given = given;
            this.problems = problems;
        }

        <T> T get(Setting setting, T defaultValue, Function<String, T> conversion) {
            return optional(setting, conversion).orElse(defaultValue);
        }

        <T> Optional<T> optional(Setting setting, Function<String, T> conversion) {
            Given raw = given.get(setting);
            if (raw == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(conversion.apply(raw.value()));
            } catch (Invalid invalid) {
                problems.add(raw.secret() || invalid.hideValue
                        ? raw.source() + ": " + invalid.getMessage()
                        : raw.source() + ": " + invalid.getMessage() + ", got '" + raw.value() + "'");
                return Optional.empty();
            }
        }

        boolean isGiven(Setting setting) {
            return given.containsKey(setting);
        }

        /** The variable or flag the value came from; the variable when it was not given. */
        String nameOf(Setting setting) {
            Given raw = given.get(setting);
            return raw == null ? setting.variable() : raw.source();
        }
    }
}
