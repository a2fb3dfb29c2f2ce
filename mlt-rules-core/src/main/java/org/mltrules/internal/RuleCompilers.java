package org.mltrules.internal;

import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.mltrules.RuleProblem;
import org.mltrules.RuleSetException;
import org.mltrules.spi.RuleCompiler;

/** Finds the run-time rule compiler ({@code org.mltrules:mlt-rules-compiler}) with {@link ServiceLoader}. */
public final class RuleCompilers {
    /** The artifact that provides the compiler, named in the error when it is missing. */
    public static final String ARTIFACT = "org.mltrules:mlt-rules-compiler";

    private RuleCompilers() {
    }

    /**
     * The first rule compiler the class loader finds.
     *
     * @throws RuleSetException naming the artifact to add when there is none
     */
    public static RuleCompiler find(ClassLoader loader) {
        try {
            Iterator<RuleCompiler> it = ServiceLoader.load(RuleCompiler.class, loader).iterator();
            if (it.hasNext()) {
                return it.next();
            }
        } catch (ServiceConfigurationError e) {
            throw new RuleSetException("the rule compiler cannot be loaded", List.of(problem(
                    "the rule compiler of " + ARTIFACT + " failed to load: " + e.getMessage())));
        }
        throw new RuleSetException("no rule compiler on the class path", List.of(problem(
                "compiling a rule set at run time (a rule folder or rule-file contents) needs " + ARTIFACT
                        + " on the class path; the bundled, precompiled rules need only org.mltrules:mlt-rules-drl")));
    }

    private static RuleProblem problem(String message) {
        return new RuleProblem(RuleProblem.Severity.ERROR, null, 0, 0, null, message);
    }
}
