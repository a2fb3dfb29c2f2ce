package org.mltrules;

import java.util.List;
import java.util.Objects;

/**
 * A technique excluded for one lesion, with every excluding reason.
 */
public record Exclusion(Technique technique, List<Reason> reasons) {
    public Exclusion {
        Objects.requireNonNull(technique, "technique");
        reasons = List.copyOf(reasons);
    }
}
