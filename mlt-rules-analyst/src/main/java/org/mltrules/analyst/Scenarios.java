package org.mltrules.analyst;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.mltrules.Assessment;
import org.mltrules.CaseProblem;
import org.mltrules.Centre;
import org.mltrules.Conventions;
import org.mltrules.InvalidCaseException;
import org.mltrules.MltRules;
import org.mltrules.PatientCase;
import org.mltrules.RuleFailureException;
import org.mltrules.RuleProblem;
import org.mltrules.Site;
import org.mltrules.Technique;
import org.mltrules.json.CaseJson;

/**
 * Runs scenario files against a rule set: each scenario's case is assessed and compared with its expected
 * outcome, and the rules that fire are collected for {@link Coverage}. The format is described in
 * {@code docs/authoring-rules.md}. Stateless and thread-safe.
 */
public final class Scenarios {
    private Scenarios() {
    }

    /** Runs the scenario files shipped with the rule set ({@code scenarios/*.json} of its folder). */
    public static ScenarioReport run(MltRules rules) {
        return run(rules, rules.scenarioFiles(), Map.of());
    }

    /**
     * Runs the scenarios of {@code files}; the scenarios of {@code library} are not run but may serve as
     * {@code base} (e.g. the rule set's own files when testing extra scenario files). A library file with the same
     * text as a file to run is that file (e.g. {@code test my-rules/scenarios/ranking.json}), not a second
     * definition of its scenarios.
     *
     * @param files   scenario file text by name (a path relative to the rule-set folder, or as given)
     * @param library more scenario files, for their base cases only
     */
    public static ScenarioReport run(MltRules rules, Map<String, String> files, Map<String, String> library) {
        List<RuleProblem> problems = new ArrayList<>();
        List<Scenario> toRun = new ArrayList<>();
        for (Map.Entry<String, String> f : new TreeMap<>(files).entrySet()) {
            toRun.addAll(ScenarioReader.read(f.getKey(), f.getValue(), problems));
        }
        List<Scenario> all = new ArrayList<>(toRun);
        List<RuleProblem> libraryProblems = new ArrayList<>();
        for (Map.Entry<String, String> f : new TreeMap<>(library).entrySet()) {
            // A rule set's own scenario file given to run (under whatever path) is that file, not a second copy of
            // its scenario names.
            if (!files.containsKey(f.getKey()) && !files.containsValue(f.getValue())) {
                all.addAll(ScenarioReader.read(f.getKey(), f.getValue(), libraryProblems));
            }
        }
        Map<String, Scenario> names = new HashMap<>();
        for (Scenario s : all) {
            Scenario first = names.putIfAbsent(s.name(), s);
            if (first != null && (toRun.contains(s) || toRun.contains(first))) {
                Scenario here = toRun.contains(s) ? s : first;
                Scenario other = here == s ? first : s;
                problems.add(new RuleProblem(RuleProblem.Severity.ERROR, here.file(), here.line(), 0, null,
                        "scenario name \"" + s.name() + "\" used twice: also at " + other.file() + ":"
                                + other.line()));
            }
        }
        CaseChange.Resolved resolved = CaseChange.resolve(all);
        Set<String> fired = new LinkedHashSet<>();
        List<ScenarioResult> results = new ArrayList<>();
        Map<String, MltRules> variants = new HashMap<>();
        for (Scenario s : toRun) {
            ObjectNode settings = resolved.settings().get(s.name());
            MltRules r;
            try {
                r = settings == null || settings.isEmpty() ? rules
                        : variants.computeIfAbsent(settings.toString(), k -> configured(rules, settings));
            } catch (IllegalArgumentException e) {
                results.add(failed(s, "invalid conventions or centre: " + e.getMessage()));
                continue;
            }
            results.add(run(r, s, resolved, fired));
        }
        return new ScenarioReport(results, Coverage.of(rules.ruleNames(), fired), problems);
    }

    private static ScenarioResult run(MltRules rules, Scenario s, CaseChange.Resolved resolved, Set<String> fired) {
        ObjectNode caseNode = resolved.cases().get(s.name());
        if (caseNode == null) {
            return failed(s, resolved.errors().getOrDefault(s.name(), "no case"));
        }
        PatientCase patientCase;
        try {
            patientCase = CaseJson.read(caseNode);
        } catch (InvalidCaseException e) {
            return failed(s, "the case is invalid: " + describe(e.problems()));
        }
        Set<String> firedHere = new LinkedHashSet<>();
        Assessment a;
        try {
            a = rules.assess(patientCase, firedHere::add);
        } catch (InvalidCaseException e) {
            return failed(s, "the case is invalid: " + describe(e.problems()));
        } catch (RuleFailureException e) {
            fired.addAll(firedHere);
            return failed(s, e.getMessage());
        }
        fired.addAll(firedHere);
        return new ScenarioResult(s.file(), s.line(), s.name(), s.expectation().check(a, firedHere), null);
    }

    /** The rules under the scenario's conventions and centre (validated by the reader), on top of their own. */
    static MltRules configured(MltRules rules, ObjectNode settings) {
        Conventions.Builder c = rules.conventions().toBuilder();
        JsonNode conventions = settings.path("conventions");
        conventions.fieldNames().forEachRemaining(k -> {
            JsonNode v = conventions.get(k);
            switch (k) {
                case "synchronousWindowMonths" -> c.synchronousWindowMonths(v.asInt());
                case "activeTherapyWindowDays" -> c.activeTherapyWindowDays(v.asInt());
                case "maxLesions" -> c.maxLesions(v.asInt());
                case "maintenanceCountsAsActive" -> c.maintenanceCountsAsActive(v.asBoolean());
                case "newLesionCountsAsProgression" -> c.newLesionCountsAsProgression(v.asBoolean());
                case "regionalNodesCountAsMetastasis" -> c.regionalNodesCountAsMetastasis(v.asBoolean());
                default -> throw new IllegalArgumentException("unknown convention " + k);
            }
        });
        Centre centre = rules.centre();
        JsonNode k = settings.path("centre");
        Set<Technique> techniques = k.has("availableTechniques") ? enums(k.get("availableTechniques"), Technique.class)
                : centre.availableTechniques();
        Set<Site> sites = k.has("nonAblatableSites") ? enums(k.get("nonAblatableSites"), Site.class)
                : centre.nonAblatableSites();
        return rules.withConventions(c.build()).withCentre(new Centre(techniques, sites));
    }

    private static <E extends Enum<E>> Set<E> enums(JsonNode array, Class<E> type) {
        Set<E> out = EnumSet.noneOf(type);
        for (JsonNode n : array) {
            out.add(Enum.valueOf(type, n.asText()));
        }
        return out;
    }

    private static String describe(List<CaseProblem> problems) {
        // A scenario's case is the analyst's own test data, so the report shows the values
        // (CaseProblem.toString() leaves them out, as it may end up in a host's logs).
        return problems.stream().map(p -> (p.field().isEmpty() ? "case" : p.field()) + " = " + p.value() + ": "
                + p.message()).collect(Collectors.joining("; "));
    }

    private static ScenarioResult failed(Scenario s, String error) {
        return new ScenarioResult(s.file(), s.line(), s.name(), List.of(), error);
    }
}
