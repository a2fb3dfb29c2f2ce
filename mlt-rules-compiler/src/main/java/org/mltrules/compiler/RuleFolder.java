package org.mltrules.compiler;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
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
 *
 * <p>Only <em>regular files</em> are read, each checked before it is opened: a FIFO would block the reader (and every
 * later reload) forever, a character device such as {@code /dev/zero} would fill the memory, and a file with more
 * than one hard link may be a file outside the folder whose content would end up in error messages. Each file is
 * at most {@value #MAX_FILE_BYTES} bytes and the folder's files together at most {@value #MAX_FOLDER_BYTES}; a file
 * is read no further than its limit, even if it grows while it is read.
 */
public final class RuleFolder {
    /** Largest file of a rule set, in bytes (4 MiB; the bundled rule set's largest file is some 22 KB). */
    public static final int MAX_FILE_BYTES = 4 << 20;
    /** Largest rule set, all its files together, in bytes (32 MiB). */
    public static final long MAX_FOLDER_BYTES = 32L << 20;

    private RuleFolder() {
    }

    /**
     * The folder's files by path relative to it ({@code /} separators), sorted. Refuses a folder holding anything
     * but rule-set files ({@link RuleSetLayout}), symbolic links leading outside it, anything but a regular file
     * under a rule-set file's name, a file with more than one hard link (where the file system counts them), and
     * files over the size limits: rules are code and run with the host's privileges. Does not check that the rule
     * set is complete (a descriptor and a DRL file): the build does.
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
        long total = 0;
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                String relative = root.relativize(p).toString().replace('\\', '/');
                if (relative.isEmpty()) {
                    continue;
                }
                // Read where the entry is, never through it: a link is judged by where it leads.
                BasicFileAttributes entry = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                Path file = p;
                if (entry.isSymbolicLink()) {
                    Path target = p.toRealPath();
                    if (!target.startsWith(root)) {
                        problems.add(problem(relative, "symbolic link leading outside the rule-set folder"));
                        continue;
                    }
                    file = target;
                    entry = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                }
                if (entry.isDirectory()) {
                    continue;
                }
                if (!RuleSetLayout.isRuleSetFile(relative)) {
                    problems.add(problem(relative, "not a rule-set file: a rule-set folder holds only *.drl files, "
                            + "scenario files (scenarios/*.json), " + RuleSetLayout.DESCRIPTOR + " and "
                            + RuleSetLayout.REFERENCES));
                    continue;
                }
                String refused = refusal(file, entry);
                if (refused != null) {
                    problems.add(problem(relative, refused));
                    continue;
                }
                total += entry.size();
                if (total > MAX_FOLDER_BYTES) {
                    problems.add(problem(relative, "the rule set's files are larger than " + MAX_FOLDER_BYTES
                            + " bytes together; refused before this one was read"));
                    continue;
                }
                byte[] bytes = readAtMost(file, MAX_FILE_BYTES);
                if (bytes == null) {
                    problems.add(problem(relative, "larger than " + MAX_FILE_BYTES + " bytes (it grew while it was "
                            + "read)"));
                    continue;
                }
                files.put(relative, bytes);
            }
        } catch (IOException | UncheckedIOException e) {
            throw new RuleSetException("rule-set folder cannot be read",
                    List.of(problem(folder.toString(), String.valueOf(e.getMessage()))));
        }
        if (!problems.isEmpty()) {
            throw new RuleSetException("rule-set folder refused", problems);
        }
        return Collections.unmodifiableMap(files);
    }

    /** Why a rule-set file may not be opened, from its attributes alone; {@code null} when it may. */
    private static String refusal(Path file, BasicFileAttributes a) {
        if (!a.isRegularFile()) {
            return "not a regular file (a FIFO, a device or a socket): refused without being opened";
        }
        Integer links = hardLinks(file);
        if (links != null && links > 1) {
            return "has " + links + " hard links: a rule-set file must have exactly one (a hard link can make a file "
                    + "outside the folder look like one inside); refused without being read";
        }
        if (a.size() > MAX_FILE_BYTES) {
            return "larger than " + MAX_FILE_BYTES + " bytes (" + a.size() + "); refused without being read";
        }
        return null;
    }

    /** The file's hard-link count, or {@code null} where the file system does not tell (Windows). */
    private static Integer hardLinks(Path file) {
        try {
            return (Integer) Files.getAttribute(file, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException | IllegalArgumentException | IOException | ClassCastException e) {
            return null;
        }
    }

    /** The file's bytes, or {@code null} when it holds more than {@code limit}. */
    private static byte[] readAtMost(Path file, int limit) throws IOException {
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] bytes = in.readNBytes(limit + 1);
            return bytes.length > limit ? null : bytes;
        }
    }

    private static RuleProblem problem(String file, String message) {
        return new RuleProblem(RuleProblem.Severity.ERROR, file, 0, 0, null, message);
    }
}
