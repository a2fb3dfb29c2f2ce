package org.mltrules.spark;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.mltrules.MltRules;
import org.mltrules.RuleProblem;
import org.mltrules.RuleSetException;
import org.mltrules.RuleSetInfo;
import org.mltrules.compiler.RuleFolder;

/**
 * The rule set a Spark job assesses with, in a form that travels to the executors: the bundled rules (found on each
 * executor's class path, in the job jar), or the files of an analyst's rule folder, read on the driver and shipped
 * as their bytes. Never a compiled rule base: Drools objects cannot be serialised, and each executor JVM compiles
 * the rules once, on first use, and keeps them for every later task (see {@link MltRulesSpark}).
 *
 * <p>Making a source loads or compiles the rules once on the calling JVM (the driver): a rule set that does not
 * compile is refused here, with every problem, before any task starts, and its fingerprint is known. That engine
 * is kept in the driver JVM's cache, so that in local mode (driver and executors in one JVM) the rules are
 * compiled once in all.
 *
 * <p>Immutable, serialisable and thread-safe.
 */
public final class RuleSource implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Largest rule folder shipped, in bytes: a rule set is a few hundred KiB, and it travels with every task. */
    static final long MAX_FOLDER_BYTES = 16L << 20;

    /** File contents by path relative to the rule folder ({@code /} separators); {@code null} for the bundled rules. */
    private final TreeMap<String, byte[]> files;
    private final String name;
    private final String version;
    private final String fingerprint;

    private RuleSource(TreeMap<String, byte[]> files, RuleSetInfo info) {
        this.files = files;
        this.name = info.name();
        this.version = info.version();
        this.fingerprint = info.fingerprint();
    }

    /**
     * The bundled rule set (org.mltrules:mlt-rules-drl, inside the job jar), with its descriptor's conventions.
     *
     * @throws RuleSetException when the bundled rules are not on the class path or cannot be loaded
     */
    public static RuleSource bundled() {
        return new RuleSource(null, EngineCache.driverBuild(null).ruleSet());
    }

    /**
     * The rule set of a folder on the driver's file system (DRL files, scenario files, {@code ruleset.properties}),
     * with its descriptor's conventions, exactly as {@code mlt-rules assess --rules DIR} reads it. The files are read
     * once, here; the executors compile these bytes, not the folder, so a later edit does not reach a running job.
     * Rules are code and run with the job's privileges: only load folders you trust.
     *
     * @throws RuleSetException when the folder cannot be read, holds anything but rule-set files, or its rules do
     *                          not compile; lists every problem with its file (relative to the folder), line and
     *                          column
     */
    public static RuleSource folder(Path folder) {
        Objects.requireNonNull(folder, "folder must not be null");
        TreeMap<String, byte[]> files = new TreeMap<>(RuleFolder.read(folder));
        long bytes = files.values().stream().mapToLong(b -> b.length).sum();
        if (bytes > MAX_FOLDER_BYTES) {
            throw new RuleSetException("rule-set folder refused", List.of(new RuleProblem(
                    RuleProblem.Severity.ERROR, folder.toString(), 0, 0, null,
                    "larger than " + (MAX_FOLDER_BYTES >> 20) + " MiB: too large to ship to every task")));
        }
        return new RuleSource(files, EngineCache.driverBuild(files).ruleSet());
    }

    /** A source as an executor receives it, not checked on this JVM: for tests of what executors do. */
    static RuleSource unchecked(TreeMap<String, byte[]> files, RuleSetInfo info) {
        return new RuleSource(files, info);
    }

    /** Name, version and fingerprint of the rule set, as every assessment made with it names them. */
    public RuleSetInfo info() {
        return new RuleSetInfo(name, version, fingerprint);
    }

    /** The fingerprint ({@code sha256:...}) over the rule files and the configuration in force. */
    public String fingerprint() {
        return fingerprint;
    }

    /** True for the bundled rules, false for a folder's. */
    public boolean isBundled() {
        return files == null;
    }

    /** The shipped files by relative path (unmodifiable, sorted); empty for the bundled rules. */
    SortedMap<String, byte[]> files() {
        return files == null ? Collections.emptySortedMap() : Collections.unmodifiableSortedMap(files);
    }

    /** The engine for these rules in this JVM: built on first use, then shared by every task (see EngineCache). */
    MltRules engine() {
        return EngineCache.get(this);
    }

    @Serial
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        if (name == null || version == null || fingerprint == null || !fingerprint.startsWith("sha256:")) {
            throw new InvalidObjectException("a rule source needs a name, a version and a sha256 fingerprint");
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RuleSource other)) {
            return false;
        }
        // The fingerprint covers every file and the configuration; the files are compared too, for safety.
        return fingerprint.equals(other.fingerprint) && (files == null) == (other.files == null)
                && (files == null || equalContents(files, other.files));
    }

    private static boolean equalContents(Map<String, byte[]> a, Map<String, byte[]> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        return a.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(), b.get(e.getKey())));
    }

    @Override
    public int hashCode() {
        return fingerprint.hashCode();
    }

    @Override
    public String toString() {
        return "RuleSource[" + (isBundled() ? "bundled " : files.size() + " files, ") + name + " " + version + " "
                + fingerprint + "]";
    }
}
