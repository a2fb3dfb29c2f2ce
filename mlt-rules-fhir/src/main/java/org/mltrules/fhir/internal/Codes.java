package org.mltrules.fhir.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.mltrules.Laterality;
import org.mltrules.TherapyKind;

/** Code systems, codes and the curated tables (sites.tsv, drugs.tsv) of the mapping. Immutable, shared. */
final class Codes {
    private Codes() {
    }

    static final String SNOMED = "http://snomed.info/sct";
    static final String LOINC = "http://loinc.org";
    static final String ICDO3 = "http://terminology.hl7.org/CodeSystem/icd-o-3";
    static final String ICDO3_OID = "urn:oid:2.16.840.1.113883.6.43.1";
    static final String ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm";
    static final String ICD10 = "http://hl7.org/fhir/sid/icd-10";
    static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    static final String ATC = "http://www.whocc.no/atc";
    static final String UCUM = "http://unitsofmeasure.org";
    static final String DICOM = "http://dicom.nema.org/resources/ontology/DCM";
    static final String DATA_ABSENT = "http://terminology.hl7.org/CodeSystem/data-absent-reason";

    static final String MCODE_SD = "http://hl7.org/fhir/us/mcode/StructureDefinition/";
    static final String P_PRIMARY = MCODE_SD + "mcode-primary-cancer-condition";
    static final String P_SECONDARY = MCODE_SD + "mcode-secondary-cancer-condition";
    static final String P_TUMOR = MCODE_SD + "mcode-tumor";
    static final String P_TUMOR_SIZE = MCODE_SD + "mcode-tumor-size";
    static final String P_DISEASE_STATUS = MCODE_SD + "mcode-cancer-disease-status";
    static final String P_ECOG = MCODE_SD + "mcode-ecog-performance-status";
    static final String P_KARNOFSKY = MCODE_SD + "mcode-karnofsky-performance-status";
    static final String P_HISTORY = MCODE_SD + "mcode-history-of-metastatic-cancer";
    static final String P_MED_ADMIN = MCODE_SD + "mcode-cancer-related-medication-administration";
    static final String P_MED_REQUEST = MCODE_SD + "mcode-cancer-related-medication-request";
    static final String P_SURGERY = MCODE_SD + "mcode-cancer-related-surgical-procedure";
    static final String P_RADIOTHERAPY = MCODE_SD + "mcode-radiotherapy-course-summary";
    static final String P_HISTOLOGY_OBS = MCODE_SD + "mcode-histologic-behavior-and-type";

    static final String X_HISTOLOGY = MCODE_SD + "mcode-histology-morphology-behavior";
    static final String X_LATERALITY = MCODE_SD + "mcode-laterality-qualifier";
    static final String X_RELATED_CONDITION = MCODE_SD + "mcode-related-condition";
    static final String X_EVIDENCE_TYPE = MCODE_SD + "mcode-cancer-disease-status-evidence-type";
    static final String X_CONDITION_RELATED = "http://hl7.org/fhir/StructureDefinition/condition-related";
    static final String X_ASSERTED_DATE = "http://hl7.org/fhir/StructureDefinition/condition-assertedDate";

    static final String LOINC_TUMOR_SIZE = "21889-1";
    static final String LOINC_MAJOR_AXIS = "33728-7";
    static final Set<String> LOINC_DISEASE_STATUS = Set.of("97509-4", "88040-1");
    static final String LOINC_ECOG = "89247-1";
    static final String LOINC_KARNOFSKY = "89243-0";
    static final String LOINC_HISTOLOGY = "31206-6";
    static final Set<String> LOINC_PLATELETS = Set.of("777-3", "26515-7", "778-1");
    static final Set<String> LOINC_INR = Set.of("6301-6", "34714-6", "38875-1", "46418-0", "52129-4", "61189-7",
            "72281-9", "92891-1");
    static final String SCT_HISTORY_METASTATIC = "1287652008";
    static final String SCT_HISTORY_METASTATIC_LIVER = "1098951000119108";
    static final String SCT_RADIOTHERAPY_COURSE = "1217123003";
    static final String SCT_SURGICAL_PROCEDURE = "387713003";

