package org.mltrules;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One metastasis currently known. Every fact but {@code id} and {@code site} may be {@code null}: unknown, never
 * false. Range checks (positive size, unique ids) are made by {@link MltRules#assess(PatientCase)}, which reports
 * every problem at once.
 *
 * @param id                        the host's lesion reference, unique in the case
 * @param site                      where the lesion is
 * @param laterality                side of the body
 * @param sizeMm                    largest diameter in millimetres
 * @param response                  versus prior imaging; {@link Response#NOT_ASSESSABLE} when there is none
 * @param safelyTreatable           whether curative-intent local therapy of this site is safe (ESTRO-ASTRO OMD)
 * @param resectableR0              whether a complete (R0) resection is feasible
 * @param sabrConstraintsAchievable whether SABR dose constraints can be met
 * @param previouslyIrradiated      prior radiotherapy overlapping this lesion
 * @param features                  the lesion's complete feature list; {@code null} = unknown
 */
public record Lesion(String id, Site site, Laterality laterality, Double sizeMm, Response response,
                     Boolean safelyTreatable, Boolean resectableR0, Boolean sabrConstraintsAchievable,
                     Boolean previouslyIrradiated, Set<Feature> features) {

    public Lesion {
        Objects.requireNonNull(id, "lesion id must not be null");
        Objects.requireNonNull(site, "lesion site must not be null");
        features = features == null ? null : immutableFeatures(features);
    }

    private static Set<Feature> immutableFeatures(Collection<Feature> features) {
        EnumSet<Feature> set = EnumSet.noneOf(Feature.class);
        for (Feature f : features) {
            set.add(Objects.requireNonNull(f, "features must not contain null"));
        }
        return Collections.unmodifiableSet(set);
    }

    /** A builder for a lesion with the required id and site; every other fact starts unknown. */
    public static Builder builder(String id, Site site) {
        return new Builder(id, site);
    }

    /** A builder initialised with this lesion's facts. */
    public Builder toBuilder() {
        Builder b = new Builder(id, site);
        b.laterality = laterality;
        b.sizeMm = sizeMm;
        b.response = response;
        b.safelyTreatable = safelyTreatable;
        b.resectableR0 = resectableR0;
        b.sabrConstraintsAchievable = sabrConstraintsAchievable;
        b.previouslyIrradiated = previouslyIrradiated;
        b.features = features;
        return b;
    }

    /** Builder of {@link Lesion}; not thread-safe. */
    public static final class Builder {
        private String id;
        private Site site;
        private Laterality laterality;
        private Double sizeMm;
        private Response response;
        private Boolean safelyTreatable;
        private Boolean resectableR0;
        private Boolean sabrConstraintsAchievable;
        private Boolean previouslyIrradiated;
        private Set<Feature> features;

        private Builder(String id, Site site) {
            this.id = id;
            this.site = site;
        }

        public Builder id(String id) { this.id = id; return this; }
        public Builder site(Site site) { this.site = site; return this; }
        public Builder laterality(Laterality laterality) { this.laterality = laterality; return this; }
        public Builder sizeMm(Number sizeMm) { this.sizeMm = sizeMm == null ? null : sizeMm.doubleValue(); return this; }
        public Builder response(Response response) { this.response = response; return this; }
        public Builder safelyTreatable(Boolean value) { this.safelyTreatable = value; return this; }
        public Builder resectableR0(Boolean value) { this.resectableR0 = value; return this; }
        public Builder sabrConstraintsAchievable(Boolean value) { this.sabrConstraintsAchievable = value; return this; }
        public Builder previouslyIrradiated(Boolean value) { this.previouslyIrradiated = value; return this; }

        /** The complete feature list; {@code features()} with no argument states that the lesion has none. */
        public Builder features(Feature... features) {
            this.features = features == null ? null : immutableFeatures(java.util.Arrays.asList(features));
            return this;
        }

        /** The complete feature list, or {@code null} for unknown. */
        public Builder features(Collection<Feature> features) {
            this.features = features == null ? null : immutableFeatures(features);
            return this;
        }

        /**
         * Sets a lesion field by its {@link CaseField} (for mappers that work field by field): a value of the
         * field's {@link CaseField.Type#javaType()}, or {@code null} for unknown (not for the id and the site).
         *
         * @throws IllegalArgumentException for a case field or a value of another type
         */
        public Builder set(CaseField field, Object value) {
            field.set(this, value);
            return this;
        }

        public Lesion build() {
            return new Lesion(id, site, laterality, sizeMm, response, safelyTreatable, resectableR0,
                    sabrConstraintsAchievable, previouslyIrradiated, features);
        }
    }
}
