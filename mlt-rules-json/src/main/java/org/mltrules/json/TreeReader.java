package org.mltrules.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.math.BigDecimal;
import org.mltrules.CaseLimits;

/**
 * Builds the tree of one case from a streaming parser, which a databind {@code ObjectMapper} cannot do strictly
 * enough: a key that appears twice is recorded as a problem with its path (the first value is kept) and reading
 * goes on, so that every problem of the case is reported at once; decimals are kept exact ({@link BigDecimal}) so
 * that {@code 1.5} is never rounded into an integer; and a case with more than
 * {@link JsonConfig#MAX_VALUES_PER_CASE} values or {@link JsonConfig#MAX_TEXT_PER_CASE} characters of keys and
 * strings is skipped through in constant memory (array and single-object input have no line limit to bound a case).
 *
 * <p>Where bundles are allowed, a top-level {@code "resourceType": "Bundle"} makes the value a FHIR Bundle: from
 * that key on, the bundle limits apply ({@link JsonConfig#MAX_VALUES_PER_BUNDLE}, {@link CaseInput#MAX_BUNDLE_BYTES}
 * characters), since a bundle is bigger than a case. FHIR JSON writes {@code resourceType} first.
 */
final class TreeReader {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final JsonParser parser;
    private final Problems problems;
    private final boolean bundles;
    private boolean bundle;
    private int maxValues = JsonConfig.MAX_VALUES_PER_CASE;
    private long maxText = JsonConfig.MAX_TEXT_PER_CASE;
    private int values;
    private long textChars;
    private boolean tooManyValues;
    private boolean tooMuchText;
    private String caseId;
    /** Where the parser is: the value being read, or the object or array between two of its values. */
    private Loc position = Loc.ROOT;

    TreeReader(JsonParser parser, Problems problems) {
        this(parser, problems, false);
    }

    /** A reader that recognises a FHIR Bundle at the top when {@code bundles} is true. */
    TreeReader(JsonParser parser, Problems problems, boolean bundles) {
        this.parser = parser;
        this.problems = problems;
        this.bundles = bundles;
    }

    /** True when the value read is a FHIR Bundle (top-level {@code "resourceType": "Bundle"}, bundles allowed). */
    boolean isBundle() {
        return bundle;
    }

    /**
     * Reads the value that starts at the parser's current token; on return the parser is at the value's last
     * token. Duplicate keys and an over-large case are added to the problems.
     *
     * @throws IOException on malformed JSON or a broken parser limit (the caller reports it)
     */
    JsonNode read() throws IOException {
        JsonNode node = value(Loc.ROOT);
        String what = bundle ? "bundle too large: more than " : "case too large: more than ";
        String why = bundle ? "" : " (a valid case has at most " + CaseLimits.MAX_LESIONS + " lesions)";
        if (tooManyValues) {
            problems.add("", null, what + maxValues + " JSON values" + why);
        } else if (tooMuchText) {
            problems.add("", null, what + maxText + " characters of keys and strings" + why);
        }
        return node;
    }

    /** True once the case has broken a size limit: nothing more is kept, the rest is only skipped. */
    private boolean tooLarge() {
        return tooManyValues || tooMuchText;
    }

    /** Counts text towards the case's budget. */
    private void spend(int chars) {
        textChars += chars;
        if (textChars > maxText) {
            tooMuchText = true;
        }
    }

    /**
     * The top-level {@code caseId} when one was read as a string of 1-128 characters, even if reading failed
     * later in the case: the error record can then name the case.
     */
    String caseId() {
        return caseId;
    }

    /**
     * The input path the parser was reading when it failed, for the error's {@code field}: the value (a number
     * too long, a string cut short, a token that is not JSON at {@code lesions[0].sizeMm}), or the object or
     * array between two of its values (a missing comma, a key too long, a stray bracket). {@code ""} at the top.
     */
    String position() {
        return position.toString();
    }

