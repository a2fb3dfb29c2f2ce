package org.mltrules.facts;

import java.util.Set;
import org.mltrules.CaseField;
import org.mltrules.Feature;
import org.mltrules.Laterality;
import org.mltrules.Lesion;
import org.mltrules.Response;
import org.mltrules.Site;

/**
 * One input lesion as the rules see it. {@code null} means unknown. {@code counted} says whether it counts as a
 * distant metastasis (regional nodes count only when the convention says so); every lesion, counted or not, is
 * ranked for local therapy.
 */
public final class Metastasis {
    private final int index;
    private final Lesion lesion;
    private final boolean counted;

    public Metastasis(int index, Lesion lesion, boolean counted) {
        this.index = index;
        this.lesion = lesion;
        this.counted = counted;
    }

    /** Position in the input, from 0: {@code lesions[index]}. */
    public int getIndex() { return index; }
    public String getId() { return lesion.id(); }
    public Site getSite() { return lesion.site(); }
    public Laterality getLaterality() { return lesion.laterality(); }
    public Double getSizeMm() { return lesion.sizeMm(); }
    public Response getResponse() { return lesion.response(); }
    public Boolean getSafelyTreatable() { return lesion.safelyTreatable(); }
    public Boolean getResectableR0() { return lesion.resectableR0(); }
    public Boolean getSabrConstraintsAchievable() { return lesion.sabrConstraintsAchievable(); }
    public Boolean getPreviouslyIrradiated() { return lesion.previouslyIrradiated(); }
    /** Whether the feature list is known; when it is, {@link #getFeatures()} is complete. */
    public boolean isFeaturesKnown() { return lesion.features() != null; }
    /** The complete feature list, or an empty set when unknown (check {@link #isFeaturesKnown()}). */
    public Set<Feature> getFeatures() { return lesion.features() == null ? Set.of() : lesion.features(); }
    /** Whether it counts as a distant metastasis. */
    public boolean isCounted() { return counted; }
    /** Shortcut: site is {@link Site#LUNG}. */
    public boolean isLung() { return lesion.site() == Site.LUNG; }

    /** Input path of one of this lesion's fields, for explanations: {@code lesions[2].sizeMm}. */
    public String path(String field) {
        return "lesions[" + index + "]." + field;
    }

    /**
     * The value of one of this lesion's input fields by name ({@code sizeMm}), for explanations ({@code "unknown"}
     * when null).
     */
    public String valueOf(String field) {
        CaseField f = CaseField.byPath(CaseField.LESION_PREFIX + field)
                .orElseThrow(() -> new IllegalArgumentException("unknown lesion field '" + field + "'"));
        return Because.value(f.get(lesion));
    }

    @Override
    public String toString() {
        // No case content: identifies the fact by position only.
        return "Metastasis[lesions[" + index + "]]";
    }
}
