/**
 * Compiling analysts' rule sets at run time. Adding {@code org.mltrules:mlt-rules-compiler} to a host makes
 * {@code MltRules.builder().rulesFrom(folder)} (and {@code rulesFrom(files)}) work: the core finds the compiler
 * through the SPI {@link org.mltrules.spi.RuleCompiler}. {@link org.mltrules.compiler.RuleFolder} reads a folder
 * safely, to ship its contents elsewhere.
 */
package org.mltrules.compiler;
