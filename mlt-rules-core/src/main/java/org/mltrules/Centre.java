package org.mltrules;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * What the treating centre can offer. A technique it lacks, or an ablation at a site it does not ablate, is
 * excluded with an explicit reason ({@code UNAVAILABLE}, {@code H10}), never dropped silently.
 *
 * @param availableTechniques techniques the centre offers; default all five
 * @param nonAblatableSites   sites where thermal or cryo-ablation is not offered (rule H10); default {@code BRAIN}
 */
public record Centre(Set<Technique> availableTechniques, Set<Site> nonAblatableSites) {

    /** All five techniques; no ablation in the brain. */
    public static final Centre DEFAULTS = new Centre(EnumSet.allOf(Technique.class), EnumSet.of(Site.BRAIN));

    public Centre {
        availableTechniques = copy(availableTechniques, Technique.class, "availableTechniques");
        nonAblatableSites = copy(nonAblatableSites, Site.class, "nonAblatableSites");
    }

    private static <E extends Enum<E>> Set<E> copy(Collection<E> values, Class<E> type, String name) {
        Objects.requireNonNull(values, name + " must not be null");
        EnumSet<E> set = EnumSet.noneOf(type);
        for (E e : values) {
            set.add(Objects.requireNonNull(e, name + " must not contain null"));
        }
        return Collections.unmodifiableSet(set);
    }

    /**
     * A centre offering only the given techniques (ablation still not offered in the brain). A technique given
     * twice counts once.
     */
    public static Centre offering(Technique... techniques) {
        return new Centre(new LinkedHashSet<>(Arrays.asList(techniques)), DEFAULTS.nonAblatableSites);
    }

    /** This centre with another set of sites where ablation is not offered; a site given twice counts once. */
    public Centre withNonAblatableSites(Site... sites) {
        return new Centre(availableTechniques, new LinkedHashSet<>(Arrays.asList(sites)));
    }
}
