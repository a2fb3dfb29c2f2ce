package org.mltrules.bench;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.mltrules.Assessment;
import org.mltrules.MltRules;
import org.mltrules.PatientCase;
import org.mltrules.cohort.CaseGenerator;
import org.mltrules.json.AssessmentJson;

/**
 * The JIT warm-up curve in one thread, as a batch sees it: assesses generated 3-lesion cases (seed 42, the cohort
 * {@code mlt-rules generate --seed 42 --lesions 3} writes) in a loop for N seconds, writing each assessment as JSON
 * into memory, and prints each second's cases and CPU time per case ({@link ThreadMXBean}: what the thread used,
 * whatever the neighbours take). Then the p50/p99 latency of the representative 3-lesion case, warmed.
 * Run it in a fresh JVM with the options to compare: {@code warmup.sh [seconds] [JVM options...]}.
 */
public final class WarmupProbe {
    private WarmupProbe() {
    }

    public static void main(String[] args) throws IOException {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        List<PatientCase> cases = CaseGenerator.builder().seed(42).lesions(3).build().stream(5_000)
                .collect(Collectors.toList());
        MltRules rules = MltRules.bundled();
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        long nextSlice = start + 1_000_000_000L;
        long sliceCpu = cpu.getCurrentThreadCpuTime();
        long total = 0;
        int inSlice = 0;
        while (System.nanoTime() < end) {
            Assessment a = rules.assess(cases.get((int) (total % cases.size())));
            out.reset();
            try (JsonGenerator g = AssessmentJson.newGenerator(out)) {
                AssessmentJson.write(g, a);
            }
            total++;
            inSlice++;
            long now = System.nanoTime();
            if (now >= nextSlice) {
                long c = cpu.getCurrentThreadCpuTime();
                System.out.printf(Locale.ROOT, "t=%5.1f s  %7d cases  %6d cases/s  %8.1f us CPU per case%n",
                        (now - start) / 1e9, total, inSlice, (c - sliceCpu) / 1e3 / inSlice);
                inSlice = 0;
                sliceCpu = c;
                nextSlice = now + 1_000_000_000L;
            }
        }
        PatientCase representative = CaseGenerator.representative(3);
        long[] nanos = new long[20_000];
        for (int i = 0; i < nanos.length; i++) {
            long s = System.nanoTime();
            rules.assess(representative);
            nanos[i] = System.nanoTime() - s;
        }
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "representative 3-lesion case, warmed: p50 %.1f us, p99 %.1f us%n",
                nanos[nanos.length / 2] / 1e3, nanos[nanos.length * 99 / 100] / 1e3);
    }
}
