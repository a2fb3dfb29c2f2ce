package org.mltrules.analyst;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mltrules.MltRules;
import org.mltrules.RuleProblem;
import org.mltrules.RuleSetException;
import org.mltrules.compiler.RuleFolder;
import org.mltrules.spi.RuleSetLayout;

/**
 * One call to check a rule set the way an analyst needs before it reaches patients: compile, lint, run its
 * scenario files, report the rules no scenario makes fire. Backs {@code mlt-rules check --rules DIR} and
 * {@code mlt-rules test [--rules DIR] SCENARIOS...}; never throws for a broken rule set or scenario file, the
 * report says what is wrong.
 *
 * <pre>{@code
 * CheckReport report = RuleSetCheck.check(Path.of("my-rules"));
 * System.out.print(report.render());
 * System.exit(report.exitStatus());
 * }</pre>
 */
public final class RuleSetCheck {
    private static final Pattern RULE = Pattern.compile("(?m)^[ \\t]*rule[ \\t]+\"((?:[^\"\\\\]|\\\\.)*)\"");

    private RuleSetCheck() {
    }

    /**
     * Checks a rule folder: compiles and lints its DRL, runs its scenario files ({@code scenarios/*.json}) and
     * reports every rule that no scenario makes fire (a warning, with the rule's position).
     */
    public static CheckReport check(Path folder) {
        Objects.requireNonNull(folder, "folder must not be null");
        MltRules rules;
        try {
            rules = MltRules.builder().rulesFrom(folder).build();
        } catch (RuleSetException e) {
            List<RuleProblem> problems = new ArrayList<>(e.problems());
            problems.addAll(scenarioFileProblems(folder));
            return new CheckReport(folder.toString(), null, problems, null, false);
        }
        List<RuleProblem> problems = new ArrayList<>(rules.warnings());
        problems.addAll(bundledNameWarnings(rules, folder));
        ScenarioReport report = Scenarios.run(rules);
        problems.addAll(report.problems());
        problems.addAll(coverageWarnings(rules, report, drlFiles(folder)));
        return new CheckReport(folder.toString(), rules.ruleSet(), problems, report, false);
    }

    /** The descriptor of the bundled rules on the class path (module mlt-rules-drl), when it is there. */
    private static final String BUNDLED_DESCRIPTOR = "org/mltrules/rules/" + RuleSetLayout.DESCRIPTOR;

