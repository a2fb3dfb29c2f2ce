package org.mltrules.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.mltrules.MltRules;

class BundledRulesPreloadTest {

    @Test
    @DisplayName("'assess' with the bundled rules: the rules loaded in the background are the bundled rule set, "
            + "taken once")
    void assessPreloadsTheBundledRules() {
        BundledRulesPreload.startFor(new String[] {"assess", "--format", "jsonl", "cases.jsonl"});

        MltRules preloaded = BundledRulesPreload.bundled();
        MltRules again = BundledRulesPreload.bundled();

        assertThat(preloaded.ruleSet()).isEqualTo(MltRules.bundled().ruleSet());
        assertThat(again).isNotSameAs(preloaded);
    }

    @Test
    @DisplayName("nothing is loaded in the background for another rule folder, an argument file, help, version or a "
            + "command without rules")
    void noPreloadWhenTheBundledRulesAreNotUsed() {
        for (String[] args : new String[][] {
                {"assess", "--rules", "my-rules", "cases.jsonl"}, {"assess", "--rules=my-rules", "cases.jsonl"},
                {"assess", "--help"}, {"assess", "@args.txt"}, {"--version"}, {"generate", "--count", "3"},
                {"check"}, {}}) {
            BundledRulesPreload.startFor(args);

            assertThat(BundledRulesPreload.pending()).as(String.join(" ", args)).isFalse();
        }
    }

    @Test
    @DisplayName("a preload that failed is done again on the main thread, where a failure is reported as usual")
    void aFailedPreloadIsLoadedAgain() {
        BundledRulesPreload.startFor(new String[] {"assess", "cases.jsonl"}, () -> {
            throw new OutOfMemoryError("simulated");
        });

        MltRules rules = BundledRulesPreload.bundled();

        assertThat(rules.ruleSet()).isEqualTo(MltRules.bundled().ruleSet());
        assertThat(BundledRulesPreload.pending()).isFalse();
    }
}
