package org.mltrules;

import java.util.Objects;

/**
 * A rule failed while assessing one case: its action or one of its conditions ({@code eval}, {@code from},
 * {@code accumulate} included) threw an exception or an error such as a stack overflow, the rules kept firing without
 * end, inserted too many facts, or the case ran past its evaluation deadline. Names the rule, so that an analyst can
 * find it; the engine is unharmed (the rule session is discarded, never reused) and other cases are unaffected.
 *
 * <p>The message names only the rule and what went wrong ({@code rule "F9 ..." failed: java.lang.ArithmeticException},
 * {@code rule "Z4 ..." failed: more than 500000 rule firings for one case ...}), never the cause's own message: rule
 * code may put case content there, and hosts log exception messages. The cause stays attached for debugging; log it
 * (or the stack trace) at DEBUG only.
 */
public final class RuleFailureException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The rule name given when Drools does not say which rule failed. */
    public static final String UNKNOWN_RULE = "(unknown rule)";

    /** What went wrong. */
    public enum Kind {
        /** The rule's action or one of its conditions threw (an exception, or an error such as a stack overflow). */
        THREW,
        /** The rules kept firing: more firings than the limit for one case; names the rule that fired most. */
        LOOPED,
        /** The rules inserted more facts than the limit for one case; names the rule that inserted the last one. */
        TOO_MANY_FACTS,
        /** The case ran past its evaluation deadline; names the rule running at the deadline. */
        TIMED_OUT,
        /** The rules fired without error but decided no category: the rule set's classification is incomplete. */
        NO_CATEGORY
    }

    private final String rule;
    private final Kind kind;

    /**
     * A rule that threw ({@link Kind#THREW}): the message names the class of what it threw.
     *
     * @param rule  the name of the failing rule ({@link #UNKNOWN_RULE} when not known)
     * @param cause what the rule threw
     */
    public RuleFailureException(String rule, Throwable cause) {
        this(rule, Kind.THREW, cause.getClass().getName(), cause);
    }

    /**
     * A rule failure of any kind.
     *
     * @param rule   the name of the failing rule ({@link #UNKNOWN_RULE} when not known)
     * @param kind   what went wrong
     * @param reason what went wrong, for the message, without case content
     * @param cause  what the rule threw, or {@code null}
     */
    public RuleFailureException(String rule, Kind kind, String reason, Throwable cause) {
        super("rule \"" + rule + "\" failed: " + reason, cause);
        this.rule = Objects.requireNonNull(rule, "rule");
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /** The name of the failing rule ({@link #UNKNOWN_RULE} when Drools did not say). */
    public String rule() {
        return rule;
    }

    /** What went wrong. */
    public Kind kind() {
        return kind;
    }
}
