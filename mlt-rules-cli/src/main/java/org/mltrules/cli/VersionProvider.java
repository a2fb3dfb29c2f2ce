package org.mltrules.cli;

import org.mltrules.MltRules;
import org.mltrules.RuleSetException;
import org.mltrules.RuleSetInfo;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the tool's version and the bundled rule set's name, version and fingerprint. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String tool = Main.class.getPackage().getImplementationVersion();
        String rules;
        try {
            RuleSetInfo info = MltRules.bundled().ruleSet();
            rules = info.name() + " " + info.version() + " (" + info.fingerprint() + ")";
        } catch (RuleSetException e) {
            rules = "unavailable: " + e.getMessage();
        }
        return new String[] {
            "mlt-rules " + (tool == null ? "(development build)" : tool),
            "bundled rules: " + rules,
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
        };
    }
}
