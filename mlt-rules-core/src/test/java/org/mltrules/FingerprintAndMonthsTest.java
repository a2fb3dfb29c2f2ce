package org.mltrules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mltrules.internal.Configuration;
import org.mltrules.internal.RuleSetSource;

class FingerprintAndMonthsTest {

    static RuleSetSource source(String drl) {
        return RuleSetSource.of(Map.of("a.drl", drl.getBytes(StandardCharsets.UTF_8),
                "ruleset.properties", "name=x\nversion=1\n".getBytes(StandardCharsets.UTF_8)), "memory");
    }

    @Test
    void lineEndingsDoNotChangeTheFingerprint() {
        String config = Configuration.canonicalJson(Conventions.DEFAULTS, Centre.DEFAULTS);
        assertThat(source("rule \"a\"\r\nwhen\r\nthen\r\nend\r\n").fingerprint(config))
                .isEqualTo(source("rule \"a\"\nwhen\nthen\nend\n").fingerprint(config))
                .startsWith("sha256:").hasSize(7 + 64);
    }

    @Test
    void conventionsInForceChangeTheFingerprint() {
        RuleSetSource s = source("rule \"a\" when then end");
        assertThat(s.fingerprint(Configuration.canonicalJson(Conventions.DEFAULTS, Centre.DEFAULTS)))
                .isNotEqualTo(s.fingerprint(Configuration.canonicalJson(
                        Conventions.builder().maxLesions(3).build(), Centre.DEFAULTS)));
    }

    @Test
    void canonicalConfigurationIsSortedAndCompact() {
        assertThat(Configuration.canonicalJson(Conventions.DEFAULTS, Centre.DEFAULTS)).isEqualTo(
                "{\"centre\":{\"availableTechniques\":[\"SABR\",\"MWA\",\"RFA\",\"CRYOABLATION\",\"SURGERY\"],"
                        + "\"nonAblatableSites\":[\"BRAIN\"]},\"conventions\":{\"activeTherapyWindowDays\":30,"
                        + "\"maintenanceCountsAsActive\":true,\"maxLesions\":5,\"newLesionCountsAsProgression\":true,"
                        + "\"regionalNodesCountAsMetastasis\":false,\"synchronousWindowMonths\":6}}");
    }
}
