package org.mltrules.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The strict UTF-8 check at its boundaries (RFC 3629, table 3-7 of the Unicode standard). */
class Utf8Test {
    private static byte[] hex(String h) {
        return HexFormat.of().parseHex(h.replace(" ", ""));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "ASCII, 41 7a 7f, -1",
            "NUL, 41 00, 1",
            "two bytes, c2 80 df bf, -1",
            "C0 overlong, c0 af, 0",
            "C1 overlong, c1 bf, 0",
            "lone continuation, 41 80, 1",
            "three bytes, e0 a0 80 ef bf bf, -1",
            "E0 overlong, e0 9f bf, 1",
            "last before surrogates, ed 9f bf, -1",
            "surrogate U+D800, ed a0 80, 1",
            "surrogate U+DFFF, ed bf bf, 1",
            "four bytes, f0 90 80 80 f4 8f bf bf, -1",
            "F0 overlong, f0 8f bf bf, 1",
            "above U+10FFFF, f4 90 80 80, 1",
            "F5, f5 80 80 80, 0",
            "FF, ff, 0",
            "missing continuation, e2 82 41, 2",
            "truncated at the end, 41 e2 82, 3"})
    void firstInvalidByte(String what, String bytes, int expected) {
        byte[] b = hex(bytes);
        assertThat(Utf8.firstInvalid(b, 0, b.length)).isEqualTo(expected);
    }

    @Test
    @DisplayName("agrees with the JDK's strict decoder on every two-byte sequence")
    void agreesWithTheJdk() {
        for (int a = 0; a < 256; a++) {
            for (int b = 0; b < 256; b++) {
                byte[] s = {(byte) a, (byte) b};
                boolean jdk = strictJdk(s) && a != 0 && b != 0;
                assertThat(Utf8.firstInvalid(s, 0, 2) < 0).as("%02x %02x", a, b).isEqualTo(jdk);
            }
        }
    }

    private static final java.nio.charset.CharsetDecoder JDK = StandardCharsets.UTF_8.newDecoder();

    private static boolean strictJdk(byte[] s) {
        JDK.reset();
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(4);
        return !JDK.decode(java.nio.ByteBuffer.wrap(s), out, true).isError() && !JDK.flush(out).isError();
    }

    @Test
    @DisplayName("the checked stream hands out every byte before the bad one, across reads of any size")
    void checkedStreamStopsAtTheBadByte() throws IOException {
        byte[] input = "héllo wörld €𝄞".getBytes(StandardCharsets.UTF_8);
        byte[] withBad = new byte[input.length + 2];
        System.arraycopy(input, 0, withBad, 0, input.length);
        withBad[input.length] = (byte) 0xC0;
        withBad[input.length + 1] = (byte) 0xAF;

        // A source that returns one byte per read, so that sequences straddle reads
        InputStream trickle = new InputStream() {
            private int at;

            @Override
            public int read() {
                return at < withBad.length ? withBad[at++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                int c = read();
                if (c < 0) {
                    return -1;
                }
                b[off] = (byte) c;
                return 1;
            }
        };
        Utf8.CheckedStream checked = new Utf8.CheckedStream(trickle, 10, "of the input");
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buf = new byte[3];
        assertThatThrownBy(() -> {
            int n;
            while ((n = checked.read(buf, 0, buf.length)) >= 0) {
                got.write(buf, 0, n);
            }
        }).isInstanceOf(CharConversionException.class)
                .hasMessage("Invalid UTF-8 byte 0xc0 (byte " + (10 + input.length + 1) + " of the input)");
        assertThat(got.toByteArray()).isEqualTo(input);
    }

    @Test
    void checkedStreamRefusesInputEndingInsideACharacter() {
        Utf8.CheckedStream checked = new Utf8.CheckedStream(new ByteArrayInputStream(hex("41 e2 82")), 0, "of the line");
        assertThatThrownBy(checked::readAllBytes).isInstanceOf(CharConversionException.class)
                .hasMessage("Invalid UTF-8: the input ends inside a character (byte 3 of the line)");
    }

    @Test
    void checkedStreamPassesValidInputUnchanged() throws IOException {
        byte[] input = "{\"caseId\": \"Ærøskøbing 😀\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(new Utf8.CheckedStream(new ByteArrayInputStream(input), 0, "of the input").readAllBytes())
                .isEqualTo(input);
    }
}