    /** Imaging methods of TumorSize and imaging evidence of CancerDiseaseStatus. */
    static final Set<String> SCT_IMAGING = Set.of("77477000", "113091000", "82918005", "16310003", "363680008",
            "363679005");
    /** CancerDiseaseStatus values that mean the tumour is gone. */
    static final Set<String> SCT_FULL_REMISSION = Set.of("550991000124107", "103338009");

    static final Map<String, Laterality> SCT_LATERALITY = Map.of("24028007", Laterality.RIGHT, "7771000",
            Laterality.LEFT, "399488007", Laterality.MIDLINE);
    static final String SCT_BOTH_SIDES = "51440002";

    /** SNOMED secondary-neoplasm disorders (code-based classification of a Condition as a metastasis). */
    static final Set<String> SCT_SECONDARY = Set.of("128462008", "94391008", "94493005", "94381002", "94222008",
            "94225005", "94161006", "94503003");
    /** SNOMED malignant primary disorders recognised without the primary profile. */
    static final Set<String> SCT_PRIMARY = Set.of("363346000", "372087000");

    /** Lung resections (curated: 359615001 partial lobectomy, seen in the mCODE examples; 173171007 lobectomy). */
    static final Set<String> SCT_LUNG_RESECTION = Set.of("359615001", "173171007");
    /** Lung body structures, for a resection coded generically with a lung bodySite. */
    static final Set<String> SCT_LUNG = Set.of("39607008", "44029006", "3341006", "31094006");
    /** Generic excision/resection codes that name no organ. */
    static final Set<String> SCT_GENERIC_RESECTION = Set.of("65801008", "387713003");

    static final Set<String> LOCAL_THERAPY_PROFILES = Set.of(P_SURGERY, P_RADIOTHERAPY);

    static boolean isIcdO3(String system) {
        return ICDO3.equals(system) || ICDO3_OID.equals(system);
    }

    static boolean isIcd10(String system) {
        return ICD10CM.equals(system) || ICD10.equals(system);
    }

    /** Whether the concept holds a coding of this system and code. */
    static boolean has(CodeableConcept cc, String system, String code) {
        if (cc == null) {
            return false;
        }
        for (Coding c : cc.getCoding()) {
            if (system.equals(c.getSystem()) && code.equals(c.getCode())) {
                return true;
            }
        }
        return false;
    }

    static boolean hasAny(CodeableConcept cc, String system, Set<String> codes) {
        if (cc == null) {
            return false;
        }
        for (Coding c : cc.getCoding()) {
            if (system.equals(c.getSystem()) && c.getCode() != null && codes.contains(c.getCode())) {
                return true;
            }
        }
        return false;
    }

    /** The first code of a system in the concept, or null. */
    static String code(CodeableConcept cc, String system) {
        if (cc == null) {
            return null;
        }
        for (Coding c : cc.getCoding()) {
            if (system.equals(c.getSystem()) && c.hasCode()) {
                return c.getCode();
            }
        }
        return null;
    }

    /** ICD-10(-CM) code of a secondary malignant neoplasm (C77-C79, C7B). */
    static boolean isIcdSecondary(String code) {
        return code != null && (code.startsWith("C77") || code.startsWith("C78") || code.startsWith("C79")
                || code.startsWith("C7B"));
    }

