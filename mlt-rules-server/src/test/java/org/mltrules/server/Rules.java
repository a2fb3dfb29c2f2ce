package org.mltrules.server;

import org.mltrules.MltRules;

/** The bundled rules, loaded once for all tests of this JVM (loading takes seconds). */
final class Rules {
    static final MltRules BUNDLED = MltRules.bundled();

    private Rules() {
    }
}
