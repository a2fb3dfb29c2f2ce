package org.mltrules.spi;

import java.util.List;
import org.mltrules.MltRules;
import org.mltrules.RuleProblem;

/**
 * Verifies a candidate rule set by running its own scenario files: the plug-in behind
 * {@code RuleSetHandle.Verification.SCENARIOS}, the verification a {@code RuleSetHandle} applies unless told
 * otherwise. {@code org.mltrules:mlt-rules-analyst} provides it; the core finds it with
 * {@link java.util.ServiceLoader} ({@code META-INF/services/org.mltrules.spi.RuleSetVerifier}).
 *
 * <p>Implementations are stateless and thread-safe.
 */
public interface RuleSetVerifier {
    /**
     * The problems of a candidate rule set, errors and warnings (no error: it may serve). A rule set without
     * scenario files is an error: nothing would have been verified.
     */
    List<RuleProblem> verify(MltRules candidate);
}
