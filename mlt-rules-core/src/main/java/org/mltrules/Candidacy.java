package org.mltrules;

import java.util.List;
import java.util.Objects;

/**
 * Whether metastasis-directed local therapy is worth discussing for the patient.
 *
 * @param level            the level, by the three steps of docs/clinical-rules.md, local therapy
 * @param flags            patient-level flags for the board
 * @param reasons          the reasons behind the level and the flags
 * @param missing          unknown facts that the level depended on
 * @param treatsAllLesions techniques, in the fixed order, not excluded for any counted lesion
 */
public record Candidacy(CandidacyLevel level, List<Flag> flags, List<Reason> reasons, List<String> missing,
                        List<Technique> treatsAllLesions) {
    public Candidacy {
        Objects.requireNonNull(level, "level");
        flags = List.copyOf(flags);
        reasons = List.copyOf(reasons);
        missing = List.copyOf(missing);
        treatsAllLesions = List.copyOf(treatsAllLesions);
    }
}
