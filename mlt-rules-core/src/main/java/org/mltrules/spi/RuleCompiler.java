package org.mltrules.spi;

import java.nio.file.Path;
import java.util.Map;
import org.mltrules.RuleSetException;

/**
 * Compiles an analyst's rule set at run time: the plug-in behind {@code MltRules.builder().rulesFrom(...)}. The core
 * runs only precompiled rules (the bundled executable model); a host that compiles rule folders adds
 * {@code org.mltrules:mlt-rules-compiler}, whose implementation the core finds with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/org.mltrules.spi.RuleCompiler}), with the class loader the builder was given.
 *
 * <p>Implementations are stateless and thread-safe.
 */
public interface RuleCompiler {

    /**
     * Reads a rule-set folder into memory, refusing anything but rule-set files ({@link RuleSetLayout}) and symbolic
     * links leading outside the folder: rules are code and run with the host's privileges.
     *
     * @return the files' bytes by path relative to the folder, {@code /} separators
     * @throws RuleSetException when the folder cannot be read or holds anything else, naming every file
     */
    Map<String, byte[]> readFolder(Path folder);

    /**
     * Compiles and lints DRL files. Refuses the rule set whole on any error, listing every problem (compiler and
     * lint, errors and warnings) with file, line and column in the analyst's DRL.
     *
     * @param drl DRL text by path relative to the rule-set folder
     * @return the rule base and the warnings
     * @throws RuleSetException listing every problem when there is any error
     */
    CompiledRuleBase compile(Map<String, String> drl);

    /**
     * Compiles and lints DRL files of a rule set with citations: {@code references} is the text of its
     * {@code references.properties} ({@code null} when it has none), whose keys the rules' {@code @evidence} name;
     * the linter refuses an unknown key and warns about a key no rule names. The default ignores the citations.
     *
     * @throws RuleSetException listing every problem when there is any error
     */
    default CompiledRuleBase compile(Map<String, String> drl, String references) {
        return compile(drl);
    }
}
