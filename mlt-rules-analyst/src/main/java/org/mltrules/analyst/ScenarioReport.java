package org.mltrules.analyst;

import java.util.ArrayList;
import java.util.List;
import org.mltrules.RuleProblem;

/**
 * The result of running scenario files against a rule set.
 *
 * @param results      one per scenario, in file order
 * @param coverage     which rules the scenarios made fire
 * @param fileProblems problems of the scenario files themselves (malformed JSON, unknown keys, duplicate names)
 */
public record ScenarioReport(List<ScenarioResult> results, Coverage coverage, List<RuleProblem> fileProblems) {

    public ScenarioReport {
        results = List.copyOf(results);
        fileProblems = List.copyOf(fileProblems);
    }

    /** Number of scenarios that passed. */
    public long passed() {
        return results.stream().filter(ScenarioResult::passed).count();
    }

    /** Number of scenarios that failed or could not run. */
    public long failed() {
        return results.size() - passed();
    }

    /** Whether every scenario file was valid and every scenario passed. */
    public boolean ok() {
        return fileProblems.isEmpty() && failed() == 0;
    }

    /** The file problems, then one problem per difference of each failed scenario; all errors. */
    public List<RuleProblem> problems() {
        List<RuleProblem> out = new ArrayList<>(fileProblems);
        for (ScenarioResult r : results) {
            out.addAll(r.problems());
        }
        return out;
    }
}
