package io.clstr.adapters.javalin;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Every log event while it is open, the access log's included; closing puts the logging back as it was. */
final class CapturedLogs implements AutoCloseable {

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger root;
    private final Logger accessLog;
    private final Level accessLevel;

    private CapturedLogs() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        accessLog = context.getLogger(AccessLog.LOGGER);
        accessLevel = accessLog.getLevel();
        appender.setContext(context);
        appender.start();
        root.addAppender(appender);
    }

    /** Captures what the test's levels let through (warnings and errors), and the access log if asked. */
    static CapturedLogs start(boolean withAccessLog) {
        CapturedLogs logs = new CapturedLogs();
        logs.accessLog.setLevel(withAccessLog ? Level.INFO : Level.OFF);
        return logs;
    }

    List<ILoggingEvent> events() {
        // The appender adds under its own lock.
        synchronized (appender) {
            return new ArrayList<>(appender.list);
        }
    }

    List<ILoggingEvent> accessLines() {
        return events().stream().filter(event -> event.getLoggerName().equals(AccessLog.LOGGER)).toList();
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
        accessLog.setLevel(accessLevel);
    }
}
