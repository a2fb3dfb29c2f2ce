package org.mltrules.analyst;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.mltrules.RuleProblem;

/**
 * The result of one scenario: passed, failed with the differences between expected and actual outcome, or not
 * run (its case is invalid, its base is unknown, a rule failed).
 *
 * @param file       the scenario file, relative to the rule-set folder (or as given)
 * @param line       1-based line where the scenario starts in its file
 * @param name       the scenario's name
 * @param mismatches every difference between expected and actual outcome
 * @param error      why the scenario could not be run, or {@code null}
 */
public record ScenarioResult(String file, int line, String name, List<Mismatch> mismatches, String error) {

    /**
     * One difference between expected and actual outcome.
     *
     * @param what     what was checked ({@code category}, {@code lesion L1: first})
     * @param expected the expected outcome
     * @param actual   the actual outcome
     */
    public record Mismatch(String what, String expected, String actual) {
        public Mismatch {
            Objects.requireNonNull(what, "what");
            Objects.requireNonNull(expected, "expected");
            Objects.requireNonNull(actual, "actual");
        }

        /** {@code what: expected X, actual Y}. */
        public String render() {
            return what + ": expected " + expected + ", actual " + actual;
        }
    }

    public ScenarioResult {
        Objects.requireNonNull(name, "name");
        mismatches = List.copyOf(mismatches);
    }

    /** Whether the scenario ran and met every expectation. */
    public boolean passed() {
        return error == null && mismatches.isEmpty();
    }

    /** One problem per difference (or one for an error); empty when passed. */
    public List<RuleProblem> problems() {
        String head = "scenario \"" + name + "\": ";
        if (error != null) {
            return List.of(new RuleProblem(RuleProblem.Severity.ERROR, file, line, 0, null, head + error));
        }
        return mismatches.stream().map(m -> new RuleProblem(RuleProblem.Severity.ERROR, file, line, 0, null,
                head + m.render())).collect(Collectors.toList());
    }
}
