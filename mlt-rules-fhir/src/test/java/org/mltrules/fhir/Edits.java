package org.mltrules.fhir;

import java.util.List;
import org.hl7.fhir.r4.model.BodyStructure;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/** Small edits of parsed bundles for the one-resource-changes tests. */
final class Edits {
    private Edits() {
    }

    @SuppressWarnings("unchecked")
    static <T extends Resource> T find(Bundle b, String id) {
        for (Bundle.BundleEntryComponent e : b.getEntry()) {
            if (e.getResource() != null && id.equals(e.getResource().getIdElement().getIdPart())) {
                return (T) e.getResource();
            }
        }
        throw new IllegalArgumentException("no resource " + id);
    }

    static Bundle remove(Bundle b, String... ids) {
        List<String> gone = List.of(ids);
        b.getEntry().removeIf(e -> e.getResource() != null
                && gone.contains(e.getResource().getIdElement().getIdPart()));
        return b;
    }

    static Bundle add(Bundle b, Resource r) {
        b.addEntry().setFullUrl("http://example.org/fhir/" + r.fhirType() + "/" + r.getIdElement().getIdPart())
                .setResource(r);
        return b;
    }

    static Reference subjectOf(Resource r) {
        if (r instanceof Condition c) {
            return c.getSubject();
        } else if (r instanceof Observation o) {
            return o.getSubject();
        } else if (r instanceof BodyStructure bs) {
            return bs.getPatient();
        } else if (r instanceof MedicationRequest m) {
            return m.getSubject();
        } else if (r instanceof MedicationAdministration m) {
            return m.getSubject();
        } else if (r instanceof Procedure p) {
            return p.getSubject();
        }
        return null;
    }

    static void pointAtPatient(Resource r, String reference) {
        Reference s = subjectOf(r);
        if (s != null) {
            s.setReference(reference);
            s.setResource(null);
        }
    }
}
