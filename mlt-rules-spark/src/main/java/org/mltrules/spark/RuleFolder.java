package org.mltrules.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.mltrules.RuleProblem;
import org.mltrules.RuleSetException;

/**
 * Reads a rule folder on the driver into memory, to ship it: every regular file, by relative path. Which files a
 * rule set may hold is decided when the files are compiled (RuleCompilation, with the core's rules), so that the
 * problems are the command line's; here only what makes shipping unsafe is refused: symbolic links leading out of
 * the folder, and a folder too large to be a rule set.
 */
final class RuleFolder {
    private RuleFolder() {
    }

    static TreeMap<String, byte[]> read(Path folder, long maxBytes) {
        Path root;
        try {
            root = folder.toRealPath();
        } catch (IOException e) {
            throw refused("rule-set folder cannot be read", folder.toString(), "no such folder or not readable");
        }
        if (!Files.isDirectory(root)) {
            throw refused("not a rule-set folder", folder.toString(), "not a folder");
        }
        TreeMap<String, byte[]> files = new TreeMap<>();
        List<RuleProblem> problems = new ArrayList<>();
        long total = 0;
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
                if (Files.isDirectory(p) || !Files.isRegularFile(p)) {
                    continue;
                }
                total += Files.size(p);
                if (total > maxBytes) {
                    throw refused("rule-set folder refused", folder.toString(),
                            "larger than " + (maxBytes >> 20) + " MiB: not a rule-set folder");
                }
                files.put(relative, Files.readAllBytes(p));
            }
        } catch (IOException e) {
            throw refused("rule-set folder cannot be read", folder.toString(), String.valueOf(e.getMessage()));
        }
        if (!problems.isEmpty()) {
            throw new RuleSetException("rule-set folder refused", problems);
        }
        return files;
    }

    private static RuleSetException refused(String summary, String file, String message) {
        return new RuleSetException(summary, List.of(problem(file, message)));
    }

    private static RuleProblem problem(String file, String message) {
        return new RuleProblem(RuleProblem.Severity.ERROR, file, 0, 0, null, message);
    }
}