    /** ICD-10(-CM) code of a malignant primary neoplasm (C00-C76, C7A, C81-C96). */
    static boolean isIcdPrimary(String code) {
        if (code == null || code.length() < 3 || code.charAt(0) != 'C') {
            return false;
        }
        if (code.startsWith("C7A")) {
            return true;
        }
        try {
            int n = Integer.parseInt(code.substring(1, 3));
            return n <= 76 || (n >= 81 && n <= 96);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    // ---------------------------------------------------------------- sites

    /** What a site code says. */
    enum SiteClass {
        LUNG, PLEURA, LIVER, BONE_SPINE, BONE_OTHER, BRAIN, SOFT_TISSUE, ADRENAL, LYMPH_NODE_DISTANT, OTHER,
        BONE, SACRUM, NODE, NODE_CERVICAL, NODE_INTRATHORACIC, NODE_INTRA_ABDOMINAL, NODE_AXILLARY, NODE_INGUINAL,
        NODE_INTRAPELVIC, NOT_IMPLIED, AMBIGUOUS, MARROW;

        boolean isBone() {
            return this == BONE || this == SACRUM || this == BONE_SPINE || this == BONE_OTHER;
        }

        boolean isNode() {
            return name().startsWith("NODE") || this == LYMPH_NODE_DISTANT;
        }

        /** The organ group: codes of different groups contradict each other. */
        String group() {
            if (isBone()) {
                return "BONE";
            }
            if (isNode()) {
                return "NODE";
            }
            return name();
        }
    }

    record SiteCode(SiteClass site, Laterality laterality) { }

    private record SiteRow(String system, String code, boolean prefix, SiteCode value) { }

    private static final List<SiteRow> SITE_ROWS = loadSites();
    private static final Map<String, SiteCode> SITE_EXACT = new HashMap<>();

    static {
        for (SiteRow r : SITE_ROWS) {
            if (!r.prefix()) {
                SITE_EXACT.put(r.system() + "|" + r.code(), r.value());
            }
        }
    }

    /** The site a coding names, or null when the table does not know it. */
    static SiteCode site(Coding c) {
        String system = c.getSystem();
        String code = c.getCode();
        if (system == null || code == null) {
            return null;
        }
        String alias;
        if (SNOMED.equals(system)) {
            alias = "sct";
        } else if (isIcd10(system)) {
            alias = "icd10cm";
        } else if (isIcdO3(system)) {
            alias = "icdo3";
        } else {
            return null;
        }
        String key = code.trim().toUpperCase(Locale.ROOT);
        SiteCode exact = SITE_EXACT.get(alias + "|" + key);
        if (exact != null) {
            return exact;
        }
        SiteCode best = null;
        int bestLength = -1;
        for (SiteRow r : SITE_ROWS) {
            if (r.prefix() && r.system().equals(alias) && key.startsWith(r.code()) && r.code().length() > bestLength) {
                best = r.value();
                bestLength = r.code().length();
            }
        }
        return best;
    }

    /** Whether a coding is of a system the site table covers (an unmapped code of it is reported). */
    static boolean isSiteSystem(String system) {
        return SNOMED.equals(system) || isIcd10(system) || isIcdO3(system);
    }

    private static List<SiteRow> loadSites() {
        List<SiteRow> rows = new ArrayList<>();
        for (String[] f : table("sites.tsv", 4)) {
            String code = f[1];
            boolean prefix = code.endsWith("*");
            Laterality lat = "-".equals(f[3]) ? null : Laterality.valueOf(f[3]);
            rows.add(new SiteRow(f[0], prefix ? code.substring(0, code.length() - 1) : code, prefix,
                    new SiteCode(SiteClass.valueOf(f[2]), lat)));
        }
        return List.copyOf(rows);
    }

    // ---------------------------------------------------------------- drugs

    /** A drug's class: a kind of systemic anticancer therapy, or supportive (not an exposure). */
    record DrugClass(TherapyKind kind, boolean supportive) {
        static final DrugClass SUPPORTIVE = new DrugClass(null, true);
    }

    private static final Map<String, DrugClass> DRUG_BY_NAME = new HashMap<>();
    private static final Map<String, DrugClass> DRUG_BY_RXNORM = new HashMap<>();

    static {
        for (String[] f : table("drugs.tsv", 3)) {
            DrugClass dc = "SUPPORTIVE".equals(f[0]) ? DrugClass.SUPPORTIVE
                    : new DrugClass(TherapyKind.valueOf(f[0]), false);
            DRUG_BY_NAME.put(f[1], dc);
            if (!"-".equals(f[2])) {
                for (String code : f[2].split(",")) {
                    DRUG_BY_RXNORM.put(code.trim(), dc);
                }
            }
        }
    }

    /** Precedence among kinds found in one record (always-active kinds first). */
    static int rank(TherapyKind k) {
        return switch (k) {
            case CHEMOTHERAPY -> 0;
            case TARGETED -> 1;
            case IMMUNOTHERAPY -> 2;
            case MAINTENANCE -> 3;
            case ENDOCRINE -> 4;
        };
    }

    /**
     * Classifies a medication concept: RxNorm ingredient codes, ATC, then ingredient names as words of the
     * displays and text. Null when nothing is recognised.
     */
    static DrugClass drug(CodeableConcept cc) {
        if (cc == null) {
            return null;
        }
        Map<TherapyKind, Boolean> kinds = new EnumMap<>(TherapyKind.class);
        boolean supportive = false;
        List<String> texts = new ArrayList<>();
        if (cc.hasText()) {
            texts.add(cc.getText());
        }
        for (Coding c : cc.getCoding()) {
            if (c.hasDisplay()) {
                texts.add(c.getDisplay());
            }
            DrugClass dc = null;
            if (RXNORM.equals(c.getSystem()) && c.getCode() != null) {
                dc = DRUG_BY_RXNORM.get(c.getCode().trim());
            } else if (ATC.equals(c.getSystem()) && c.getCode() != null) {
                dc = atc(c.getCode().trim().toUpperCase(Locale.ROOT));
            }
            if (dc != null) {
                if (dc.supportive()) {
                    supportive = true;
                } else if (dc.kind() != null) {
                    kinds.put(dc.kind(), Boolean.TRUE);
                }
            }
        }
        for (String t : texts) {
            for (String word : t.toLowerCase(Locale.ROOT).split("[^a-z]+")) {
                DrugClass dc = DRUG_BY_NAME.get(word);
                if (dc != null) {
                    if (dc.supportive()) {
                        supportive = true;
                    } else {
                        kinds.put(dc.kind(), Boolean.TRUE);
                    }
                }
            }
        }
        if (!kinds.isEmpty()) {
            TherapyKind best = null;
            for (TherapyKind k : kinds.keySet()) {
                if (best == null || rank(k) < rank(best)) {
                    best = k;
                }
            }
            return new DrugClass(best, false);
        }
        return supportive ? DrugClass.SUPPORTIVE : null;
    }

    private static DrugClass atc(String code) {
        if (code.startsWith("L01A") || code.startsWith("L01B") || code.startsWith("L01C") || code.startsWith("L01D")) {
            return new DrugClass(TherapyKind.CHEMOTHERAPY, false);
        }
        if (code.startsWith("L01E") || code.startsWith("L01XE")) {
            return new DrugClass(TherapyKind.TARGETED, false);
        }
        if (code.startsWith("L01FF") || code.startsWith("L01FX04")) {
            return new DrugClass(TherapyKind.IMMUNOTHERAPY, false);
        }
        if (code.startsWith("L02")) {
            return new DrugClass(TherapyKind.ENDOCRINE, false);
        }
        if (code.startsWith("A04A") || code.startsWith("H02") || code.startsWith("L03AA") || code.startsWith("M05")
                || code.startsWith("V03AF")) {
            return DrugClass.SUPPORTIVE;
        }
        return null;
    }

    // ---------------------------------------------------------------- table files

    private static List<String[]> table(String name, int columns) {
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = Codes.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing table " + name);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                if (f.length != columns) {
                    throw new IllegalStateException("bad row in " + name + ": " + line);
                }
                rows.add(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }
}
