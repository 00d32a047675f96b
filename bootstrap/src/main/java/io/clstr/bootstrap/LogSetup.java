package io.clstr.bootstrap;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import io.clstr.adapters.javalin.AccessLog;
import io.clstr.bootstrap.config.LogConfig;
import io.clstr.bootstrap.config.LogFormat;
import java.util.Map;
import net.logstash.logback.encoder.LogstashEncoder;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Sets up the node's one logging backend, Logback, in code: everything logs to standard error, as text or as
 * JSON lines, at the levels {@link LogConfig} names. SLF4J calls (adapters, Jetty, Javalin) and the core's
 * {@code System.Logger} calls (through slf4j-jdk-platform-logging) all end here.
 *
 * <p>Logback finds this class as its {@link Configurator} (META-INF/services), so lines logged before the
 * settings are read come out as text at info; {@link #apply} then sets up what the settings ask for.
 */
public final class LogSetup extends ContextAwareBase implements Configurator {

    /** The JSON field (a Logback context property) that names the node on every line. */
    static final String NODE = "node";

    /**
     * Loggers that narrate their start and stop at info; clstr says what matters itself. Jetty 12 also warns, from
     * {@code ServletChannelState}, of each keep-alive connection it closes when it drains at shutdown ("Idle timeout
     * expired"), which is what the drain is for. A setting may override.
     */
    private static final Map<String, Level> QUIET = Map.of("org.eclipse.jetty", Level.WARN, "io.javalin", Level.WARN,
            "org.eclipse.jetty.ee10.servlet.ServletChannelState", Level.ERROR);

    /** Time, level, thread, logger, then the request's fields (request_id=..., if any), then the message. */
    private static final String TEXT = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{36}<node>"
            + "%replace(%replace( %X){'^ $', ''}){', ', ' '} - %msg%n";

    /** For Logback's service loader. */
    public LogSetup() {
        // Logback calls configure(LoggerContext) next.
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        configure(context, LogConfig.defaults(), null);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Sets up the logs as {@code logs} says, every line naming this node. */
    static void apply(LogConfig logs, String nodeId) {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (factory instanceof LoggerContext context) {
            configure(context, logs, nodeId);
        } else {
            LoggerFactory.getLogger(LogSetup.class)
                    .warn("Logging is not Logback but {}; the CLSTR_LOG_* settings have no effect", factory.getClass());
        }
    }

    private static void configure(LoggerContext context, LogConfig logs, String nodeId) {
        context.reset();
        if (nodeId != null) {
            context.putProperty(NODE, nodeId);
        }
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("stderr");
        console.setTarget("System.err");
        console.setEncoder(logs.format() == LogFormat.JSON ? json(context) : text(context, nodeId));
        console.start();

        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(console);
        root.setLevel(Level.toLevel(logs.level()));
        QUIET.forEach((name, level) -> context.getLogger(name).setLevel(level));
        logs.loggerLevels().forEach((name, level) -> context.getLogger(name).setLevel(Level.toLevel(level)));
        // The access log follows its own setting, whatever the levels say.
        context.getLogger(AccessLog.LOGGER).setLevel(logs.accessLog() ? Level.INFO : Level.OFF);
    }

    private static Encoder<ILoggingEvent> text(LoggerContext context, String nodeId) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        // Node ids are letters, digits, _ and -: nothing a pattern would read as a conversion.
        encoder.setPattern(TEXT.replace("<node>", nodeId == null ? "" : " node=" + nodeId));
        encoder.start();
        return encoder;
    }

    /** One JSON object per line: timestamp, level, logger, thread, message, node, the MDC fields, stack trace. */
    private static Encoder<ILoggingEvent> json(LoggerContext context) {
        LogstashEncoder encoder = new LogstashEncoder();
        encoder.setContext(context);
        encoder.start();
        return encoder;
    }
}
