package org.mltrules.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch with a rule that fails in the worst ways an analyst can write: it runs out of memory, sleeps past the
 * deadline, or spins ignoring interruption. The batch loses no case assessed before it, never prints a stack trace
 * or case content, and (but for memory) goes on.
 */
class FailingRulesBatchTest {
    @TempDir
    static Path dir;
    static Path rules;

    static final String STOP_SPINNING = "mltrules.test.cli.stopSpinning";

    /** A small rule set (fast to compile) whose rules fail for a distinctive number of prior lung resections. */
    @BeforeAll
    static void failingRules() throws IOException {
        rules = Files.createDirectories(dir.resolve("rules"));
        Files.writeString(rules.resolve("ruleset.properties"), "name=failing\nversion=1\n");
        Files.writeString(rules.resolve("failing.drl"), """
                package org.mltrules.rules;
                import org.mltrules.Category;
                import org.mltrules.Step;
                import org.mltrules.facts.Path;
                import org.mltrules.facts.Patient;

                rule "T1 everything is indeterminate"
                    @id("T1") @tier("E") @evidence("test")
                when
                    $path : Path( at == Step.P1 )
                then
                    modify( $path ) { setCategory( Category.INDETERMINATE ), setAt( Path.DONE ) }
                end

                rule "Z13 sleeps for 87"
                    @id("Z13") @tier("E") @evidence("test")
                when
                    Patient( priorLungResections == 87 )
                then
                    Thread.sleep( 60000 );
                end

                rule "Z14 spins for 88"
                    @id("Z14") @tier("E") @evidence("test")
                when
                    Patient( priorLungResections == 88 )
                then
                    long end = System.nanoTime() + 30000000000L;
                    while ( !Boolean.getBoolean( "%s" ) && System.nanoTime() < end ) {
                    }
                end

                rule "Z15 allocates too much for 89"
                    @id("Z15") @tier("E") @evidence("test")
                when
                    Patient( priorLungResections == 89 )
                then
                    long[] huge = new long[Integer.MAX_VALUE - 8];
                end
                """.formatted(STOP_SPINNING));
    }

    private static String batch(int... resections) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < resections.length; i++) {
            b.append("{\"caseId\": \"PATIENT-").append(i + 1).append("\", \"priorLungResections\": ")
                    .append(resections[i]).append("}\n");
        }
        return b.toString();
    }

    @Test
    @DisplayName("a rule that runs out of memory ends the run with one line; every case before it is written")
    void outOfMemoryFlushesEverythingBefore() {
        // Given five cases, the fourth of which makes a rule allocate more than any heap holds
        String input = batch(1, 2, 3, 89, 4);

        // When they are assessed on two workers
        Cli.Run run = Cli.runWithInput(input, "assess", "--format", "jsonl", "--workers", "2", "--rules",
                rules.toString(), "-");

        // Then the run fails with one clear line, after writing the three cases before it, in order
        assertThat(run.code()).isEqualTo(Main.INTERNAL_ERROR);
        assertThat(run.jsonLines()).extracting(a -> a.get("caseId").asText())
                .containsExactly("PATIENT-1", "PATIENT-2", "PATIENT-3");
        assertThat(run.err().lines().toList()).singleElement().asString()
                .startsWith("mlt-rules: out of memory while assessing case #4; the 3 case(s) before it were written");
        assertThat(run.err()).doesNotContain("\tat ", "Exception", "PATIENT");
    }

    @Test
    @DisplayName("a rule that sleeps past --case-timeout fails its case, naming the rule; the batch goes on")
    void aSleepingRuleFailsItsCaseOnly() {
        long start = System.nanoTime();
        Cli.Run run = Cli.runWithInput(batch(1, 87, 2), "assess", "--format", "jsonl", "--case-timeout", "1s",
                "--rules", rules.toString(), "-");
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);

        assertThat(run.code()).isEqualTo(Main.CASE_ERRORS);
        List<JsonNode> out = run.jsonLines();
        assertThat(out).extracting(a -> a.get("caseId").asText()).containsExactly("PATIENT-1", "PATIENT-2",
                "PATIENT-3");
        assertThat(out.get(0).has("classification")).isTrue();
        assertThat(out.get(1).at("/errors/0/rule").asText()).isEqualTo("Z13 sleeps for 87");
        assertThat(out.get(1).at("/errors/0/message").asText()).isEqualTo("rule \"Z13 sleeps for 87\" failed: the "
                + "case ran past its evaluation deadline of 1 s (this rule was running)");
        assertThat(out.get(2).has("classification")).isTrue();
        assertThat(seconds).isLessThan(30);
        assertThat(run.err()).doesNotContain("\tat ", "PATIENT");
    }

    @Test
    @DisplayName("a rule that ignores interruption: its case gets an error record naming it, its thread is abandoned, "
            + "and the batch goes on")
    void aSpinningRuleIsAbandoned() {
        System.clearProperty(STOP_SPINNING);
        try {
            Cli.Run run = Cli.runWithInput(batch(1, 88, 2), "assess", "--format", "jsonl", "--case-timeout", "1s",
                    "--rules", rules.toString(), "-");

            assertThat(run.code()).isEqualTo(Main.CASE_ERRORS);
            List<JsonNode> out = run.jsonLines();
            assertThat(out).extracting(a -> a.get("caseId").asText()).containsExactly("PATIENT-1", "PATIENT-2",
                    "PATIENT-3");
            assertThat(out.get(1).at("/errors/0/rule").asText()).isEqualTo("Z14 spins for 88");
            assertThat(out.get(1).at("/errors/0/message").asText()).endsWith("the rule ignores interruption: its "
                    + "thread was abandoned");
            assertThat(out.get(2).has("classification")).isTrue();
        } finally {
            System.setProperty(STOP_SPINNING, "true");
        }
    }

    @Test
    @DisplayName("while a case is late, the cases assessed before it are already on standard output")
    void resultsBeforeALateCaseAreFlushed() throws Exception {
        // Given two cases, then one that sleeps until its deadline of 3 s, read from a pipe-like input
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        byte[] input = batch(1, 2, 87).getBytes(StandardCharsets.UTF_8);
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> Main.run(new String[] {"assess",
            "--format", "jsonl", "--case-timeout", "3s", "--rules", rules.toString(), "-"},
                new ByteArrayInputStream(input), out, new PrintStream(err, true, StandardCharsets.UTF_8)));

        // When the run is under way, the third case still sleeping
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (out.toString(StandardCharsets.UTF_8).lines().count() < 2 && !run.isDone()
                && System.nanoTime() < giveUp) {
            Thread.sleep(20);
        }

        // Then the first two records were written before the run ended
        assertThat(run).isNotDone();
        assertThat(out.toString(StandardCharsets.UTF_8).lines().toList()).hasSize(2)
                .allSatisfy(line -> assertThat(line).contains("\"classification\""));
        assertThat(run.get(60, TimeUnit.SECONDS)).isEqualTo(Main.CASE_ERRORS);
    }
}
