package org.mltrules.server.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The prefetch templates of the service (cds-hooks.md 1.3): together they cover every resource type the mapper
 * reads. No {@code _sort}/{@code _count}: the mapper applies its own look-back windows and needs every candidate.
 */
public final class Prefetch {
    private Prefetch() {
    }

    static final String PATIENT = "patient";
    static final String CONDITIONS = "conditions";

    /** Key to template, in a stable order; {@code patient} and {@code conditions} are required. */
    public static Map<String, String> templates(String localFactSystem) {
        Map<String, String> t = new LinkedHashMap<>();
        String p = "?patient={{context.patientId}}";
        t.put(PATIENT, "Patient/{{context.patientId}}");
        t.put(CONDITIONS, "Condition" + p);
        t.put("tumors", "BodyStructure" + p);
        t.put("ecog", "Observation" + p + "&code=http://loinc.org|89247-1");
        t.put("tumorSize", "Observation" + p + "&code=http://loinc.org|21889-1");
        t.put("diseaseStatus", "Observation" + p + "&code=http://loinc.org|97509-4");
        t.put("metastaticHistory", "Observation" + p + "&code=http://snomed.info/sct|1287652008");
        t.put("histology", "Observation" + p + "&code=http://loinc.org|31206-6");
        t.put("labs", "Observation" + p + "&code=http://loinc.org|777-3,http://loinc.org|26515-7,"
                + "http://loinc.org|6301-6,http://loinc.org|34714-6");
        t.put("localFacts", "Observation" + p + "&code=" + localFactSystem + "|");
        t.put("medicationAdministrations", "MedicationAdministration" + p);
        t.put("medicationRequests", "MedicationRequest" + p);
        t.put("procedures", "Procedure" + p);
        return t;
    }

    static boolean required(String key) {
        return PATIENT.equals(key) || CONDITIONS.equals(key);
    }
}
