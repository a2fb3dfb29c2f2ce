package org.mltrules.spi;

/**
 * The files a rule set consists of, by path relative to its folder ({@code /} separators): DRL files
 * ({@code *.drl}), scenario files ({@code scenarios/*.json} or {@code *.scenario.json}), the descriptor
 * {@value #DESCRIPTOR} (name, version, conventions, centre) and, at the folder's top, the citations
 * {@value #REFERENCES} (key = full citation, named by the rules' {@code @evidence}). The fingerprint covers exactly
 * these files.
 */
public final class RuleSetLayout {
    /** The descriptor's file name. */
    public static final String DESCRIPTOR = "ruleset.properties";
    /** The citations' file name: at the top of the folder only. */
    public static final String REFERENCES = "references.properties";

    private RuleSetLayout() {
    }

    /** Whether a relative path is a file a rule set may hold. */
    public static boolean isRuleSetFile(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return isDrlFile(path) || name.equals(DESCRIPTOR) || path.equals(REFERENCES) || isScenarioFile(path);
    }

    /** Whether a relative path is a DRL file. */
    public static boolean isDrlFile(String path) {
        return path.endsWith(".drl");
    }

    /** Whether a relative path is a scenario file. */
    public static boolean isScenarioFile(String path) {
        return path.endsWith(".scenario.json") || path.startsWith("scenarios/") && path.endsWith(".json");
    }
}
