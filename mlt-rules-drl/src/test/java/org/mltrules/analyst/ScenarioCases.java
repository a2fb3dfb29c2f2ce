package org.mltrules.analyst;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mltrules.MltRules;
import org.mltrules.RuleProblem;

/**
 * Test access to the cases of a rule set's scenario files exactly as the analyst tooling resolves them: a
 * scenario's own case, or its base's case with the change merged in, and the rules under the scenario's conventions
 * and centre. Lives in the analyst's package (in the test tree of the rules module) because the resolution is
 * package-private there.
 */
public final class ScenarioCases {
    /**
     * One resolved scenario.
     *
     * @param file     the scenario file
     * @param name     the scenario's name
     * @param caseJson the case as JSON text (the scenario's name stands in for a missing caseId)
     * @param rules    the rules under the scenario's settings
     */
    public record Resolved(String file, String name, String caseJson, MltRules rules) {
    }

    private ScenarioCases() {
    }

    /**
     * Every scenario of the rule set's own scenario files, resolved.
     *
     * @throws IllegalStateException when a file cannot be read or a scenario has no case (what {@code check}
     *                               reports)
     */
    public static List<Resolved> of(MltRules rules) {
        List<RuleProblem> problems = new ArrayList<>();
        List<Scenario> scenarios = new ArrayList<>();
        for (Map.Entry<String, String> f : new TreeMap<>(rules.scenarioFiles()).entrySet()) {
            scenarios.addAll(ScenarioReader.read(f.getKey(), f.getValue(), problems));
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("unreadable scenario files: " + problems);
        }
        CaseChange.Resolved resolved = CaseChange.resolve(scenarios);
        if (!resolved.errors().isEmpty()) {
            throw new IllegalStateException("scenarios without a case: " + resolved.errors());
        }
        List<Resolved> out = new ArrayList<>();
        for (Scenario s : scenarios) {
            ObjectNode settings = resolved.settings().get(s.name());
            MltRules r = settings == null || settings.isEmpty() ? rules : Scenarios.configured(rules, settings);
            out.add(new Resolved(s.file(), s.name(), resolved.cases().get(s.name()).toString(), r));
        }
        return out;
    }
}
