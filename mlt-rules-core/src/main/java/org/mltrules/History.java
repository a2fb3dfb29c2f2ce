package org.mltrules;

/**
 * Metastatic history before the current OMD diagnosis. {@code null} means unknown (e.g. outside records), which
 * makes the classification {@link Category#INDETERMINATE} when the tree needs it (convention K10).
 *
 * @param polymetastatic polymetastatic disease before the current OMD diagnosis (question Q1)
 * @param oligometastatic oligometastatic disease before the current OMD diagnosis (question Q2)
 */
public record History(Boolean polymetastatic, Boolean oligometastatic) {
    /** Both facts unknown. */
    public static final History UNKNOWN = new History(null, null);
}
