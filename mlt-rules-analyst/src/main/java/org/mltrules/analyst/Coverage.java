package org.mltrules.analyst;

import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which rules the scenarios made fire. A rule no scenario makes fire is untested: it may be unreachable (a
 * condition that can never hold, or the Drools 10 regression kie#7115), and nobody would notice. {@code @undecided}
 * rules count as rules.
 *
 * @param rules     every rule of the rule set, by name
 * @param fired     the rules that fired in at least one scenario
 * @param uncovered the rules that fired in none
 */
public record Coverage(SortedSet<String> rules, SortedSet<String> fired, SortedSet<String> uncovered) {

    public Coverage {
        rules = Collections.unmodifiableSortedSet(new TreeSet<>(rules));
        fired = Collections.unmodifiableSortedSet(new TreeSet<>(fired));
        uncovered = Collections.unmodifiableSortedSet(new TreeSet<>(uncovered));
    }

    /** Coverage of {@code rules} by the rules that {@code fired} (names of rules not in the set are ignored). */
    static Coverage of(SortedSet<String> rules, java.util.Set<String> fired) {
        TreeSet<String> f = new TreeSet<>(fired);
        f.retainAll(rules);
        TreeSet<String> u = new TreeSet<>(rules);
        u.removeAll(f);
        return new Coverage(rules, f, u);
    }

    /** {@code 31 of 32 rules fired in a scenario}. */
    public String summary() {
        return fired.size() + " of " + rules.size() + " rules fired in a scenario";
    }
}
