package org.mltrules.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The order of reasons by rule id, written without regular expressions for speed, against its definition with
 * regular expressions: prefix, then trailing number (shorter first, then digit by digit), then the whole id.
 */
class RuleIdOrderTest {
    /** The definition, as first written: clear, and slow enough to dominate the ranking's cost. */
    private static final Comparator<String> DEFINITION = Comparator
            .comparing((String r) -> r.replaceAll("\\d+$", ""))
            .thenComparing((String r) -> r.replaceAll("^.*?(\\d*)$", "$1"),
                    Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder()))
            .thenComparing(Comparator.naturalOrder());

    @Test
    void numbersCompareAsNumbersWithinAPrefix() {
        List<String> ids = new ArrayList<>(List.of("F10", "C14", "H1", "C3", "F9", "UNAVAILABLE", "C1", "H10", "Q4"));
        ids.sort(Assembler::compareRuleIds);
        assertThat(ids).containsExactly("C1", "C3", "C14", "F9", "F10", "H1", "H10", "Q4", "UNAVAILABLE");
    }

    @Test
    void agreesWithTheDefinitionOnEveryPairOfGeneratedIds() {
        Random random = new Random(42);
        String[] prefixes = {"", "C", "F", "H", "K", "HX", "C1X", "ALL_EXCLUDED", "c"};
        String[] suffixes = {"", "0", "1", "01", "2", "9", "10", "14", "007", "100", "99999999999999999999"};
        List<String> ids = new ArrayList<>();
        for (String p : prefixes) {
            for (String s : suffixes) {
                ids.add(p + s);
            }
        }
        for (int i = 0; i < 200; i++) {
            StringBuilder b = new StringBuilder();
            int n = random.nextInt(6);
            for (int j = 0; j < n; j++) {
                b.append("AC1_9x".charAt(random.nextInt(6)));
            }
            ids.add(b.toString());
        }
        for (String x : ids) {
            for (String y : ids) {
                assertThat(Integer.signum(Assembler.compareRuleIds(x, y)))
                        .as("%s vs %s", x, y).isEqualTo(Integer.signum(DEFINITION.compare(x, y)));
            }
        }
    }
}
