package org.mltrules.json;

import com.fasterxml.jackson.core.JsonParser;
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

/**
 * Builds the tree of one case from a streaming parser, which a databind {@code ObjectMapper} cannot do strictly
 * enough: a key that appears twice is recorded as a problem with its path (the first value is kept) and reading
 * goes on, so that every problem of the case is reported at once; decimals are kept exact ({@link BigDecimal}) so
 * that {@code 1.5} is never rounded into an integer; and a case with more than
 * {@link JsonConfig#MAX_VALUES_PER_CASE} values is skipped through in constant memory.
 */
final class TreeReader {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final JsonParser parser;
    private final Problems problems;
    private int values;
    private boolean tooLarge;
    private String caseId;

    TreeReader(JsonParser parser, Problems problems) {
        this.parser = parser;
        this.problems = problems;
    }

    /**
     * Reads the value that starts at the parser's current token; on return the parser is at the value's last
     * token. Duplicate keys and an over-large case are added to the problems.
     *
     * @throws IOException on malformed JSON or a broken parser limit (the caller reports it)
     */
    JsonNode read() throws IOException {
        JsonNode node = value(Loc.ROOT);
        if (tooLarge) {
            problems.add("", null, "case too large: more than " + JsonConfig.MAX_VALUES_PER_CASE
                    + " JSON values (a valid case has at most 100 lesions)");
        }
        return node;
    }

    /**
     * The top-level {@code caseId} when one was read as a string of 1-128 characters, even if reading failed
     * later in the case: the error record can then name the case.
     */
    String caseId() {
        return caseId;
    }

    private JsonNode value(Loc at) throws IOException {
        JsonToken t = parser.currentToken();
        if (++values > JsonConfig.MAX_VALUES_PER_CASE) {
            tooLarge = true;
        }
        if (tooLarge) {
            // Still consume the input so that the parser ends after this value, but keep nothing.
            parser.skipChildren();
            return NullNode.getInstance();
        }
        switch (t) {
            case START_OBJECT:
                return object(at);
            case START_ARRAY:
                return array(at);
            case VALUE_STRING:
                return TextNode.valueOf(parser.getText());
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
        String name;
        while ((name = parser.nextFieldName()) != null) {
            parser.nextToken();
            Loc child = at.field(name);
            JsonNode v = value(child);
            if (at == Loc.ROOT && caseId == null && "caseId".equals(name) && v.isTextual()
                    && !v.textValue().isEmpty() && v.textValue().length() <= CaseMapper.MAX_STRING) {
                caseId = v.textValue();
            }
            if (node.has(name)) {
                problems.add(child, v, "duplicate key: \"" + Problems.cut(name) + "\" appears more than once");
            } else {
                node.set(name, v);
            }
        }
        return node;
    }

    private ArrayNode array(Loc at) throws IOException {
        ArrayNode node = NODES.arrayNode();
        int i = 0;
        JsonToken t;
        while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) {
                throw new JsonEOFException(parser, null, "Unexpected end-of-input in an array");
            }
            node.add(value(at.index(i++)));
        }
        return node;
    }
}
