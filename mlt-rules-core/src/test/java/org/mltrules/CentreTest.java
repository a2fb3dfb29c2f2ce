package org.mltrules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CentreTest {

    @Test
    @DisplayName("a technique or a site named twice counts once")
    void duplicatesCountOnce() {
        assertThat(Centre.offering(Technique.SABR, Technique.SURGERY, Technique.SABR))
                .isEqualTo(Centre.offering(Technique.SURGERY, Technique.SABR));
        assertThat(Centre.offering(Technique.SABR).withNonAblatableSites(Site.BRAIN, Site.LIVER, Site.BRAIN)
                .nonAblatableSites()).containsExactly(Site.LIVER, Site.BRAIN);
        assertThat(Centre.offering(Technique.MWA, Technique.MWA).availableTechniques())
                .isEqualTo(EnumSet.of(Technique.MWA));
    }

    @Test
    @DisplayName("null is refused with a message naming the set")
    void nullIsRefused() {
        assertThatThrownBy(() -> Centre.offering(Technique.SABR, null)).isInstanceOf(NullPointerException.class)
                .hasMessage("availableTechniques must not contain null");
    }
}