    private JsonNode value(Loc at) throws IOException {
        JsonToken t = parser.currentToken();
        if (++values > maxValues) {
            tooManyValues = true;
        }
        if (tooLarge()) {
            // Still consume the input so that the parser ends after this value, but keep nothing.
            parser.skipChildren();
            return NullNode.getInstance();
        }
        switch (t) {
            case START_OBJECT:
                return object(at);
            case START_ARRAY:
                return array(at);
            case VALUE_STRING: {
                String text = parser.getText();
                spend(text.length());
                return tooLarge() ? NullNode.getInstance() : TextNode.valueOf(text);
            }
            case VALUE_NUMBER_INT:
                switch (parser.getNumberType()) {
                    case INT:
                        return IntNode.valueOf(parser.getIntValue());
                    case LONG:
                        return LongNode.valueOf(parser.getLongValue());
                    default:
                        return BigIntegerNode.valueOf(parser.getBigIntegerValue());
                }
            case VALUE_NUMBER_FLOAT:
                return decimal(at);
            case VALUE_TRUE:
                return BooleanNode.TRUE;
            case VALUE_FALSE:
                return BooleanNode.FALSE;
            case VALUE_NULL:
                return NullNode.getInstance();
            default:
                // Not reachable with a JSON parser (embedded objects exist only in binary formats).
                problems.add(at.toString(), null, "unsupported JSON token " + t);
                return NullNode.getInstance();
        }
    }

    private JsonNode decimal(Loc at) throws IOException {
        String text = parser.getText();
        try {
            return DecimalNode.valueOf(new BigDecimal(text));
        } catch (NumberFormatException | ArithmeticException e) {
            // e.g. an exponent beyond the range of BigDecimal's scale: 1e9999999999
            problems.add(at.toString(), Problems.cut(text), "number out of range");
            return NullNode.getInstance();
        }
    }

    private ObjectNode object(Loc at) throws IOException {
        ObjectNode node = NODES.objectNode();
        position = at;
        String name;
        String previous = null;
        while ((name = nextName(at, previous)) != null) {
            previous = name;
            spend(name.length());
            Loc child = at.field(name);
            position = child;
            parser.nextToken();
            JsonNode v = value(child);
            position = at;
            if (at == Loc.ROOT && caseId == null && "caseId".equals(name) && v.isTextual()
                    && CaseLimits.isValidId(v.textValue())) {
                caseId = v.textValue();
            }
            if (at == Loc.ROOT && bundles && !bundle && "resourceType".equals(name) && v.isTextual()
                    && "Bundle".equals(v.textValue())) {
                bundle = true;
                maxValues = JsonConfig.MAX_VALUES_PER_BUNDLE;
                maxText = CaseInput.MAX_BUNDLE_BYTES;
            }
            if (tooLarge()) {
                // Keep nothing more: a hostile object with a million keys must not grow the tree.
                continue;
            }
            if (node.has(name)) {
                problems.add(child, v, "duplicate key: \"" + Problems.cut(name) + "\" appears more than once");
            } else {
                node.set(name, v);
            }
        }
        return node;
    }

    /**
     * The next key of the object at {@code at}, or {@code null} at its end. The parser reads a number or literal
     * that follows the key in the same call, so a failure there names the key's value when the key itself was
     * read (the parser holds a name other than the {@code previous} one).
     */
    private String nextName(Loc at, String previous) throws IOException {
        try {
            return parser.nextFieldName();
        } catch (IOException e) {
            JsonStreamContext context = parser.getParsingContext();
            String current = context == null || !context.inObject() ? null : context.getCurrentName();
            if (current != null && !current.equals(previous)) {
                position = at.field(current);
            }
            throw e;
        }
    }

    private ArrayNode array(Loc at) throws IOException {
        ArrayNode node = NODES.arrayNode();
        for (int i = 0; ; i++) {
            Loc element = at.index(i);
            position = element;
            JsonToken t = parser.nextToken();
            if (t == JsonToken.END_ARRAY) {
                break;
            }
            if (t == null) {
                throw new JsonEOFException(parser, null, "Unexpected end-of-input in an array");
            }
            JsonNode v = value(element);
            if (!tooLarge()) {
                node.add(v);
            }
        }
        return node;
    }
}
