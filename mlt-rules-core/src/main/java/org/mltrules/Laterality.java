package org.mltrules;

/** Side of the body of a lesion. */
public enum Laterality { LEFT, RIGHT, MIDLINE }
