package org.mltrules.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    @DisplayName("when enabled, a progress line with counts only is redrawn in place and ended by a newline")
    void enabledDrawsCountsOnly() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress p = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), true, 0, 0);

        for (long done = 1; done <= 128; done++) {
            p.update(done, 1);
        }
        p.done(128, 1);

        String err = bytes.toString(StandardCharsets.UTF_8);
        assertThat(err).startsWith("\rassessed 64 cases").contains("\rassessed 128 cases")
                .contains("1 rejected or failed").endsWith(System.lineSeparator());
    }

    @Test
    @DisplayName("when disabled (standard error is not a terminal), nothing at all is written")
    void disabledIsSilent() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress p = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, 0, 0);

        for (long done = 1; done <= 1000; done++) {
            p.update(done, 0);
        }
        p.done(1000, 0);

        assertThat(bytes.size()).isZero();
    }

    @Test
    @DisplayName("a short batch stays silent even when enabled: nothing before the quiet period ends")
    void shortBatchIsSilent() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress p = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), true, Long.MAX_VALUE / 4, 0);

        for (long done = 1; done <= 1000; done++) {
            p.update(done, 0);
        }
        p.done(1000, 0);

        assertThat(bytes.size()).isZero();
    }

    @Test
    @DisplayName("--progress is accepted and standard output stays clean")
    void progressOptionKeepsStdoutClean() {
        Cli.Run run = Cli.run("assess", "--progress", "--format", "jsonl", Cli.DEMO.toString());

        assertThat(run.code()).isZero();
        assertThat(run.jsonLines()).hasSize(14);
        assertThat(run.out()).doesNotContain("\r");
    }
}
