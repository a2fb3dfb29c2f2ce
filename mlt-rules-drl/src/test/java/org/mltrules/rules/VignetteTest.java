package org.mltrules.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mltrules.Assessment;
import org.mltrules.MltRules;
import org.mltrules.PatientCase;
import org.mltrules.Technique;
import org.mltrules.json.AssessmentJson;
import org.mltrules.json.CaseJson;

/**
 * The published clinical vignettes (test resource {@code vignettes.jsonl}: one line per vignette with the
 * {@code expected} category, the expected {@code missing} facts and the {@code case}), read through the JSON case
 * format, assessed by the bundled rules, and written back through the JSON assessment format.
 */
class VignetteTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Built once: loading the rules is the expensive part, assessing is cheap. */
    private static final MltRules RULES = MltRules.bundled();

    static Stream<Arguments> vignettes() throws IOException {
        List<Arguments> out = new ArrayList<>();
        try (InputStream in = VignetteTest.class.getResourceAsStream("/vignettes.jsonl")) {
            assertThat(in).as("test resource vignettes.jsonl").isNotNull();
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode v = MAPPER.readTree(line);
                List<String> missing = new ArrayList<>();
                v.get("missing").forEach(m -> missing.add(m.asText()));
                JsonNode c = v.get("case");
                out.add(Arguments.of(c.get("caseId").asText(), v.get("expected").asText(), missing,
                        MAPPER.writeValueAsString(c)));
            }
        }
        assertThat(out).as("vignettes").isNotEmpty();
        return out.stream();
    }

    @ParameterizedTest(name = "{0} is {1}")
    @MethodSource("vignettes")
    void vignetteIsClassifiedAsPublished(String caseId, String expected, List<String> missing, String caseJson)
            throws IOException {
        // Given the vignette's case, read through the JSON case format
        PatientCase patientCase = CaseJson.read(caseJson);

        // When the bundled rules assess it
        Assessment a = RULES.assess(patientCase);

        // Then the category and the missing facts are the published ones
        assertThat(a.caseId()).isEqualTo(caseId);
        assertThat(a.category().name()).isEqualTo(expected);
        assertThat(a.classification().missing()).containsExactlyElementsOf(missing);

        // And the JSON assessment says the same
        JsonNode written = MAPPER.readTree(AssessmentJson.toJson(a));
        assertThat(written.get("caseId").asText()).isEqualTo(caseId);
        assertThat(written.get("classification").get("category").asText()).isEqualTo(expected);
        assertThat(texts(written.get("classification").get("missing"))).containsExactlyElementsOf(missing);
        assertThat(written.get("disclaimer").asText()).isEqualTo(Assessment.DISCLAIMER);
        JsonNode lesions = written.get("lesions");
        assertThat(lesions).hasSize(patientCase.lesions() == null ? 0 : patientCase.lesions().size());
        for (int i = 0; i < lesions.size(); i++) {
            JsonNode lesion = lesions.get(i);
            assertThat(lesion.get("lesionId").asText()).isEqualTo(patientCase.lesions().get(i).id());
            // Every technique appears exactly once per lesion, ranked or excluded.
            List<String> techniques = new ArrayList<>();
            lesion.get("options").forEach(o -> techniques.add(o.get("technique").asText()));
            lesion.get("excluded").forEach(x -> techniques.add(x.get("technique").asText()));
            assertThat(techniques).containsExactlyInAnyOrderElementsOf(
                    Stream.of(Technique.values()).map(Enum::name).toList());
        }
        Set<String> fired = new HashSet<>(texts(written.get("firedRules")));
        assertThat(fired).containsExactlyInAnyOrderElementsOf(a.firedRules());
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
