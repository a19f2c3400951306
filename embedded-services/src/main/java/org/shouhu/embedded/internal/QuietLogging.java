package org.shouhu.embedded.internal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.util.List;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Lowers the embedded broker's libraries to warnings, so that a broker inside the application or a test does not
 * fill its log with start-up chatter. Only loggers the application has not configured itself are changed, and only
 * when Logback is the logging back end. Thread-safe.
 */
public final class QuietLogging {

    private static final List<String> BROKER_LOGGERS = List.of(
            "com.hivemq", "jetbrains.exodus", "oshi", "org.rocksdb", "migrations", "io.netty", "org.jboss.logging",
            "com.google.inject", "com.codahale.metrics");

    private QuietLogging() {
    }

    public static void forBroker() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!isLogback(factory)) {
            return;
        }
        LoggerContext context = (LoggerContext) factory;
        for (String name : BROKER_LOGGERS) {
            ch.qos.logback.classic.Logger logger = context.getLogger(name);
            if (logger.getLevel() == null) {
                logger.setLevel(Level.WARN);
            }
        }
    }

    private static boolean isLogback(ILoggerFactory factory) {
        try {
            return factory instanceof LoggerContext;
        } catch (NoClassDefFoundError logbackAbsent) {
            return false;
        }
    }
}
