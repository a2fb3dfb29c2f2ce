package org.mltrules.rules;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J binding of this module's tests (registered in {@code META-INF/services}): a host configured at INFO.
 * Loggers are enabled from INFO up; while {@link #start()} is in force, every event is kept with its formatted
 * message and the full text of its throwable (messages and stack traces of every cause), so that a test can
 * search all of it. Outside a capture, events are dropped.
 */
public final class CapturingLogProvider implements SLF4JServiceProvider {

    /** One logging event as a host would see it: level, logger, message, throwable with causes. */
    public record Event(Level level, String logger, String message, String throwable) {
        /** Everything a log line could show. */
        public String text() {
            return level + " " + logger + " " + message + (throwable == null ? "" : "\n" + throwable);
        }
    }

    private static final List<Event> EVENTS = new ArrayList<>();
    private static volatile boolean capturing;

    private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();
    private final ILoggerFactory factory = name -> loggers.computeIfAbsent(name, CapturingLogger::new);
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new BasicMDCAdapter();

    /** Starts keeping events (and forgets earlier ones). */
    public static void start() {
        synchronized (EVENTS) {
            EVENTS.clear();
            capturing = true;
        }
    }

    /** Stops keeping events and returns those kept since {@link #start()}. */
    public static List<Event> stop() {
        synchronized (EVENTS) {
            capturing = false;
            return List.copyOf(EVENTS);
        }
    }

    static void record(Event e) {
        synchronized (EVENTS) {
            if (capturing) {
                EVENTS.add(e);
            }
        }
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return factory;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        // Nothing to set up: the loggers write to the shared event list.
    }

    private static final class CapturingLogger extends LegacyAbstractLogger {
        private static final long serialVersionUID = 1L;

        CapturingLogger(String name) {
            this.name = name;
        }

        @Override
        public boolean isTraceEnabled() {
            return false;
        }

        @Override
        public boolean isDebugEnabled() {
            return false;
        }

        @Override
        public boolean isInfoEnabled() {
            return true;
        }

        @Override
        public boolean isWarnEnabled() {
            return true;
        }

        @Override
        public boolean isErrorEnabled() {
            return true;
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                                                   Throwable throwable) {
            if (level.toInt() < Level.INFO.toInt()) {
                return;
            }
            String message = MessageFormatter.basicArrayFormat(pattern, arguments);
            String trace = null;
            if (throwable != null) {
                StringWriter w = new StringWriter();
                throwable.printStackTrace(new PrintWriter(w));
                trace = w.toString();
            }
            record(new Event(level, name, message, trace));
        }
    }
}
