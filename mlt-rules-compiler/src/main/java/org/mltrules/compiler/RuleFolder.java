package org.mltrules.compiler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.mltrules.RuleProblem;
import org.mltrules.RuleSetException;
import org.mltrules.spi.RuleSetLayout;

/**
 * Reads a rule-set folder safely into memory, e.g. on a Spark driver, to build the rule set elsewhere with
 * {@code MltRules.builder().rulesFrom(files)} and the same fingerprint.
 *
 * <pre>{@code
 * Map<String, byte[]> files = RuleFolder.read(Path.of("my-rules"));   // on the driver
 * MltRules rules = MltRules.builder().rulesFrom(files).build();      // anywhere the compiler is
 * }</pre>
 */
public final class RuleFolder {
    private RuleFolder() {
    }

    /**
     * The folder's files by path relative to it ({@code /} separators), sorted. Refuses a folder holding anything
     * but rule-set files ({@link RuleSetLayout}), and symbolic links leading outside it: rules are code and run
     * with the host's privileges. Does not check that the rule set is complete (a descriptor and a DRL file): the
     * build does.
     *
     * @throws RuleSetException when the folder cannot be read or holds anything else, naming every such file
     */
    public static Map<String, byte[]> read(Path folder) {
        Objects.requireNonNull(folder, "folder must not be null");
        Path root;
        try {
            root = folder.toRealPath();
        } catch (IOException e) {
            throw new RuleSetException("rule-set folder cannot be read",
                    List.of(problem(folder.toString(), "no such folder or not readable")));
        }
        if (!Files.isDirectory(root)) {
            throw new RuleSetException("not a rule-set folder", List.of(problem(folder.toString(), "not a folder")));
        }
        Map<String, byte[]> files = new TreeMap<>();
        List<RuleProblem> problems = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                String relative = root.relativize(p).toString().replace('\\', '/');
                if (relative.isEmpty()) {
                    continue;
                }
                if (Files.isSymbolicLink(p) && !p.toRealPath().startsWith(root)) {
                    problems.add(problem(relative, "symbolic link leading outside the rule-set folder"));
                    continue;
                }
                if (Files.isDirectory(p)) {
                    continue;
                }
                if (!RuleSetLayout.isRuleSetFile(relative)) {
                    problems.add(problem(relative, "not a rule-set file: a rule-set folder holds only *.drl files, "
                            + "scenario files (scenarios/*.json), " + RuleSetLayout.DESCRIPTOR + " and "
                            + RuleSetLayout.REFERENCES));
                    continue;
                }
                files.put(relative, Files.readAllBytes(p));
            }
        } catch (IOException e) {
            throw new RuleSetException("rule-set folder cannot be read",
                    List.of(problem(folder.toString(), String.valueOf(e.getMessage()))));
        }
        if (!problems.isEmpty()) {
            throw new RuleSetException("rule-set folder refused", problems);
        }
        return Collections.unmodifiableMap(files);
    }

    private static RuleProblem problem(String file, String message) {
        return new RuleProblem(RuleProblem.Severity.ERROR, file, 0, 0, null, message);
    }
}
