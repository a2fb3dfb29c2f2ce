package org.mltrules;

/** Answer to a question of the classification path. */
public enum Answer { YES, NO, UNKNOWN }
