package org.mltrules.internal;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.mltrules.Centre;
import org.mltrules.Conventions;
import org.mltrules.RuleProblem;
import org.mltrules.RuleSetException;
import org.mltrules.Site;
import org.mltrules.Technique;

/** Conventions and centre configuration: read from a descriptor, written as canonical JSON for the fingerprint. */
public final class Configuration {
    private Configuration() {
    }

    /** The conventions of a descriptor ({@code conventions.*} keys), defaults for those absent. */
    public static Conventions conventions(Properties d, List<RuleProblem> problems) {
        Conventions.Builder b = Conventions.builder();
        Integer i;
        if ((i = integer(d, "conventions.synchronousWindowMonths", problems)) != null) b.synchronousWindowMonths(i);
        if ((i = integer(d, "conventions.activeTherapyWindowDays", problems)) != null) b.activeTherapyWindowDays(i);
        if ((i = integer(d, "conventions.maxLesions", problems)) != null) b.maxLesions(i);
        Boolean z;
        if ((z = bool(d, "conventions.maintenanceCountsAsActive", problems)) != null) b.maintenanceCountsAsActive(z);
        if ((z = bool(d, "conventions.newLesionCountsAsProgression", problems)) != null) b.newLesionCountsAsProgression(z);
        if ((z = bool(d, "conventions.regionalNodesCountAsMetastasis", problems)) != null) b.regionalNodesCountAsMetastasis(z);
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            problems.add(problem(e.getMessage()));
            return Conventions.DEFAULTS;
        }
    }

    /** The centre of a descriptor ({@code centre.*} keys), defaults for those absent. */
    public static Centre centre(Properties d, List<RuleProblem> problems) {
        Set<Technique> techniques = enums(d, "centre.availableTechniques", Technique.class, problems);
        Set<Site> sites = enums(d, "centre.nonAblatableSites", Site.class, problems);
        return new Centre(techniques == null ? Centre.DEFAULTS.availableTechniques() : techniques,
                sites == null ? Centre.DEFAULTS.nonAblatableSites() : sites);
    }

    /** Keys a descriptor may hold. */
    public static final Set<String> KEYS = Set.of("name", "version", "description",
            "conventions.synchronousWindowMonths", "conventions.activeTherapyWindowDays", "conventions.maxLesions",
            "conventions.maintenanceCountsAsActive", "conventions.newLesionCountsAsProgression",
            "conventions.regionalNodesCountAsMetastasis", "centre.availableTechniques", "centre.nonAblatableSites");

    /** Every problem of a descriptor: unknown keys, missing name or version, bad values. */
    public static List<RuleProblem> check(Properties d) {
        List<RuleProblem> problems = new ArrayList<>();
        for (String k : d.stringPropertyNames()) {
            if (!KEYS.contains(k)) {
                problems.add(problem("unknown key '" + k + "': expected one of " + new java.util.TreeSet<>(KEYS)));
            }
        }
        for (String k : List.of("name", "version")) {
            if (d.getProperty(k, "").isBlank()) {
                problems.add(problem("'" + k + "' is required"));
            }
        }
        conventions(d, problems);
        centre(d, problems);
        return problems;
    }

    private static RuleProblem problem(String message) {
        return new RuleProblem(RuleProblem.Severity.ERROR, RuleSetSource.DESCRIPTOR, 0, 0, null, message);
    }

    private static Integer integer(Properties d, String key, List<RuleProblem> problems) {
        String v = d.getProperty(key);
        if (v == null) {
            return null;
        }
        try {
            return Integer.valueOf(v.trim());
        } catch (NumberFormatException e) {
            problems.add(problem(key + " = '" + v + "' is not an integer"));
            return null;
        }
    }

    private static Boolean bool(Properties d, String key, List<RuleProblem> problems) {
        String v = d.getProperty(key);
        if (v == null) {
            return null;
        }
        if (!v.trim().equals("true") && !v.trim().equals("false")) {
            problems.add(problem(key + " = '" + v + "' is not true or false"));
            return null;
        }
        return Boolean.valueOf(v.trim());
    }

    private static <E extends Enum<E>> Set<E> enums(Properties d, String key, Class<E> type, List<RuleProblem> problems) {
        String v = d.getProperty(key);
        if (v == null) {
            return null;
        }
        Set<E> set = EnumSet.noneOf(type);
        for (String s : v.split("[,\\s]+")) {
            if (s.isEmpty()) {
                continue;
            }
            try {
                set.add(Enum.valueOf(type, s));
            } catch (IllegalArgumentException e) {
                problems.add(problem(key + ": unknown value '" + s + "': expected one of "
                        + EnumSet.allOf(type)));
            }
        }
        return set;
    }

    /** Canonical JSON (sorted keys, no spaces, enum sets in declaration order) of the configuration in force. */
    public static String canonicalJson(Conventions c, Centre centre) {
        return "{\"centre\":{\"availableTechniques\":" + list(centre.availableTechniques())
                + ",\"nonAblatableSites\":" + list(centre.nonAblatableSites()) + "},"
                + "\"conventions\":{\"activeTherapyWindowDays\":" + c.activeTherapyWindowDays()
                + ",\"maintenanceCountsAsActive\":" + c.maintenanceCountsAsActive()
                + ",\"maxLesions\":" + c.maxLesions()
                + ",\"newLesionCountsAsProgression\":" + c.newLesionCountsAsProgression()
                + ",\"regionalNodesCountAsMetastasis\":" + c.regionalNodesCountAsMetastasis()
                + ",\"synchronousWindowMonths\":" + c.synchronousWindowMonths() + "}}";
    }

    private static String list(Set<? extends Enum<?>> values) {
        return values.stream().sorted().map(e -> "\"" + e.name() + "\"").collect(Collectors.joining(",", "[", "]"));
    }
}
