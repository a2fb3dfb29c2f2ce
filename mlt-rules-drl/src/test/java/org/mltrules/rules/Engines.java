package org.mltrules.rules;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.mltrules.Conventions;
import org.mltrules.MltRules;

/** The bundled engine with each convention variant the tests use, built once per JVM (loading costs ~1 s). */
final class Engines {
    private Engines() {
    }

    /** The defaults, every convention flipped, and windows at their edges. */
    static final List<Conventions> VARIANTS = List.of(
            Conventions.DEFAULTS,
            Conventions.builder().maintenanceCountsAsActive(false).build(),
            Conventions.builder().newLesionCountsAsProgression(false).regionalNodesCountAsMetastasis(true).build(),
            Conventions.builder().synchronousWindowMonths(3).activeTherapyWindowDays(14).maxLesions(3).build(),
            Conventions.builder().synchronousWindowMonths(12).activeTherapyWindowDays(60).maxLesions(1)
                    .maintenanceCountsAsActive(false).newLesionCountsAsProgression(false).build(),
            Conventions.builder().synchronousWindowMonths(0).activeTherapyWindowDays(0).maxLesions(8)
                    .regionalNodesCountAsMetastasis(true).build());

    private static final Map<Conventions, MltRules> ENGINES = new ConcurrentHashMap<>();

    static MltRules bundled() {
        return with(Conventions.DEFAULTS);
    }

    static MltRules with(Conventions conventions) {
        return ENGINES.computeIfAbsent(conventions, c -> c.equals(Conventions.DEFAULTS) ? MltRules.bundled()
                : MltRules.builder().conventions(c).build());
    }
}
