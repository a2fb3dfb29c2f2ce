package org.mltrules.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.hl7.fhir.r4.model.Bundle;
import org.mltrules.Lesion;
import org.mltrules.PatientCase;
import org.mltrules.TherapyStatus;

/**
 * Removing resources from a record never turns an unknown fact into a known negative ({@code false},
 * therapy {@code NONE}, {@code lesions: []}, no lung resection, an empty feature list): negatives need evidence.
 */
class AbsenceIsNeverNegativeTest {

    enum Source { V02, V11, JOHN_ONE_LESION }

    static Bundle bundle(Source s) {
        return switch (s) {
            case V02 -> Fixtures.bundle(Fixtures.V02);
            case V11 -> Fixtures.bundle(Fixtures.V11);
            case JOHN_ONE_LESION -> McodeExamplesTest.john();
        };
    }

    static FhirCaseMapper mapper(Source s) {
        FhirCaseMapper.Builder b = FhirCaseMapper.builder().caseId("p");
        if (s == Source.JOHN_ONE_LESION) {
            b.conditionWithoutTumour(FhirCaseMapper.ConditionWithoutTumour.ONE_LESION);
        }
        return b.build();
    }

    /** The known negatives of a case, lesion facts keyed by lesion id. */
    static Set<String> negatives(PatientCase c) {
        Set<String> out = new HashSet<>();
        if (Boolean.FALSE.equals(c.history().polymetastatic())) {
            out.add("history.polymetastatic");
        }
        if (Boolean.FALSE.equals(c.history().oligometastatic())) {
            out.add("history.oligometastatic");
        }
        if (c.systemicTherapy().status() == TherapyStatus.NONE) {
            out.add("systemicTherapy.status");
        }
        if (c.lesions() != null && c.lesions().isEmpty()) {
            out.add("lesions");
        }
        if (Integer.valueOf(0).equals(c.priorLungResections())) {
            out.add("priorLungResections");
        }
        addIfFalse(out, "medicallyOperable", c.medicallyOperable());
        addIfFalse(out, "declinesSurgery", c.declinesSurgery());
        addIfFalse(out, "pulmonaryReserveAdequate", c.pulmonaryReserveAdequate());
        addIfFalse(out, "parenchymaSparingNeeded", c.parenchymaSparingNeeded());
        if (c.lesions() != null) {
            for (Lesion l : c.lesions()) {
                addIfFalse(out, l.id() + ".safelyTreatable", l.safelyTreatable());
                addIfFalse(out, l.id() + ".resectableR0", l.resectableR0());
                addIfFalse(out, l.id() + ".sabrConstraintsAchievable", l.sabrConstraintsAchievable());
                addIfFalse(out, l.id() + ".previouslyIrradiated", l.previouslyIrradiated());
                if (l.features() != null && l.features().isEmpty()) {
                    out.add(l.id() + ".features");
                }
            }
        }
        return out;
    }

    private static void addIfFalse(Set<String> out, String name, Boolean value) {
        if (Boolean.FALSE.equals(value)) {
            out.add(name);
        }
    }

    @Provide
    Arbitrary<List<Integer>> removals() {
        return Arbitraries.integers().between(0, 40).list().ofMinSize(1).ofMaxSize(6).uniqueElements();
    }

    @Property(tries = 200)
    void removingResourcesNeverMakesAKnownNegative(@ForAll Source source, @ForAll("removals") List<Integer> drop) {
        // Given a record and its mapping
        FhirCaseMapper mapper = mapper(source);
        PatientCase full = mapper.map(bundle(source)).patientCase().orElseThrow();

        // When some of its resources are removed
        Bundle reduced = bundle(source);
        List<Bundle.BundleEntryComponent> entries = reduced.getEntry();
        List<Bundle.BundleEntryComponent> gone = drop.stream().filter(i -> i < entries.size()).map(entries::get)
                .toList();
        entries.removeAll(gone);
        MappingResult result = mapper.map(Fixtures.json(reduced));

        // Then every negative of the reduced record was already a negative of the full one
        result.patientCase().ifPresent(c -> assertThat(negatives(full)).containsAll(negatives(c)));
    }
}
