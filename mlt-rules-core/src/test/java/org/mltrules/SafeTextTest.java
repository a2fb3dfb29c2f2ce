package org.mltrules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The one escaping of input text shown as text: keys, values and messages in exceptions, reports and stderr. */
class SafeTextTest {

    static Stream<Arguments> controlCharacters() {
        return Stream.of(
                Arguments.of("\u001b[2Jx\u0000y", "\\u001b[2Jx\\u0000y", "an escape sequence and a NUL"),
                Arguments.of("a\nb\rc\td", "a\\u000ab\\u000dc\\u0009d", "line breaks and a tab"),
                Arguments.of("a\u007fb\u0085c", "a\\u007fb\\u0085c", "DEL and a C1 control"),
                Arguments.of("a\u2028b\u2029c", "a\\u2028b\\u2029c", "the line and paragraph separators"),
                Arguments.of("abc\u202edcba\u2066x", "abc\\u202edcba\\u2066x", "bidirectional controls"),
                Arguments.of("a\ud800b", "a\\ud800b", "an unpaired high surrogate"),
                Arguments.of("a\udc00", "a\\udc00", "an unpaired low surrogate"),
                Arguments.of("x\ud800", "x\\ud800", "a high surrogate at the end"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("controlCharacters")
    @DisplayName("characters that drive a terminal or a log viewer are escaped")
    void controlCharactersAreEscaped(String text, String escaped, String what) {
        assertThat(SafeText.escape(text)).as(what).isEqualTo(escaped);
    }

    @Test
    @DisplayName("text in any script, emoji and ordinary punctuation are kept as they are")
    void printableTextIsKept() {
        for (String text : new String[] {"lesions[0].sizeMm -3 ü", "\ud83d\ude00", "Ærøskøbing-Ω 病灶-1", "C:\\path",
            ""}) {
            assertThat(SafeText.escape(text)).isSameAs(text);
        }
        assertThat(SafeText.escape(null)).isEqualTo("null");
    }

    @Test
    @DisplayName("a key with an escape sequence and a newline reaches no exception message raw")
    void invalidCaseMessagesEscapeKeys() {
        CaseProblem p = new CaseProblem("x\u001b[31m\nFAKE LOG LINE", null, "unknown field");
        InvalidCaseException e = new InvalidCaseException(null, java.util.List.of(p));

        assertThat(e.getMessage()).isEqualTo("1 problem(s) in case: x\\u001b[31m\\u000aFAKE LOG LINE: unknown field");
        assertThat(p).hasToString("x\\u001b[31m\\u000aFAKE LOG LINE: unknown field");
    }
}
