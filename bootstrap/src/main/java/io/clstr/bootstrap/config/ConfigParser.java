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
    /** Host names, IPv4 and IPv6 literals (with a zone): the characters they are written with. */
    private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9._:%-]{1,253}");
    private static final Duration MIN_DURATION = Duration.ofMillis(1);
    private static final Duration MAX_DURATION = Duration.ofHours(24);
    private static final int MAX_BODY_BYTES = 1 << 30;
    private static final Duration MAX_DELAY = Duration.ofMinutes(5);
    /** Dotted Java names: packages and classes, which is what loggers are named after. */
    private static final Pattern LOGGER_NAME =
            Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*");

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
        Optional<String> httpAddress = values.optional(Setting.HTTP_ADDRESS, ConfigParser::address);
        int httpPort = values.get(Setting.HTTP_PORT, 8080, integer(0, 65_535));
        ClstrConfig config = new ClstrConfig(
                values.get(Setting.BACKEND, BackendKind.MEMORY, ConfigParser::backend),
                nats(values, problems),
                values.optional(Setting.NODE_ID, ConfigParser::token).orElseGet(nodeIds),
                values.get(Setting.CLUSTER, "clstr", ConfigParser::token),
                values.get(Setting.SHARDS, 256, integer(1, 65_536)),
                httpAddress,
                httpPort,
                values.get(Setting.HTTP_MAX_BODY, 65_536, integer(1, MAX_BODY_BYTES)),
                values.get(Setting.REQUEST_TIMEOUT, Duration.ofSeconds(15), ConfigParser::duration),
                management(values, httpAddress, httpPort, problems),
                values.get(Setting.PROBLEM_TYPE_BASE, "/problems/", ConfigParser::problemTypeBase),
                values.get(Setting.IDLE_TIMEOUT, Duration.ofMinutes(2), ConfigParser::duration),
                values.get(Setting.MAX_ACTIVE_ENTITIES, 100_000, integer(1, 100_000_000)),
                values.get(Setting.SNAPSHOT_EVERY, 100, integer(0, 1_000_000)),
                values.get(Setting.SHUTDOWN_TIMEOUT, Duration.ofSeconds(10), ConfigParser::duration),
                values.get(Setting.HEARTBEAT_INTERVAL, Duration.ofSeconds(1), ConfigParser::duration),
                values.get(Setting.MEMBER_TTL, Duration.ofSeconds(5), ConfigParser::duration),
                // Operations.
                values.get(Setting.SHUTDOWN_DELAY, Duration.ZERO, ConfigParser::delay),
                logs(values));
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

    /** The management listener, which listens on the HTTP address unless it has its own. */
    private static Optional<ClstrConfig.Management> management(Values values, Optional<String> httpAddress,
            int httpPort, List<String> problems) {
        Optional<Integer> port = values.optional(Setting.MANAGEMENT_PORT, integer(0, 65_535));
        Optional<String> address = values.optional(Setting.MANAGEMENT_ADDRESS, ConfigParser::address);
        if (address.isPresent() && !values.isGiven(Setting.MANAGEMENT_PORT)) {
            problems.add(values.nameOf(Setting.MANAGEMENT_ADDRESS) + ": needs " + values.nameOf(Setting.MANAGEMENT_PORT));
        }
        if (port.isPresent() && port.get() != 0 && port.get() == httpPort) {
            problems.add(values.nameOf(Setting.MANAGEMENT_PORT) + ": must differ from " + values.nameOf(Setting.HTTP_PORT)
                    + ", got " + httpPort + " for both");
        }
        return port.map(chosen -> new ClstrConfig.Management(address.isPresent() ? address : httpAddress, chosen));
    }

    private static NatsConfig nats(Values values, List<String> problems) {
        List<String> servers = values.get(Setting.NATS_URL, List.of("nats://127.0.0.1:4222"), ConfigParser::natsUrls);
        Optional<String> user = values.optional(Setting.NATS_USER, ConfigParser::text);
        Optional<String> password = values.optional(Setting.NATS_PASSWORD, ConfigParser::text);
        Optional<String> token = values.optional(Setting.NATS_TOKEN, ConfigParser::text);
        Optional<Path> credentials = values.optional(Setting.NATS_CREDS, ConfigParser::readableFile);
        Optional<Path> nkey = values.optional(Setting.NATS_NKEY, ConfigParser::readableFile);
        boolean tlsAskedFor = values.get(Setting.NATS_TLS, false, ConfigParser::bool);
        Optional<Path> tlsCa = values.optional(Setting.NATS_TLS_CA, ConfigParser::readableFile);
        Optional<Path> tlsCert = values.optional(Setting.NATS_TLS_CERT, ConfigParser::readableFile);
        Optional<Path> tlsKey = values.optional(Setting.NATS_TLS_KEY, ConfigParser::readableFile);
        int replicas = values.get(Setting.NATS_REPLICAS, 1, integer(1, 5));
        Duration startupTimeout = values.get(Setting.NATS_STARTUP_TIMEOUT, Duration.ofSeconds(60),
                ConfigParser::duration);

        if (values.isGiven(Setting.NATS_TLS_CERT) != values.isGiven(Setting.NATS_TLS_KEY)) {
            problems.add(values.nameOf(Setting.NATS_TLS_CERT) + " and " + values.nameOf(Setting.NATS_TLS_KEY)
                    + ": set both or neither");
        }
        List<String> tlsImpliedBy = new ArrayList<>();
        for (Setting file : List.of(Setting.NATS_TLS_CA, Setting.NATS_TLS_CERT, Setting.NATS_TLS_KEY)) {
            if (values.isGiven(file)) {
                tlsImpliedBy.add(values.nameOf(file));
            }
        }
        if (servers.stream().anyMatch(ConfigParser::isSecure)) {
            tlsImpliedBy.add(values.nameOf(Setting.NATS_URL) + " (tls:// or wss://)");
        }
        if (values.isGiven(Setting.NATS_TLS) && !tlsAskedFor && !tlsImpliedBy.isEmpty()) {
            problems.add(values.nameOf(Setting.NATS_TLS) + ": is false, but " + String.join(", ", tlsImpliedBy)
                    + " ask for TLS");
        }
        boolean tls = tlsAskedFor || !tlsImpliedBy.isEmpty();

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
        boolean keyPair = tlsCert.isPresent() && tlsKey.isPresent();
        return new NatsConfig(servers, user, password, token, credentials, nkey, tls, tlsCa,
                keyPair ? tlsCert : Optional.empty(), keyPair ? tlsKey : Optional.empty(), replicas,
                startupTimeout);
    }

    private static LogConfig logs(Values values) {
        LogFormat format = values.get(Setting.LOG_FORMAT, LogFormat.TEXT, ConfigParser::logFormat);
        LogLevels levels = values.get(Setting.LOG_LEVEL, new LogLevels(LogConfig.defaults().level(), Map.of()),
                ConfigParser::logLevels);
        boolean accessLog = values.get(Setting.ACCESS_LOG, false, ConfigParser::bool);
        return new LogConfig(format, levels.level(), levels.loggers(), accessLog);
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

    /** An IP address or a host name; whether it can be bound is found out at start. */
    private static String address(String value) {
        if (!ADDRESS.matcher(value).matches()) {
            throw new Invalid("must be an IP address or a host name, such as 127.0.0.1, ::1 or localhost");
        }
        return value;
    }

    /** A base a client can resolve and a code can follow: as the HTTP adapter's settings require it. */
    private static String problemTypeBase(String value) {
        Invalid invalid = new Invalid("must be a path (/problems/) or an absolute URI (https://example.com/problems/)"
                + " that ends with /, without query or fragment");
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw invalid;
        }
        boolean absolute = uri.isAbsolute() && uri.getRawAuthority() != null;
        if (!(absolute || value.startsWith("/")) || !value.endsWith("/") || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw invalid;
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

    /** A {@link #duration(String)} or zero ({@code 0s}), at most {@link #MAX_DELAY}. */
    static Duration delay(String value) {
        String problem = "must be a duration such as 0s, 500ms or 5s, at most " + MAX_DELAY.toMinutes() + "m";
        Matcher matcher = DURATION.matcher(value);
        if (matcher.matches() && Long.parseLong(matcher.group(1)) == 0) {
            return Duration.ZERO;
        }
        try {
            Duration delay = duration(value);
            if (delay.compareTo(MAX_DELAY) <= 0) {
                return delay;
            }
        } catch (Invalid e) {
            // Reported below with the range of a delay.
        }
        throw new Invalid(problem);
    }

    private static LogFormat logFormat(String value) {
        for (LogFormat format : LogFormat.values()) {
            if (format.settingValue().equals(value.toLowerCase(Locale.ROOT))) {
                return format;
            }
        }
        throw new Invalid("must be text or json");
    }

    /**
     * {@code info} or {@code info,io.clstr.application.cluster=debug,org.eclipse.jetty=info}: comma-separated, at
     * most one bare level (the default for every logger), and {@code logger=level} for a logger and its children.
     */
    private static LogLevels logLevels(String value) {
        String level = null;
        Map<String, String> loggers = new TreeMap<>();
        String expected = " (levels: " + String.join(", ", LogConfig.LEVELS) + ")";
        for (String part : value.split(",", -1)) {
            String entry = part.trim();
            int equals = entry.indexOf('=');
            String name = equals < 0 ? null : entry.substring(0, equals).trim();
            String given = (equals < 0 ? entry : entry.substring(equals + 1)).trim().toLowerCase(Locale.ROOT);
            if (!LogConfig.LEVELS.contains(given)) {
                throw new Invalid("'" + entry + "' has no valid level" + expected);
            }
            if (name == null) {
                if (level != null) {
                    throw new Invalid("gives the default level twice; name a logger as logger=level");
                }
                level = given;
            } else if (!LOGGER_NAME.matcher(name).matches()) {
                throw new Invalid("'" + name + "' is not a logger name such as io.clstr.application.cluster");
            } else if (loggers.put(name, given) != null) {
                throw new Invalid("gives logger " + name + " twice");
            }
        }
        return new LogLevels(level != null ? level : LogConfig.defaults().level(), loggers);
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

    private static boolean isSecure(String url) {
        String scheme = URI.create(url).getScheme().toLowerCase(Locale.ROOT);
        return scheme.equals("tls") || scheme.equals("wss");
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

    /** What {@link Setting#LOG_LEVEL} says: the default level and those of single loggers. */
    private record LogLevels(String level, Map<String, String> loggers) {
    }

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
