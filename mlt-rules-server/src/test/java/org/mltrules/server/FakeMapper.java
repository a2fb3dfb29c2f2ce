package org.mltrules.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.mltrules.PatientCase;
import org.mltrules.fhir.MappingEntry;
import org.mltrules.fhir.MappingJson;
import org.mltrules.fhir.Severity;
import org.mltrules.json.CaseJson;
import org.mltrules.server.internal.BundleMapper;

/**
 * A stand-in for the FHIR mapping in tests of the server's own plumbing: it keeps the Bundle the server built and
 * answers what the test says (by default, the demo case whose id is the Patient's id, in scope when the Bundle
 * holds a Condition).
 */
final class FakeMapper implements BundleMapper {
    final AtomicReference<JsonNode> lastBundle = new AtomicReference<>();
    final AtomicReference<LocalDate> lastAsOf = new AtomicReference<>();
    volatile Function<JsonNode, Mapped> answer = FakeMapper::byPatientId;

    @Override
    public Mapped map(String bundleJson, String caseId, LocalDate asOf) {
        JsonNode bundle;
        try {
            bundle = Http.JSON.readTree(bundleJson);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        lastBundle.set(bundle);
        lastAsOf.set(asOf);
        Mapped m = answer.apply(bundle);
        if (m.patientCase() != null && caseId != null) {
            return new Mapped(m.patientCase().toBuilder().caseId(caseId).build(), caseId, m.report(), List.of(),
                    m.scope());
        }
        return m;
    }

    static Mapped byPatientId(JsonNode bundle) {
        String patientId = null;
        boolean condition = false;
        for (JsonNode e : bundle.path("entry")) {
            String type = e.path("resource").path("resourceType").asText();
            if (type.equals("Patient")) {
                patientId = e.path("resource").path("id").asText();
            }
            condition |= type.equals("Condition");
        }
        PatientCase pc = demo(patientId);
        return new Mapped(pc, pc.caseId(), report(), List.of(), condition ? Scope.IN_SCOPE : Scope.NO_SARCOMA_PRIMARY);
    }

    static JsonNode report() {
        // Written by the FHIR module's own writer, so the fake's report keeps the shape the schema requires.
        String json = MappingJson.reportToJson(List.of(new MappingEntry(Severity.INFO, MappingEntry.Status.SET,
                "histology", "Condition/primary", "MAP-HISTOLOGY-1", "histology from the primary cancer condition")));
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The demo case with this id, from the server's bundled demo cases. */
    static PatientCase demo(String id) {
        try (InputStream in = FakeMapper.class.getClassLoader()
                .getResourceAsStream("org/mltrules/json/demo/demo.jsonl")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.contains("\"caseId\":\"" + id + "\"")) {
                    return CaseJson.read(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalArgumentException("no demo case " + id);
    }
}