    /**
     * A folder whose rules differ from the bundled ones (another fingerprint) but that still carries the bundled
     * rule set's name and version would make every report claim the bundled rules: a warning on its descriptor.
     * Checked only when the bundled rules are on the class path.
     */
    static List<RuleProblem> bundledNameWarnings(MltRules rules, Path folder) {
        Properties bundled = new Properties();
        try (InputStream in = RuleSetCheck.class.getClassLoader().getResourceAsStream(BUNDLED_DESCRIPTOR)) {
            if (in == null) {
                return List.of();
            }
            bundled.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return List.of();
        }
        String name = bundled.getProperty("name", "").trim();
        String version = bundled.getProperty("version", "").trim();
        if (!rules.ruleSet().name().equals(name) || !rules.ruleSet().version().equals(version)) {
            return List.of();
        }
        String bundledFingerprint;
        try {
            bundledFingerprint = MltRules.bundled().ruleSet().fingerprint();
        } catch (RuleSetException e) {
            return List.of();
        }
        if (bundledFingerprint.equals(rules.ruleSet().fingerprint())) {
            return List.of();
        }
        String descriptor = files(folder, p -> p.equals(RuleSetLayout.DESCRIPTOR)).getOrDefault(
                RuleSetLayout.DESCRIPTOR, "");
        int line = 0;
        String[] lines = descriptor.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].trim().startsWith("name")) {
                line = i + 1;
                break;
            }
        }
        return List.of(new RuleProblem(RuleProblem.Severity.WARNING, RuleSetLayout.DESCRIPTOR, line, line == 0 ? 0 : 1,
                null, "this rule set is named " + name + " " + version + " like the bundled rules, but its rules"
                + " differ (" + rules.ruleSet().fingerprint() + ", the bundled " + bundledFingerprint + "): give it"
                + " its own name and version, so that every report says which rules produced it"));
    }

    /**
     * Checks a loaded rule set (e.g. {@link MltRules#bundled()}): runs its scenario files and reports the rules no
     * scenario makes fire.
     */
    public static CheckReport check(MltRules rules) {
        Objects.requireNonNull(rules, "rules must not be null");
        List<RuleProblem> problems = new ArrayList<>(rules.warnings());
        ScenarioReport report = Scenarios.run(rules);
        problems.addAll(report.problems());
        problems.addAll(coverageWarnings(rules, report, Map.of()));
        return new CheckReport(rules.ruleSet().name() + " " + rules.ruleSet().version(), rules.ruleSet(), problems,
                report, false);
    }

    /**
     * Runs the given scenario files against the rule set of a folder (compiled and linted first). Their scenarios
     * may use the rule set's own scenarios as {@code base}. Coverage is reported, not warned about: a few files
     * need not cover every rule.
     */
    public static CheckReport test(Path folder, List<Path> scenarioFiles) {
        Objects.requireNonNull(folder, "folder must not be null");
        MltRules rules;
        try {
            rules = MltRules.builder().rulesFrom(folder).build();
        } catch (RuleSetException e) {
            return new CheckReport(folder.toString(), null, e.problems(), null, false);
        }
        return test(rules, scenarioFiles, folder.toString());
    }

    /** Runs the given scenario files against a loaded rule set (e.g. {@link MltRules#bundled()}). */
    public static CheckReport test(MltRules rules, List<Path> scenarioFiles) {
        Objects.requireNonNull(rules, "rules must not be null");
        return test(rules, scenarioFiles, rules.ruleSet().name() + " " + rules.ruleSet().version());
    }

    private static CheckReport test(MltRules rules, List<Path> scenarioFiles, String origin) {
        List<RuleProblem> problems = new ArrayList<>(rules.warnings());
        Map<String, String> files = new LinkedHashMap<>();
        boolean unreadable = false;
        for (Path p : scenarioFiles) {
            try {
                files.put(p.toString(), Files.readString(p, StandardCharsets.UTF_8));
            } catch (IOException | RuntimeException e) {
                unreadable = true;
                problems.add(new RuleProblem(RuleProblem.Severity.ERROR, p.toString(), 0, 0, null,
                        "cannot be read: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())));
            }
        }
        ScenarioReport report = Scenarios.run(rules, files, rules.scenarioFiles());
        problems.addAll(report.problems());
        return new CheckReport(origin, rules.ruleSet(), problems, report, unreadable);
    }

    /** One warning per rule that fired in no scenario, at the rule's line when its DRL is at hand. */
    static List<RuleProblem> coverageWarnings(MltRules rules, ScenarioReport report, Map<String, String> drl) {
        List<RuleProblem> out = new ArrayList<>();
        if (rules.scenarioFiles().isEmpty()) {
            out.add(new RuleProblem(RuleProblem.Severity.WARNING, "scenarios/", 0, 0, null,
                    "no scenario files: the rules are untested (add scenarios/*.json)"));
        }
        Map<String, int[]> lines = new LinkedHashMap<>();
        Map<String, String> files = new LinkedHashMap<>();
        drl.forEach((file, text) -> {
            Matcher m = RULE.matcher(text);
            while (m.find()) {
                String name = m.group(1).replace("\\\"", "\"");
                if (!lines.containsKey(name)) {
                    lines.put(name, new int[] {line(text, m.start(1)), column(text, m.start()) });
                    files.put(name, file);
                }
            }
        });
        List<RuleProblem> uncovered = new ArrayList<>();
        for (String name : report.coverage().uncovered()) {
            int[] pos = lines.getOrDefault(name, new int[] {0, 0});
            uncovered.add(new RuleProblem(RuleProblem.Severity.WARNING, files.get(name), pos[0], pos[1], name,
                    "no scenario makes this rule fire"));
        }
        uncovered.sort(java.util.Comparator.comparing(RuleProblem::file,
                java.util.Comparator.nullsFirst(java.util.Comparator.<String>naturalOrder()))
                .thenComparingInt(RuleProblem::line));
        out.addAll(uncovered);
        return out;
    }

    private static int line(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static int column(String text, int offset) {
        return offset - text.lastIndexOf('\n', offset - 1);
    }

    private static Map<String, String> drlFiles(Path folder) {
        return files(folder, RuleSetLayout::isDrlFile);
    }

    /** Problems of the folder's scenario files when the rules cannot be built (so that all are reported at once). */
    private static List<RuleProblem> scenarioFileProblems(Path folder) {
        List<RuleProblem> problems = new ArrayList<>();
        files(folder, RuleSetLayout::isScenarioFile).forEach((file, text) -> ScenarioReader.read(file, text, problems));
        return problems;
    }

    /** The folder's files of one kind as text, by relative path; none when the folder cannot be read. */
    private static Map<String, String> files(Path folder, java.util.function.Predicate<String> kind) {
        Map<String, String> out = new java.util.TreeMap<>();
        try {
            RuleFolder.read(folder).forEach((path, bytes) -> {
                if (kind.test(path)) {
                    out.put(path, new String(bytes, StandardCharsets.UTF_8));
                }
            });
        } catch (RuleSetException e) {
            // The folder problem itself is already among the build's problems.
        }
        return out;
    }
}
