package org.mltrules;

import java.util.Objects;

/**
 * The exact rule set that produced an assessment, so that it can be reproduced.
 *
 * @param name        the rule set's name, e.g. {@code mlt-rules-bundled}
 * @param version     the rule set's version
 * @param fingerprint {@code sha256:} + hex SHA-256 over the rule files, the conventions and the centre configuration
 */
public record RuleSetInfo(String name, String version, String fingerprint) {
    public RuleSetInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(fingerprint, "fingerprint");
    }
}
