package org.mltrules.facts;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.mltrules.Laterality;
import org.mltrules.Site;

/** The metastatic disease as a whole, over the counted lesions only. */
public final class Disease {
    private final int countedLesions;
    private final int lungLesions;
    private final Boolean bilateralLung;
    private final Site onlySite;
    private final List<String> regionalNotCounted;

    public Disease(List<Metastasis> lesions) {
        int counted = 0;
        int lung = 0;
        boolean left = false;
        boolean right = false;
        int lateralityUnknown = 0;
        Set<Site> sites = EnumSet.noneOf(Site.class);
        List<String> regional = new ArrayList<>();
        for (Metastasis m : lesions) {
            if (!m.isCounted()) {
                if (m.getSite() == Site.LYMPH_NODE_REGIONAL) {
                    regional.add(m.getId());
                }
                continue;
            }
            counted++;
            sites.add(m.getSite());
            if (m.isLung()) {
                lung++;
                if (m.getLaterality() == Laterality.LEFT) {
                    left = true;
                } else if (m.getLaterality() == Laterality.RIGHT) {
                    right = true;
                } else if (m.getLaterality() == null) {
                    lateralityUnknown++;
                }
            }
        }
        this.countedLesions = counted;
        this.lungLesions = lung;
        this.bilateralLung = bilateral(left, right, lateralityUnknown);
        this.onlySite = sites.size() == 1 ? sites.iterator().next() : null;
        // Sorted, so that the answer does not depend on the order of the lesions in the input.
        regional.sort(null);
        this.regionalNotCounted = List.copyOf(regional);
    }

    /**
     * Three-valued "lung lesions on both sides": true when a left and a right lesion are known; unknown only when
     * the unknown lateralities could still complete both sides (a known side plus one unknown, or two unknowns);
     * otherwise false. A single lung lesion is never bilateral, whatever its laterality; MIDLINE is neither side.
     */
    static Boolean bilateral(boolean left, boolean right, int unknown) {
        if (left && right) {
            return Boolean.TRUE;
        }
        boolean couldBe = (left || right) ? unknown >= 1 : unknown >= 2;
        return couldBe ? null : Boolean.FALSE;
    }

    /** Number of counted lesions (regional nodes excluded unless the convention counts them). */
    public int getCountedLesions() { return countedLesions; }
    /** Number of counted lung lesions. */
    public int getLungLesions() { return lungLesions; }
    /**
     * Counted lung lesions on both the left and the right; {@code null} (unknown) only when unknown lateralities
     * could still put lesions on both sides, e.g. one left lesion and one of unknown side.
     */
    public Boolean getBilateralLung() { return bilateralLung; }
    /** The site of every counted lesion when they all share one (lung-only, liver-only), else {@code null}. */
    public Site getOnlySite() { return onlySite; }
    /**
     * The ids of the regional lymph nodes set aside (not counted, convention {@code regionalNodesCountAsMetastasis}
     * off), sorted.
     */
    public List<String> getRegionalNotCounted() { return regionalNotCounted; }

    /**
     * P1's {@code because}: {@code counted lesions = 1}, and when regional nodes were set aside
     * {@code ; regional lesions not counted = 1 (N1)}.
     */
    public String countedBecause() {
        String text = "counted lesions = " + countedLesions;
        if (regionalNotCounted.isEmpty()) {
            return text;
        }
        return text + "; regional lesions not counted = " + regionalNotCounted.size() + " ("
                + String.join(", ", regionalNotCounted) + ")";
    }

    @Override
    public String toString() {
        return "Disease[counted=" + countedLesions + "]";
    }
}
