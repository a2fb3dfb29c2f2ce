package org.mltrules.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An analyst's rule folder with a rule whose condition throws for some patients (ECOG 3: it divides by
 * {@code ecog - 3}): on Spark, exactly those patients' rows are error rows naming the rule, the job completes, and
 * every row is what {@code mlt-rules assess --rules DIR --format jsonl} writes.
 */
class FailingRuleFolderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String FAILING_RULE = "Z1 condition fails for ECOG 3";
    static final String DRL = """
            package org.mltrules.rules;

            import org.mltrules.facts.Patient;

            rule "%s"
                @id("Z1") @evidence("expert-convention") @tier("E")
            when
                Patient( ecog == 3, 10 / (ecog - 3) > 0 )
            then
            end
            """.formatted(FAILING_RULE);

    private static Path rules;
    private static List<String> cases;
    private static List<Row> spark;
    private static List<byte[]> cli;

    @BeforeAll
    static void assessWithTheFailingRule(@TempDir Path dir) throws IOException {
        // Given the bundled rules plus a rule that fails for ECOG 3, and a generated cohort
        rules = dir.resolve("rules");
        CommandLine.copyBundledRules(rules);
        Files.writeString(rules.resolve("zz-failing.drl"), DRL);
        Path cohort = dir.resolve("cohort.jsonl");
        CommandLine.generate(1000, 17, cohort);
        cases = Files.readAllLines(cohort, StandardCharsets.UTF_8);

        // When it is assessed with that folder on Spark and by the command line
        spark = MltRulesSpark.assess(TestSpark.session().read().textFile(cohort.toString()), RuleSource.folder(rules))
                .collectAsList();
        cli = CommandLine.assessJsonLines(cohort, rules);
    }

    @Test
    @DisplayName("a rule that throws for ECOG 3 fails exactly the ECOG 3 patients' rows, naming the rule")
    void failingRuleFailsOnlyItsRows() throws IOException {
        long ecog3 = 0;
        for (int i = 0; i < cases.size(); i++) {
            JsonNode c = JSON.readTree(cases.get(i));
            Row r = spark.get(i);
            if (c.path("ecog").asInt(-1) == 3) {
                ecog3++;
                assertThat(r.getString(3)).isNull();
                JsonNode error = JSON.readTree(r.getString(4));
                assertThat(error.get("index").asLong()).isEqualTo(i);
                assertThat(error.get("caseId").asText()).isEqualTo(c.get("caseId").asText());
                assertThat(error.at("/errors/0/rule").asText()).isEqualTo(FAILING_RULE);
            } else {
                assertThat(r.getString(4)).as("row %d", i).isNull();
                assertThat(r.getString(3)).isNotNull();
            }
        }
        assertThat(ecog3).as("the cohort has ECOG 3 patients").isGreaterThan(10);
    }

    @Test
    @DisplayName("with an analyst's rule folder too, every row is what the command line writes with --rules")
    void sameAsTheCommandLineWithTheFolder() throws IOException {
        SameAsCommandLineTest.assertSameAsCommandLine(spark, cli);
        String assessment = spark.stream().map(r -> r.getString(3)).filter(a -> a != null).findFirst().orElseThrow();
        assertThat(JSON.readTree(assessment).at("/rules/fingerprint").asText())
                .isEqualTo(RuleSource.folder(rules).fingerprint())
                .isNotEqualTo(RuleSource.bundled().fingerprint());
    }
}
