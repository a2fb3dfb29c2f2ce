package org.mltrules.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.mltrules.MltRules;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code --case-timeout DURATION}: the evaluation deadline of one case. */
final class CaseTimeoutOption {
    @Option(names = "--case-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "The longest one case may take in the rules (default 5s; e.g. 500ms, 2s, 1m). A case "
                    + "past it gets an error record naming the rule that was running, and the batch goes on.")
    Duration caseTimeout;

    /** The engine with the deadline asked for, or as it is. */
    MltRules apply(MltRules engine) {
        return caseTimeout == null ? engine : engine.withCaseTimeout(caseTimeout);
    }

    /** {@code 500ms}, {@code 5s}, {@code 2m}, a number of seconds ({@code 1.5}), or ISO-8601 ({@code PT5S}). */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            Duration d;
            try {
                if (v.startsWith("pt")) {
                    d = Duration.parse(v.toUpperCase(Locale.ROOT));
                } else if (v.endsWith("ms")) {
                    d = Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2).trim()));
                } else if (v.endsWith("s")) {
                    d = seconds(v.substring(0, v.length() - 1));
                } else if (v.endsWith("m")) {
                    d = Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1).trim()));
                } else {
                    d = seconds(v);
                }
            } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
                throw new TypeConversionException("'" + value + "' is not a duration (e.g. 500ms, 5s, 1m)");
            }
            if (d.isNegative() || d.isZero()) {
                throw new TypeConversionException("'" + value + "' is not a positive duration");
            }
            if (d.compareTo(Duration.ofDays(1)) > 0) {
                throw new TypeConversionException("'" + value + "' is longer than a day");
            }
            return d;
        }

        private static Duration seconds(String s) {
            return Duration.ofNanos(new java.math.BigDecimal(s.trim()).movePointRight(9).longValueExact());
        }
    }
}
