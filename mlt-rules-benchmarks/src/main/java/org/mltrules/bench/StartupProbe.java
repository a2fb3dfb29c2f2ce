package org.mltrules.bench;

import java.lang.management.ManagementFactory;
import org.mltrules.Assessment;
import org.mltrules.MltRules;
import org.mltrules.cohort.CaseGenerator;

/**
 * Start-up as a host sees it: JVM start, bundled rules loaded, first assessment returned. Prints the three times in
 * milliseconds from JVM start. Run it in a fresh JVM, e.g. under {@code time java -cp ... StartupProbe}.
 */
public final class StartupProbe {
    private StartupProbe() {
    }

    public static void main(String[] args) {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        long inMain = System.currentTimeMillis();
        MltRules rules = MltRules.bundled();
        long loaded = System.currentTimeMillis();
        Assessment a = rules.assess(CaseGenerator.representative(3));
        long assessed = System.currentTimeMillis();
        System.out.printf("main %d ms, bundled rules loaded %d ms, first assessment %d ms after JVM start (%s)%n",
                inMain - jvmStart, loaded - jvmStart, assessed - jvmStart, a.category());
    }
}
