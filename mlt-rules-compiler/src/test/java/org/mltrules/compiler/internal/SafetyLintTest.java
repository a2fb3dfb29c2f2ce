package org.mltrules.compiler.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mltrules.RuleProblem;

/** Rules are code: the linter reports what a rule could do beyond deciding, naming the rule and the call. */
class SafetyLintTest {
    private static final String HEADER = """
            package org.mltrules.rules;
            import org.mltrules.facts.*;
            """;

    private static List<RuleProblem> lint(Map<String, String> drl) {
        return SafetyLint.lint(DrlIndex.of(new TreeMap<>(drl)));
    }

    private static List<String> rendered(String text) {
        return lint(Map.of("x.drl", text)).stream().map(RuleProblem::render).toList();
    }

    private static String rule(String action) {
        return HEADER + """
                rule "R1 careless"
                    @id("R1") @tier("E") @evidence("none")
                when
                    $p : Patient( ecog == 1 )
                then
                    %s
                end
                """.formatted(action);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "System.exit( 1 );                                           | System.exit",
        "String home = System.getenv( \"HOME\" );                   | System.getenv",
        "java.nio.file.Files.readString( java.nio.file.Path.of( \"/etc/passwd\" ) ); | java.nio.file.Files.readString",
        "Files.delete( null );                                       | Files.delete",
        "new java.io.FileReader( \"x\" );                            | java.io.FileReader",
        "new Socket( \"example.org\", 80 );                          | new Socket",
        "new java.net.URL( \"http://x\" ).openStream();              | java.net.URL",
        "Runtime.getRuntime().exec( \"rm\" );                        | Runtime.getRuntime",
        "new ProcessBuilder( \"sh\" ).start();                       | new ProcessBuilder",
        "Thread.sleep( 1000 );                                       | Thread.sleep",
        "Class.forName( \"x.Y\" );                                   | Class.forName",
        "$p.getClass().getDeclaredField( \"facts\" ).setAccessible( true ); | getDeclaredField(...)",
        "Object o = Patient.class.getClassLoader();                  | getClassLoader(...)"})
    @DisplayName("a rule that reaches files, the network, processes, threads or reflection is warned about")
    void everyDangerousCallIsWarnedAboutNamingTheRuleAndTheCall(String action, String call) {
        List<RuleProblem> problems = lint(Map.of("x.drl", rule(action)));

        assertThat(problems).isNotEmpty().allSatisfy(p -> {
            assertThat(p.severity()).isEqualTo(RuleProblem.Severity.WARNING);
            assertThat(p.rule()).isEqualTo("R1 careless");
            assertThat(p.file()).isEqualTo("x.drl");
            assertThat(p.line()).isEqualTo(8);
        });
        assertThat(problems.get(0).message()).startsWith("uses " + call + ": rules are code and run with the host's "
                + "privileges");
    }

    @Test
    @DisplayName("a rule that only reads facts and records outcomes is not reported, nor are the names in strings "
            + "and comments")
    void aDecidingRuleIsNotReported() {
        assertThat(rendered(rule("""
                // System.exit(1) would be reported; in a comment it is not
                outcome.flag(kcontext, "System.exit");
                """))).isEmpty();
    }

    @Test
    @DisplayName("functions and imports are reported too, at their line, without a rule")
    void functionsAndImportsAreReported() {
        List<String> problems = rendered("""
                package org.mltrules.rules;
                import java.io.File;
                function void quit() { System.exit(0); }
                """);

        assertThat(problems).containsExactly(
                "x.drl:2:8: warning: uses java.io.File: rules are code and run with the host's privileges, "
                        + "unsandboxed; a rule only reads facts and records outcomes (files, network, processes, "
                        + "threads, reflection and System are reported)",
                "x.drl:3:24: warning: uses System.exit: rules are code and run with the host's privileges, "
                        + "unsandboxed; a rule only reads facts and records outcomes (files, network, processes, "
                        + "threads, reflection and System are reported)");
    }

    @Test
    @DisplayName("files declaring another package are refused; the default package counts as one")
    void packagesMustAgree() {
        List<RuleProblem> problems = lint(Map.of(
                "a.drl", "package org.mltrules.rules;\n",
                "b.drl", "package org.mltrules.rules;\n",
                "c.drl", "rule \"X\" when then end\n"));

        assertThat(problems).extracting(RuleProblem::render).containsExactly("c.drl:1:1: no package (the default "
                + "package) differs from package org.mltrules.rules, which the other DRL files of the rule set "
                + "declare: every DRL file of a rule set declares the same package");
    }
}
