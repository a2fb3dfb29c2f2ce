package org.mltrules.server.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Only allow-listed FHIR bases are ever contacted, whatever a request's fhirServer says. */
class FhirBasesTest {
    final FhirBases bases = new FhirBases(List.of("https://ehr.example.org/fhir/r4/", "http://127.0.0.1:9090/fhir"));

    @Test
    void theSameBaseWrittenDifferentlyMatches() {
        assertThat(bases.match("https://EHR.example.org:443/fhir/r4")).isEqualTo("https://ehr.example.org/fhir/r4");
        assertThat(bases.match("https://ehr.example.org/fhir/r4/")).isNotNull();
        assertThat(bases.match("http://127.0.0.1:9090/fhir")).isNotNull();
    }

    @Test
    void anythingElseIsRefused() {
        for (String forged : new String[] {"https://ehr.example.org/fhir", "https://ehr.example.org/fhir/r4/x",
                "https://ehr.example.org:8443/fhir/r4", "http://ehr.example.org/fhir/r4",
                "https://user:pw@ehr.example.org/fhir/r4", "https://ehr.example.org/fhir/r4?x=1",
                "https://ehr.example.org/fhir/r4#x", "https://ehr.example.org.evil.test/fhir/r4",
                "https://ehr.example.org/fhir/r4/../../admin", "http://127.0.0.1:9091/fhir",
                "http://169.254.169.254/latest", "file:///etc/passwd", "not a url", ""}) {
            assertThat(bases.match(forged)).as(forged).isNull();
        }
        assertThat(bases.match(null)).isNull();
    }

    @Test
    void plainHttpIsAllowListedOnlyOnLoopback() {
        assertThatThrownBy(() -> new FhirBases(List.of("http://ehr.example.org/fhir")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new FhirBases(List.of("http://localhost:8080/fhir")).match("http://LOCALHOST:8080/fhir/"))
                .isNotNull();
    }

    @Test
    void templatesAreFilledAndEncoded() {
        assertThat(FhirFetcher.fill("Observation?patient={{context.patientId}}&code=http://loinc.org|89247-1",
                java.util.Map.of("context.patientId", "p-1")))
                .isEqualTo("Observation?patient=p-1&code=http%3A%2F%2Floinc.org%7C89247-1");
        assertThat(FhirFetcher.fill("Patient/{{context.patientId}}", java.util.Map.of("context.patientId", "p.2")))
                .isEqualTo("Patient/p.2");
    }
}
