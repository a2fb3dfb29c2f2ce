package org.mltrules.analyst;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One scenario as written in a scenario file, before its base is resolved.
 *
 * @param file          the scenario file
 * @param line          1-based line of the scenario's opening brace
 * @param name          unique name (the key a {@code base} refers to)
 * @param caseNode      the case, for a scenario that gives one; else {@code null}
 * @param base          the name of the scenario whose case this one changes; else {@code null}
 * @param change        the change merged into the base case ({@code null} for none)
 * @param removeLesions ids of the base case's lesions to remove
 * @param settings      {@code {"conventions": {...}, "centre": {...}}} as written (either may be absent)
 * @param expectation   the expected outcome
 */
record Scenario(String file, int line, String name, ObjectNode caseNode, String base, ObjectNode change,
                List<String> removeLesions, ObjectNode settings, Expectation expectation) {
}
