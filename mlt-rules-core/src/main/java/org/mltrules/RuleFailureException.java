package org.mltrules;

/**
 * A rule's action failed while assessing one case. Names the rule, so that an analyst can find it; other cases
 * are unaffected. The message carries no case content.
 */
public final class RuleFailureException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String rule;

    public RuleFailureException(String rule, Throwable cause) {
        super("rule \"" + rule + "\" failed: " + cause.getClass().getName()
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage()), cause);
        this.rule = rule;
    }

    /** The name of the rule whose action failed. */
    public String rule() {
        return rule;
    }
}
