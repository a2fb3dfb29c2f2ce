package org.mltrules.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A host that depends only on {@code org.mltrules:mlt-rules-drl} (the bundled, precompiled rules) gets none of the
 * rule compilers on its runtime class path, and the bundled rules run from that class path alone. The class path is
 * the one Maven resolves for this module's runtime scope ({@code target/host-runtime-classpath.txt}, written by the
 * build), plus this module's classes: what a host's build would put on its class path.
 */
class HostRuntimeTest {

    /** A class of each artifact a host must not get, by artifact: compilers, parsers and their XML support. */
    private static final Map<String, String> BANNED = Map.of(
            "drools-mvel", "org.drools.mvel.MVELConstraint",
            "drools-compiler", "org.drools.compiler.kie.builder.impl.KieServicesImpl",
            "ecj", "org.eclipse.jdt.internal.compiler.Compiler",
            "javaparser-core", "com.github.javaparser.JavaParser",
            "antlr (3)", "org.antlr.runtime.Parser",
            "antlr4-runtime", "org.antlr.v4.runtime.Parser",
            "xstream", "com.thoughtworks.xstream.XStream",
            "mvel2", "org.mvel2.MVEL");

    private static List<Path> hostClassPath() throws IOException {
        Path listed = Path.of("target", "host-runtime-classpath.txt");
        assertThat(listed).as("written by maven-dependency-plugin in generate-test-resources").exists();
        List<Path> entries = new ArrayList<>();
        entries.add(Path.of("target", "classes").toAbsolutePath());
        for (String entry : Files.readString(listed, StandardCharsets.UTF_8).trim().split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                entries.add(Path.of(entry));
            }
        }
        return entries;
    }

    private static URLClassLoader loader(List<Path> entries) throws IOException {
        List<URL> urls = new ArrayList<>();
        for (Path p : entries) {
            urls.add(p.toUri().toURL());
        }
        // Only the JDK above it: nothing of this test's own class path leaks in.
        return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    @Test
    @DisplayName("no rule compiler, parser or XML binding on a host's runtime class path")
    void noCompilerOnTheHostsClassPath() throws Exception {
        List<Path> entries = hostClassPath();
        try (URLClassLoader host = loader(entries)) {
            for (Map.Entry<String, String> banned : BANNED.entrySet()) {
                assertThat(host.getResource(banned.getValue().replace('.', '/') + ".class"))
                        .as("a class of %s (%s) on the host's class path", banned.getKey(), banned.getValue())
                        .isNull();
            }
        }
        assertThat(entries).extracting(p -> p.getFileName().toString())
                .noneMatch(name -> name.matches("(drools-mvel|drools-compiler|ecj|javaparser-core|antlr-runtime"
                        + "|antlr4-runtime|xstream|mvel2)-.*\\.jar"));
    }

    @Test
    @DisplayName("the bundled rules load and assess a case from the host's class path alone")
    void theBundledRulesRunFromThatClassPath() throws Exception {
        String expected = org.mltrules.MltRules.bundled().ruleSet().fingerprint();
        try (URLClassLoader host = loader(hostClassPath())) {
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(host);
            try {
                Class<?> mltRules = host.loadClass("org.mltrules.MltRules");
                assertThat(mltRules.getClassLoader()).isSameAs(host);
                Object rules = mltRules.getMethod("bundled").invoke(null);
                Class<?> patientCase = host.loadClass("org.mltrules.PatientCase");
                Object builder = patientCase.getMethod("builder", String.class).invoke(null, "host-1");
                Object unknownCase = builder.getClass().getMethod("build").invoke(builder);
                Object assessment = mltRules.getMethod("assess", patientCase).invoke(rules, unknownCase);
                Object category = assessment.getClass().getMethod("category").invoke(assessment);
                Object info = mltRules.getMethod("ruleSet").invoke(rules);
                // Then: the case with every fact unknown is INDETERMINATE, under the bundled rule set's fingerprint
                assertThat(category).hasToString("INDETERMINATE");
                assertThat(info.getClass().getMethod("fingerprint").invoke(info))
                        .isEqualTo(expected);
            } finally {
                thread.setContextClassLoader(previous);
            }
        }
    }
}
