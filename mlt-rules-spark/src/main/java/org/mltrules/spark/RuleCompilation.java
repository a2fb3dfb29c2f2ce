package org.mltrules.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Stream;
import org.mltrules.MltRules;
import org.mltrules.RuleProblem;
import org.mltrules.RuleSetException;

/**
 * Turns the shipped files of a rule folder into an engine. The one place that knows how: the core API compiles a
 * folder, so the files are written to a private temporary folder, compiled as {@code mlt-rules assess --rules} would
 * compile them, and the folder is deleted. The fingerprint covers relative paths and contents only, so it is the
 * same as the original folder's.
 */
final class RuleCompilation {
    private RuleCompilation() {
    }

    /**
     * @throws RuleSetException when the files do not make a usable rule set (every problem, paths relative)
     */
    static MltRules compile(SortedMap<String, byte[]> files) {
        Path folder;
        try {
            folder = Files.createTempDirectory("mlt-rules-spark-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder to compile the rules in", e);
        }
        try {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                Path target = folder.resolve(f.getKey()).normalize();
                if (!target.startsWith(folder) || target.equals(folder)) {
                    throw new RuleSetException("rule-set file refused", List.of(new RuleProblem(
                            RuleProblem.Severity.ERROR, f.getKey(), 0, 0, null, "path outside the rule-set folder")));
                }
                Files.createDirectories(target.getParent());
                Files.write(target, f.getValue());
            }
            return MltRules.builder().rulesFrom(folder).build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the rules to a temporary folder", e);
        } finally {
            deleteQuietly(folder);
        }
    }

    private static void deleteQuietly(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a leftover temporary folder is harmless; the rules are compiled already
        }
    }
}
