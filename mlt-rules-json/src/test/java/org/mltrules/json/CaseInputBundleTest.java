package org.mltrules.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.mltrules.CaseProblem;
import org.mltrules.json.CaseInput.Format;

/**
 * A batch opened with bundles allowed: an HL7 FHIR Bundle may stand wherever a case may, and is passed on unread,
 * as its JSON text, for a FHIR mapper.
 */
class CaseInputBundleTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CASE = "{\"caseId\": \"a\", \"ecog\": 0}";
    private static final String BUNDLE = "{\"resourceType\": \"Bundle\", \"id\": \"b1\", \"type\": \"collection\","
            + " \"entry\": [{\"resource\": {\"resourceType\": \"Patient\", \"id\": \"p\"}},"
            + " {\"resource\": {\"resourceType\": \"Observation\", \"id\": \"o\", \"valueQuantity\": {\"value\": 1.50}}}]}";

    private static List<CaseRecord> read(String text, boolean bundles) throws IOException {
        try (CaseInput input = CaseInput.open(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                bundles)) {
            List<CaseRecord> out = new ArrayList<>();
            input.forEachRemaining(out::add);
            return out;
        }
    }

    @Test
    @DisplayName("JSON Lines mixing cases and bundles: each bundle line comes back as written, with its line number")
    void jsonLinesMixingCasesAndBundles() throws IOException {
        List<CaseRecord> r = read(CASE + "\n" + BUNDLE + "\n\n" + CASE.replace("\"a\"", "\"c\"") + "\n", true);

        assertThat(r).extracting(CaseRecord::index, CaseRecord::line, CaseRecord::isValid, CaseRecord::isBundle)
                .containsExactly(tuple(0L, 1L, true, false), tuple(1L, 2L, false, true), tuple(2L, 4L, true, false));
        assertThat(r.get(1).bundle()).isEqualTo(BUNDLE);
        assertThat(r.get(1).caseId()).isNull();
    }

    @Test
    @DisplayName("a pretty-printed bundle alone, and bundles in an array, keep their content (decimals exact)")
    void bundleAloneAndInAnArray() throws IOException {
        String pretty = "{\n  " + BUNDLE.substring(1).replace(", ", ",\n  ");
        List<CaseRecord> alone = read(pretty, true);
        List<CaseRecord> array = read("[" + CASE + ",\n" + pretty + ",\n" + BUNDLE + "]", true);

        assertThat(alone).singleElement().satisfies(b -> {
            assertThat(b.isBundle()).isTrue();
            assertThat(b.line()).isNull();
            assertThat(JSON.readTree(b.bundle())).isEqualTo(JSON.readTree(BUNDLE));
            assertThat(b.bundle()).contains("1.50");
        });
        assertThat(array).extracting(CaseRecord::isValid, CaseRecord::isBundle)
                .containsExactly(tuple(true, false), tuple(false, true), tuple(false, true));
        assertThat(JSON.readTree(array.get(2).bundle())).isEqualTo(JSON.readTree(BUNDLE));
    }

    @Test
    @DisplayName("resourceType need not come first in a bundle of ordinary size")
    void resourceTypeAnywhere() throws IOException {
        String late = "{\"id\": \"b2\", \"type\": \"collection\", \"resourceType\": \"Bundle\"}";
        assertThat(read(late, true)).singleElement().extracting(CaseRecord::isBundle).isEqualTo(true);
    }

    @Test
    @DisplayName("without bundles allowed, a bundle is read as a case, and rejected as one (nothing changes for hosts)")
    void bundlesOnlyWhenAsked() throws IOException {
        List<CaseRecord> r = read(BUNDLE, false);
        assertThat(r).singleElement().satisfies(c -> {
            assertThat(c.isBundle()).isFalse();
            assertThat(c.problems()).extracting(CaseProblem::field).contains("caseId", "resourceType");
        });
    }

    @Test
    @DisplayName("another resource type is not a bundle: it is read, and rejected, as a case")
    void anotherResourceIsNotABundle() throws IOException {
        List<CaseRecord> r = read("{\"resourceType\": \"Patient\", \"id\": \"p\"}", true);
        assertThat(r).singleElement().satisfies(c -> {
            assertThat(c.isBundle()).isFalse();
            assertThat(c.problems()).extracting(CaseProblem::field).contains("caseId");
        });
    }

    @Test
    @DisplayName("a bundle with a duplicate key is rejected with the FHIR path of the key")
    void duplicateKeyInABundle() throws IOException {
        String dup = "{\"resourceType\": \"Bundle\", \"entry\": [{\"resource\": {\"id\": \"x\", \"id\": \"y\"}}]}";
        List<CaseRecord> r = read(dup + "\n" + CASE + "\n", true);

        assertThat(r.get(0).isRejected()).isTrue();
        assertThat(r.get(0).problems()).extracting(CaseProblem::field).containsExactly("Bundle.entry[0].resource.id");
        assertThat(r.get(0).rejection().line()).isEqualTo(1L);
        assertThat(r.get(1).isValid()).isTrue();
    }

    @Test
    @DisplayName("a JSON Lines line may hold a bundle of up to 10 MiB, but a case of at most 1 MiB")
    void lineLimitsOfBundlesAndCases() throws IOException {
        String filler = "x".repeat(60_000);
        StringBuilder big = new StringBuilder("{\"resourceType\": \"Bundle\", \"entry\": [");
        for (int i = 0; i < 40; i++) {
            big.append(i == 0 ? "" : ",").append("{\"resource\": {\"resourceType\": \"Basic\", \"id\": \"").append(i)
                    .append("\", \"text\": {\"div\": \"").append(filler).append("\"}}}");
        }
        big.append("]}");
        String bigCase = "{\"caseId\": \"big\", \"x\": [" + ("\"" + filler + "\",").repeat(20) + "0]}";
        String tooBig = "{\"resourceType\": \"Bundle\", \"entry\": [" + ("\"" + filler + "\",").repeat(180) + "0]}";

        List<CaseRecord> r = read(big + "\n" + bigCase + "\n" + tooBig + "\n" + CASE + "\n", true);

        assertThat(big.length()).isBetween(1 << 21, 10 << 20);
        assertThat(r.get(0).isBundle()).isTrue();
        assertThat(r.get(0).bundle()).hasSize(big.length());
        assertThat(r.get(1).problems()).extracting(CaseProblem::message).singleElement().asString()
                .startsWith("line too long: " + bigCase.length() + " bytes, the limit is 1048576 bytes (1 MiB) for a"
                        + " case and 10485760 bytes (10 MiB) for a FHIR Bundle");
        assertThat(r.get(2).problems()).extracting(CaseProblem::message).singleElement().asString()
                .startsWith("line too long: " + tooBig.length() + " bytes");
        assertThat(r.get(3).isValid()).isTrue();
    }

    @Test
    @DisplayName("a bundle with more values than a case may hold is read whole")
    void bundleBeyondTheCaseLimits() throws IOException {
        StringBuilder b = new StringBuilder("[{\"resourceType\": \"Bundle\", \"entry\": [");
        for (int i = 0; i < 5_000; i++) {
            b.append(i == 0 ? "" : ",").append("{\"resource\": {\"resourceType\": \"Basic\", \"id\": \"r")
                    .append(i).append("\"}}");
        }
        b.append("]}]");
        List<CaseRecord> r = read(b.toString(), true);
        assertThat(r).singleElement().satisfies(c -> {
            assertThat(c.isBundle()).isTrue();
            assertThat(JSON.readTree(c.bundle()).get("entry")).hasSize(5_000);
        });
    }

    @Test
    void formatDetectionIsUnchangedByBundles() throws IOException {
        try (CaseInput input = CaseInput.open(new ByteArrayInputStream(BUNDLE.getBytes(StandardCharsets.UTF_8)),
                true)) {
            assertThat(input.format()).isEqualTo(Format.JSON_LINES);
        }
    }
}
