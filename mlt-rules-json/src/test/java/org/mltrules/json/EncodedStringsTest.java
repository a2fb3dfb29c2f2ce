package org.mltrules.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EncodedStringsTest {
    /** Texts as analysts write them, and the characters that need escaping. */
    private static final List<String> TEXTS = List.of(
            "Lesion ≤ 3 cm and ≥ 1 cm from the pleura: ablation favoured",
            "Palma DA et al. Lancet 2019;393:2051-8 (SABR-COMET)",
            "a \"quoted\" word, a back\\slash, a tab\t, a newline\n and a NUL \u0000",
            "line\u2028separator and paragraph\u2029separator",
            "emoji \uD83D\uDE00 and é", "", "/path/with/slashes");

    @Test
    @DisplayName("a pre-encoded text is the very bytes the library's generator writes, compact and indented")
    void preEncodedIsByteIdentical() throws IOException {
        for (boolean pretty : new boolean[] {false, true}) {
            assertThat(object(pretty, true)).isEqualTo(object(pretty, false));
        }
        assertThat(object(false, true)).contains("\\u2028").doesNotContain("\u2028");
    }

    @Test
    @DisplayName("a generator on a character writer (AssessmentJson.toJson) writes every string itself: it escapes "
            + "characters beyond the BMP where the byte generators do not")
    void characterWritersAreNotGivenLiterals() throws IOException {
        try (JsonGenerator g = JsonConfig.FACTORY.createGenerator(new StringWriter())) {
            assertThat(EncodedStrings.usableOn(g)).isFalse();
        }
    }

    @Test
    @DisplayName("a host's generator that escapes otherwise is never given the library's literals")
    void otherEscapingIsRespected() throws IOException {
        JsonGenerator plain = new JsonFactory().createGenerator(new ByteArrayOutputStream());
        JsonGenerator ours = JsonConfig.FACTORY.createGenerator(new ByteArrayOutputStream());
        JsonGenerator asciiOnly = JsonConfig.FACTORY.createGenerator(new ByteArrayOutputStream());
        asciiOnly.enable(JsonGenerator.Feature.ESCAPE_NON_ASCII);

        assertThat(EncodedStrings.usableOn(ours)).isTrue();
        assertThat(EncodedStrings.usableOn(plain)).isFalse();
        assertThat(EncodedStrings.usableOn(asciiOnly)).isFalse();
    }

    private static String object(boolean pretty, boolean encoded) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JsonConfig.FACTORY.createGenerator(out)) {
            if (pretty) {
                g.setPrettyPrinter(new DefaultPrettyPrinter());
            }
            g.writeStartObject();
            int i = 0;
            for (String t : TEXTS) {
                g.writeFieldName("f" + i++);
                EncodedStrings.write(g, t, encoded && EncodedStrings.usableOn(g));
            }
            g.writeArrayFieldStart("list");
            for (String t : TEXTS) {
                EncodedStrings.write(g, t, encoded);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
