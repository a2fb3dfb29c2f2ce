package org.mltrules;

/** Anatomical features of a lesion that matter for the choice of technique. */
public enum Feature {
    /** Within 2 cm of the proximal bronchial tree. */
    CENTRAL,
    /** Target overlapping bronchial tree, oesophagus or great vessels; implies central. */
    ULTRACENTRAL,
    SUBPLEURAL, CHEST_WALL, MEDIASTINAL, DEEP,
    /** A vessel wider than 3 mm next to the lesion (heat-sink effect). */
    ADJACENT_VESSEL_3MM,
    /** A critical structure within 5 mm (SOLSTICE eligibility for cryoablation). */
    CRITICAL_STRUCTURE_WITHIN_5MM,
    SPINE_INSTABILITY
}
