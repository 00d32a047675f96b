package io.clstr.bootstrap.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a node logs.
 *
 * @param format text for people, JSON lines for collectors
 * @param level the level of every logger not named in {@code loggerLevels}: one of {@link #LEVELS}
 * @param loggerLevels levels of single loggers and their children, by logger name (a package or class name)
 * @param accessLog one line per HTTP request, at info
 */
public record LogConfig(LogFormat format, String level, Map<String, String> loggerLevels, boolean accessLog) {

    /** The levels, from the most to the least verbose; {@code off} silences a logger. */
    public static final List<String> LEVELS = List.of("trace", "debug", "info", "warn", "error", "off");

    public LogConfig {
        Objects.requireNonNull(format, "format");
        loggerLevels = Map.copyOf(loggerLevels);
        if (!LEVELS.contains(level) || !LEVELS.containsAll(loggerLevels.values())) {
            throw new IllegalArgumentException("levels must be among " + LEVELS + ": " + level + ", " + loggerLevels);
        }
    }

    /** Text at info, no access log: what a node logs before it has read its settings. */
    public static LogConfig defaults() {
        return new LogConfig(LogFormat.TEXT, "info", Map.of(), false);
    }
}
