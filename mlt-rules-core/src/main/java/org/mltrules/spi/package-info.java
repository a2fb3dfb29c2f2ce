/**
 * The service-provider interface of mlt-rules: the parts a host plugs in. {@link org.mltrules.spi.RuleCompiler}
 * compiles analysts' rule sets at run time (module {@code mlt-rules-compiler}, found with
 * {@link java.util.ServiceLoader}); {@link org.mltrules.spi.RuleSetVerifier} runs a candidate rule set's scenarios for
 * {@code RuleSetHandle} (module {@code mlt-rules-analyst}); {@link org.mltrules.spi.RuleSetLayout} names the files a
 * rule set holds.
 */
package org.mltrules.spi;
