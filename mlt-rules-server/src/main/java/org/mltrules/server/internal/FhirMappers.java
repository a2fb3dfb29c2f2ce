package org.mltrules.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.mltrules.PatientCase;
import org.mltrules.fhir.FhirCaseMapper;
import org.mltrules.fhir.MappingEntry;
import org.mltrules.fhir.MappingJson;
import org.mltrules.fhir.MappingResult;
import org.mltrules.fhir.Severity;

/** The FHIR mapping the server uses: mlt-rules-fhir with its defaults, and the service's scope gate. */
public final class FhirMappers {
    /** The mapping rule of a primary whose morphology is not a sarcoma (rejectNonSarcomaPrimary). */
    static final String NON_SARCOMA_PRIMARY = "MAP-HISTOLOGY-6";
    /** The mapping rule of a record with no current metastasis Condition. */
    static final String NO_CURRENT_METASTASIS = "MAP-LESIONS-1";

    private FhirMappers() {
    }

    /**
     * mlt-rules-fhir's {@link FhirCaseMapper} with its default options; per call the case id and the as-of date
     * (a builder is a handful of fields: making one per request costs nothing next to parsing the bundle).
     */
    public static BundleMapper standard(String localFactSystem) {
        return (json, caseId, asOf) -> {
            FhirCaseMapper.Builder b = FhirCaseMapper.builder().localFactSystem(localFactSystem);
            if (caseId != null) {
                b.caseId(caseId);
            }
            if (asOf != null) {
                b.asOf(asOf);
            }
            return adapt(b.build().map(json));
        };
    }

    /**
     * Maps and assesses a synthetic chart (the project's GIST example bundle) a few times: HAPI builds its model of
     * each resource type on first use and the rules' first evaluations are slow, together several seconds, which
     * the first chart opened after start-up would otherwise spend (and be answered with a timeout card).
     */
    public static void warmUp(BundleMapper mapper, org.mltrules.MltRules rules) {
        String bundle;
        try (java.io.InputStream in = FhirMappers.class.getClassLoader()
                .getResourceAsStream("org/mltrules/server/warm-up-bundle.json")) {
            bundle = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException | NullPointerException e) {
            return;
        }
        for (int i = 0; i < 3; i++) {
            BundleMapper.Mapped m = mapper.map(bundle, "warm-up", null);
            if (m.patientCase() != null) {
                CardBuilder.card(rules.assess(m.patientCase()), m.patientCase(), m.report(), java.util.List.of(),
                        rules.conventions());
            }
        }
    }

    static BundleMapper.Mapped adapt(MappingResult r) {
        JsonNode report = Json.tree(MappingJson.reportToJson(r.report()));
        List<BundleMapper.Problem> errors = new ArrayList<>();
        boolean nonSarcoma = false;
        String lesionsRule = null;
        for (MappingEntry e : r.report()) {
            if (e.severity() == Severity.ERROR) {
                errors.add(new BundleMapper.Problem(e.field(), e.message(), e.rule()));
                nonSarcoma |= NON_SARCOMA_PRIMARY.equals(e.rule());
            }
            if (e.field().equals("lesions") && e.status() != MappingEntry.Status.NOTE) {
                lesionsRule = e.rule();
            }
        }
        PatientCase pc = r.patientCase().orElse(null);
        return new BundleMapper.Mapped(pc, r.caseId(), report, errors, scope(pc, nonSarcoma, lesionsRule));
    }

    /**
     * Whether the record speaks of a sarcoma with metastasis (cds-hooks.md 3.1): no card for a primary that is
     * not a sarcoma, for a record whose histology is unknown or absent (nothing shows a sarcoma), or for a record
     * without a current metastasis (none recorded, or explicitly none). A record that fails to map for another
     * reason stays in scope, so that its warning card says why.
     */
    static BundleMapper.Scope scope(PatientCase pc, boolean nonSarcoma, String lesionsRule) {
        if (nonSarcoma) {
            return BundleMapper.Scope.NO_SARCOMA_PRIMARY;
        }
        if (pc == null) {
            return BundleMapper.Scope.IN_SCOPE;
        }
        if (pc.histology() == null) {
            return BundleMapper.Scope.NO_SARCOMA_PRIMARY;
        }
        boolean noneRecorded = pc.lesions() == null && NO_CURRENT_METASTASIS.equals(lesionsRule);
        if (noneRecorded || pc.lesions() != null && pc.lesions().isEmpty()) {
            return BundleMapper.Scope.NO_METASTASIS;
        }
        return BundleMapper.Scope.IN_SCOPE;
    }
}
