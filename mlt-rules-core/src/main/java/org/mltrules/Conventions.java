package org.mltrules;

/**
 * The operational conventions of the classification (docs/clinical-rules.md, conventions K1-K10) and of the OMD
 * precondition, as one immutable value. Each is an expert convention or a reading of the consensus papers, not a
 * published threshold, so each is named, documented and configurable; the defaults are {@link #DEFAULTS}.
 *
 * <p>The rules receive this value as a fact; an assessment lists a convention in
 * {@link Classification#conventions()} exactly when its trigger held.
 *
 * @param synchronousWindowMonths       K1: OMD within this many calendar months of the primary diagnosis is
 *                                      synchronous ({@code omd <= primary.plusMonths(n)}, month end clamped);
 *                                      default 6
 * @param activeTherapyWindowDays       K2: stopped therapy counts as active when the last dose was at most this
 *                                      many days before the OMD date; default 30
 * @param maintenanceCountsAsActive     K3: maintenance and endocrine therapy count as active; default true
 * @param newLesionCountsAsProgression  K4: a new lesion counts as progression (RECIST); default true
 * @param maxLesions                    P2: at most this many counted lesions is oligometastatic; default 5
 * @param regionalNodesCountAsMetastasis whether regional lymph nodes count as metastases; default false
 */
public record Conventions(int synchronousWindowMonths, int activeTherapyWindowDays, boolean maintenanceCountsAsActive,
                          boolean newLesionCountsAsProgression, int maxLesions,
                          boolean regionalNodesCountAsMetastasis) {

    /** The defaults of docs/clinical-rules.md. */
    public static final Conventions DEFAULTS = new Conventions(6, 30, true, true, 5, false);

    public Conventions {
        if (synchronousWindowMonths < 0) {
            throw new IllegalArgumentException("synchronousWindowMonths must not be negative: " + synchronousWindowMonths);
        }
        if (activeTherapyWindowDays < 0) {
            throw new IllegalArgumentException("activeTherapyWindowDays must not be negative: " + activeTherapyWindowDays);
        }
        if (maxLesions < 1) {
            throw new IllegalArgumentException("maxLesions must be at least 1: " + maxLesions);
        }
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder(DEFAULTS);
    }

    /** A builder starting from these values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builder of {@link Conventions}; not thread-safe. */
    public static final class Builder {
        private int synchronousWindowMonths;
        private int activeTherapyWindowDays;
        private boolean maintenanceCountsAsActive;
        private boolean newLesionCountsAsProgression;
        private int maxLesions;
        private boolean regionalNodesCountAsMetastasis;

        private Builder(Conventions c) {
            synchronousWindowMonths = c.synchronousWindowMonths;
            activeTherapyWindowDays = c.activeTherapyWindowDays;
            maintenanceCountsAsActive = c.maintenanceCountsAsActive;
            newLesionCountsAsProgression = c.newLesionCountsAsProgression;
            maxLesions = c.maxLesions;
            regionalNodesCountAsMetastasis = c.regionalNodesCountAsMetastasis;
        }

        public Builder synchronousWindowMonths(int v) { synchronousWindowMonths = v; return this; }
        public Builder activeTherapyWindowDays(int v) { activeTherapyWindowDays = v; return this; }
        public Builder maintenanceCountsAsActive(boolean v) { maintenanceCountsAsActive = v; return this; }
        public Builder newLesionCountsAsProgression(boolean v) { newLesionCountsAsProgression = v; return this; }
        public Builder maxLesions(int v) { maxLesions = v; return this; }
        public Builder regionalNodesCountAsMetastasis(boolean v) { regionalNodesCountAsMetastasis = v; return this; }

        /** @throws IllegalArgumentException if a value is out of range */
        public Conventions build() {
            return new Conventions(synchronousWindowMonths, activeTherapyWindowDays, maintenanceCountsAsActive,
                    newLesionCountsAsProgression, maxLesions, regionalNodesCountAsMetastasis);
        }
    }
}
