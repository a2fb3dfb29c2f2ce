package org.mltrules.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.json.UTF8JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON string literals of the texts every assessment repeats (a rule's id, text, citation and tier, the rule
 * set's name and fingerprint, the disclaimer), each encoded once and then copied as bytes. With the U+2028/U+2029
 * escapes in place Jackson checks every character of every string it writes, and these texts are most of an
 * assessment's 10 KB (issue 17, docs/performance.md).
 *
 * <p>A literal is made by a generator of the library's own factory, so it holds exactly the bytes that generator
 * would have written; it is used only on a generator configured the same way (see {@link #usableOn}), never on a
 * host's generator with other escaping. Bounded: past {@link #MAX_ENTRIES} distinct texts (a rule set has a few
 * hundred) strings are written the usual way.
 */
final class EncodedStrings {
    /** Distinct texts kept; generous for any rule set, small for the heap (a few MB at most). */
    static final int MAX_ENTRIES = 8192;
    /** Longer texts are not kept: rule texts and citations are far shorter. */
    static final int MAX_CHARS = 2048;

    private static final ConcurrentHashMap<String, SerializableString> LITERALS = new ConcurrentHashMap<>();

    private EncodedStrings() {
    }

    /**
     * True when {@code g} writes strings exactly as the library's byte generators do: UTF-8 bytes (a generator on
     * a character writer escapes characters beyond the BMP differently), its escapes, no escaping of non-ASCII
     * characters or forward slashes.
     */
    static boolean usableOn(JsonGenerator g) {
        return g instanceof UTF8JsonGenerator
                && g.getCharacterEscapes() instanceof JsonConfig.LineSeparatorEscapes
                && g.getHighestEscapedChar() == 0
                && !g.isEnabled(JsonGenerator.Feature.ESCAPE_NON_ASCII)
                && !JsonWriteFeature.ESCAPE_FORWARD_SLASHES.enabledIn(g.getFormatFeatures());
    }

    /** Writes {@code value} (may be null) as a string value, from its pre-encoded literal when {@code encoded}. */
    static void write(JsonGenerator g, String value, boolean encoded) throws IOException {
        if (!encoded || value == null || value.length() > MAX_CHARS) {
            g.writeString(value);
            return;
        }
        SerializableString literal = LITERALS.get(value);
        if (literal == null) {
            if (LITERALS.size() >= MAX_ENTRIES) {
                g.writeString(value);
                return;
            }
            literal = LITERALS.computeIfAbsent(value, EncodedStrings::encode);
        }
        g.writeRawValue(literal);
    }

    /** The literal, quotes included, as the library's factory writes it. */
    private static SerializableString encode(String value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length() + 16);
        try (JsonGenerator g = JsonConfig.FACTORY.createGenerator(out)) {
            g.writeString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);  // memory only
        }
        // Decoded back to the characters whose UTF-8 encoding is these bytes, which is what writeRawValue writes
        // on a UTF-8 generator.
        return new SerializedString(new String(out.toByteArray(), StandardCharsets.UTF_8));
    }

    /** How many literals are kept (for tests). */
    static int size() {
        return LITERALS.size();
    }
}
