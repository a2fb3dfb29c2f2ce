package org.mltrules.facts;

import java.util.EnumSet;
import java.util.Set;
import org.mltrules.Centre;
import org.mltrules.Conventions;
import org.mltrules.Site;
import org.mltrules.Technique;

/** The conventions and the centre configuration in force, as one fact. */
public final class Settings {
    private final Conventions conventions;
    private final Centre centre;

    public Settings(Conventions conventions, Centre centre) {
        this.conventions = conventions;
        this.centre = centre;
    }

    /** K1: months after the primary diagnosis within which OMD is synchronous. */
    public int getSynchronousWindowMonths() { return conventions.synchronousWindowMonths(); }
    /** K2: days after the last dose during which stopped therapy still counts as active. */
    public int getActiveTherapyWindowDays() { return conventions.activeTherapyWindowDays(); }
    /** K3: maintenance and endocrine therapy count as active. */
    public boolean isMaintenanceCountsAsActive() { return conventions.maintenanceCountsAsActive(); }
    /** K4: a new lesion counts as progression. */
    public boolean isNewLesionCountsAsProgression() { return conventions.newLesionCountsAsProgression(); }
    /** P2: the most counted lesions that are still oligometastatic. */
    public int getMaxLesions() { return conventions.maxLesions(); }
    /** Whether regional lymph nodes count as metastases. */
    public boolean isRegionalNodesCountAsMetastasis() { return conventions.regionalNodesCountAsMetastasis(); }
    /** Techniques the centre offers. */
    public Set<Technique> getAvailableTechniques() { return centre.availableTechniques(); }
    /**
     * Techniques the centre does not offer (rule UNAVAILABLE excludes each with an explicit reason), in the fixed
     * technique order.
     */
    public Set<Technique> getUnavailableTechniques() {
        Set<Technique> missing = EnumSet.allOf(Technique.class);
        missing.removeAll(centre.availableTechniques());
        return missing;
    }
    /** Sites where the centre does not offer ablation (rule H10). */
    public Set<Site> getNonAblatableSites() { return centre.nonAblatableSites(); }

    public Conventions conventions() { return conventions; }
    public Centre centre() { return centre; }
}
