package org.mltrules.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A hostile value echoed in a rejection cannot drive the analyst's terminal. */
class TextReportEscapingTest {
    @Test
    void terminalEscapeSequencesAndNulAreShownAsCodes() {
        assertThat(TextReport.printable("\u001b[2Jx\u0000y")).isEqualTo("\\u001b[2Jx\\u0000y");
    }

    @Test
    void unpairedSurrogatesAreShownAsCodesButPairsAreKept() {
        assertThat(TextReport.printable("a\ud800b")).isEqualTo("a\\ud800b");
        assertThat(TextReport.printable("\ud83d\ude00")).isEqualTo("\ud83d\ude00");
    }

    @Test
    void ordinaryTextIsUnchanged() {
        assertThat(TextReport.printable("lesions[0].sizeMm -3 ü")).isEqualTo("lesions[0].sizeMm -3 ü");
    }
}
