package org.mltrules.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Map;

/**
 * The limits of the text reader ({@link JsonConfig}) applied to a tree a host built itself: a tree has been parsed
 * already, by a parser with other limits or none, so it may be deeper or larger than any case could be read. Walks
 * the tree without recursion and stops at the first limit broken.
 */
final class TreeLimits {
    private TreeLimits() {
    }

    /** The limit the tree breaks, as the problem's message; {@code null} when it is within every limit. */
    static String check(JsonNode root) {
        int maxDepth = JsonConfig.READ_CONSTRAINTS.getMaxNestingDepth();
        int maxString = JsonConfig.READ_CONSTRAINTS.getMaxStringLength();
        int maxName = JsonConfig.READ_CONSTRAINTS.getMaxNameLength();
        long values = 0;
        long text = 0;
        ArrayDeque<JsonNode> nodes = new ArrayDeque<>();
        ArrayDeque<Integer> depths = new ArrayDeque<>();
        nodes.push(root);
        depths.push(root.isContainerNode() ? 1 : 0);
        while (!nodes.isEmpty()) {
            JsonNode node = nodes.pop();
            int depth = depths.pop();
            if (++values > JsonConfig.MAX_VALUES_PER_CASE) {
                return "case too large: more than " + JsonConfig.MAX_VALUES_PER_CASE + " JSON values";
            }
            if (depth > maxDepth) {
                return "input exceeds a limit: nesting deeper than " + maxDepth + " levels";
            }
            if (node.isTextual()) {
                int length = node.textValue().length();
                if (length > maxString) {
                    return "input exceeds a limit: a string longer than " + maxString + " characters";
                }
                text += length;
            } else if (node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (e.getKey().length() > maxName) {
                        return "input exceeds a limit: a key longer than " + maxName + " characters";
                    }
                    text += e.getKey().length();
                    push(nodes, depths, e.getValue(), depth);
                }
            } else if (node.isArray()) {
                for (JsonNode child : node) {
                    push(nodes, depths, child, depth);
                }
            }
            if (text > JsonConfig.MAX_TEXT_PER_CASE) {
                return "case too large: more than " + JsonConfig.MAX_TEXT_PER_CASE + " characters of keys and strings";
            }
        }
        return null;
    }

    private static void push(ArrayDeque<JsonNode> nodes, ArrayDeque<Integer> depths, JsonNode child, int depth) {
        nodes.push(child);
        depths.push(child.isContainerNode() ? depth + 1 : depth);
    }
}
