package org.mltrules;

import java.util.Objects;

/**
 * The operational conventions K1-K11 of the classification (see {@code docs/clinical-rules.md}): expert conventions or
 * readings of the consensus papers where the papers leave a choice. Five are configurable values of
 * {@link Conventions} (K1-K4, K11); K5, K6, K7 and K10 are fixed behaviours; K8 and K9 document a reading that no
 * input can trigger, so they are never listed in an assessment.
 *
 * <p>An assessment lists a convention in {@link Classification#conventions()} exactly when its trigger held, as
 * {@code {"id", "name", "value"}}: the id ({@link #name()}), {@link #key()} and the value in force.
 * K11 came with rule set 1.1: a host that lists conventions should treat the set as open.
 */
public enum Convention {
    /** Q3 counts calendar months: synchronous when {@code omd <= primary.plusMonths(synchronousWindowMonths)}. */
    K1("synchronousWindowMonths", true,
            "Q3 counts calendar months from the primary diagnosis (month ends clamp)"),
    /** Stopped therapy counts as active when the last dose was at most {@code activeTherapyWindowDays} before OMD. */
    K2("activeTherapyWindowDays", true,
            "stopped therapy counts as active when the last dose was at most this many days before the OMD date"),
    /** Maintenance and endocrine therapy count as active systemic therapy. */
    K3("maintenanceCountsAsActive", true,
            "maintenance and endocrine therapy count as active systemic therapy"),
    /** A new lesion counts as progression (RECIST). */
    K4("newLesionCountsAsProgression", true,
            "a new lesion counts as progression (RECIST)"),
    /** Without prior imaging, Q5 is unknown. */
    K5("noPriorImagingIsIndeterminate", false,
            "without prior imaging, Q5 is unknown: INDETERMINATE, never a guess"),
    /** Q3 comes before any therapy question: OMD within the window during first-line therapy is synchronous. */
    K6("synchronousBeforeTherapyQuestion", false,
            "new metastases within the window during first-line therapy are still synchronous OMD"),
    /** Q1 comes first: prior OMD, later polymetastatic, now OMD again is induced. */
    K7("polymetastaticHistoryFirst", false,
            "prior OMD, later polymetastatic, now OMD again: induced (Q1 comes first)"),
    /** Documentation only: polymetastatic at diagnosis, reduced to OMD within the window, is induced. */
    K8(null, false,
            "polymetastatic at diagnosis, reduced to OMD within the window: induced, never synchronous"
                    + " (documentation only: no input distinguishes it)"),
    /** Documentation only: an uncontrolled or untreated primary does not block the classification. */
    K9(null, false,
            "an uncontrolled or untreated primary does not block the classification (documentation only)"),
    /** History unknown: INDETERMINATE, naming the unknown history fact. */
    K10("unknownHistoryIsIndeterminate", false,
            "history unknown: INDETERMINATE, naming the unknown history fact"),
    /**
     * Regional lymph nodes count as distant metastases ({@code regionalNodesCountAsMetastasis}, default false);
     * listed when a regional node was set aside (rule set 1.1).
     */
    K11("regionalNodesCountAsMetastasis", true,
            "regional lymph nodes of the primary count as distant metastases (when false, they are set aside by"
                    + " P1-P3 and Q5 but still ranked)");

    private final String key;
    private final boolean configurable;
    private final String meaning;

    Convention(String key, boolean configurable, String meaning) {
        this.key = key;
        this.configurable = configurable;
        this.meaning = meaning;
    }

    /**
     * The convention's name as listed in an assessment ({@code synchronousWindowMonths},
     * {@code noPriorImagingIsIndeterminate}); for K1-K4 also the name of the {@link Conventions} component and of
     * the rule-set descriptor key {@code conventions.<key>}. {@code null} for K8 and K9, which are never listed.
     */
    public String key() {
        return key;
    }

    /** Whether the convention is a configurable value of {@link Conventions} (K1-K4, K11). */
    public boolean isConfigurable() {
        return configurable;
    }

    /** What the convention means, in one line, for reports. */
    public String meaning() {
        return meaning;
    }

    /**
     * The value in force: for K1-K4 and K11 the value of {@code conventions}; {@code true} for a behaviour convention
     * (K5, K6, K7, K10), which always holds; {@code null} for the documentation-only K8 and K9.
     */
    public Object valueIn(Conventions conventions) {
        Objects.requireNonNull(conventions, "conventions must not be null");
        return switch (this) {
            case K1 -> conventions.synchronousWindowMonths();
            case K2 -> conventions.activeTherapyWindowDays();
            case K3 -> conventions.maintenanceCountsAsActive();
            case K4 -> conventions.newLesionCountsAsProgression();
            case K11 -> conventions.regionalNodesCountAsMetastasis();
            case K5, K6, K7, K10 -> Boolean.TRUE;
            case K8, K9 -> null;
        };
    }
}
