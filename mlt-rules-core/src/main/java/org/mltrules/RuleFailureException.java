package org.mltrules;

/**
 * A rule failed while assessing one case: its action or one of its conditions threw, or the rules kept firing
 * without end (500,000 firings for one case). Names the rule, so that an analyst can find it; the engine is
 * unharmed and other cases are unaffected.
 *
 * <p>The message names only the rule and the class of the exception it threw ({@code rule "F9 ..." failed:
 * java.lang.ArithmeticException}), never the cause's own message: rule code may put case content there, and hosts
 * log exception messages. The cause stays attached for debugging; log it (or the stack trace) at DEBUG only.
 */
public final class RuleFailureException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String rule;

    /**
     * @param rule  the name of the failing rule
     * @param cause what the rule threw
     */
    public RuleFailureException(String rule, Throwable cause) {
        super("rule \"" + rule + "\" failed: " + cause.getClass().getName(), cause);
        this.rule = rule;
    }

    /** The name of the rule whose action failed. */
    public String rule() {
        return rule;
    }
}
