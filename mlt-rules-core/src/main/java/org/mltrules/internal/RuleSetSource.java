package org.mltrules.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.mltrules.RuleProblem;
import org.mltrules.RuleSetException;

/**
 * The files of a rule set, read once into memory: DRL files, scenario files and the descriptor
 * {@code ruleset.properties}, keyed by their path relative to the rule-set folder ({@code /} separators).
 */
public final class RuleSetSource {
    /** Classpath folder of the bundled rule set (inside the mlt-rules-drl jar). */
    public static final String BUNDLED_FOLDER = "org/mltrules/rules/";
    /** The descriptor's file name. */
    public static final String DESCRIPTOR = "ruleset.properties";

    private final Map<String, byte[]> files;
    private final String origin;

    private RuleSetSource(Map<String, byte[]> files, String origin) {
        this.files = Collections.unmodifiableMap(files);
        this.origin = origin;
    }

    /** Whether a relative path is a file a rule set may hold. */
    public static boolean isRuleSetFile(String relative) {
        String name = relative.substring(relative.lastIndexOf('/') + 1);
        return name.endsWith(".drl") || name.equals(DESCRIPTOR) || isScenarioFile(relative);
    }

    /** Whether a relative path is a scenario file. */
    public static boolean isScenarioFile(String relative) {
        return relative.endsWith(".scenario.json") || relative.startsWith("scenarios/") && relative.endsWith(".json");
    }

    /**
     * Reads a rule-set folder. Refuses a folder holding anything but rule-set files, and symbolic links leading
     * outside it: rules are code and run with the host's privileges.
     */
    public static RuleSetSource fromFolder(Path folder) {
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
                if (!isRuleSetFile(relative)) {
                    problems.add(problem(relative, "not a rule-set file: a rule-set folder holds only *.drl files, "
                            + "scenario files (scenarios/*.json) and " + DESCRIPTOR));
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
        return checked(new RuleSetSource(files, root.toString()));
    }

    /** Reads the bundled rule set from the classpath (the mlt-rules-drl jar, or its classes folder). */
    public static RuleSetSource bundled(ClassLoader loader) {
        URL descriptor = loader.getResource(BUNDLED_FOLDER + DESCRIPTOR);
        if (descriptor == null) {
            throw new RuleSetException("the bundled rules are not on the classpath",
                    List.of(problem(null, "add the dependency org.mltrules:mlt-rules-drl")));
        }
        try {
            URI uri = descriptor.toURI();
            if ("jar".equals(uri.getScheme())) {
                // A private, unregistered file system per read: no race with other threads or class loaders.
                String spec = uri.getRawSchemeSpecificPart();
                Path jar = Path.of(URI.create(spec.substring(0, spec.indexOf("!/"))));
                try (FileSystem fs = FileSystems.newFileSystem(jar)) {
                    return checked(read(fs.getPath("/" + BUNDLED_FOLDER), "classpath:" + BUNDLED_FOLDER));
                }
            }
            return checked(read(Path.of(uri).getParent(), "classpath:" + BUNDLED_FOLDER));
        } catch (IOException | URISyntaxException e) {
            throw new RuleSetException("the bundled rules cannot be read",
                    List.of(problem(null, String.valueOf(e.getMessage()))));
        }
    }

    private static RuleSetSource read(Path root, String origin) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                String relative = root.relativize(p).toString().replace('\\', '/');
                if (isRuleSetFile(relative)) {
                    files.put(relative, Files.readAllBytes(p));
                }
            }
        }
        return new RuleSetSource(files, origin);
    }

    /** A rule set held in memory (tests, generated rule sets). */
    public static RuleSetSource of(Map<String, byte[]> files, String origin) {
        return checked(new RuleSetSource(new TreeMap<>(files), origin));
    }

    private static RuleSetSource checked(RuleSetSource source) {
        List<RuleProblem> problems = new ArrayList<>();
        if (!source.files.containsKey(DESCRIPTOR)) {
            problems.add(problem(DESCRIPTOR, "missing: a rule set needs a descriptor with its name and version"));
        }
        if (source.drlFiles().isEmpty()) {
            problems.add(problem(null, "no .drl file in the rule set"));
        }
        if (!problems.isEmpty()) {
            throw new RuleSetException("incomplete rule set", problems);
        }
        return source;
    }

    private static RuleProblem problem(String file, String message) {
        return new RuleProblem(RuleProblem.Severity.ERROR, file, 0, 0, null, message);
    }

    /** All files by relative path, sorted. */
    public Map<String, byte[]> files() {
        return files;
    }

    /** The DRL files by relative path. */
    public Map<String, String> drlFiles() {
        Map<String, String> drl = new TreeMap<>();
        files.forEach((k, v) -> {
            if (k.endsWith(".drl")) {
                drl.put(k, new String(v, StandardCharsets.UTF_8));
            }
        });
        return drl;
    }

    /** The scenario files by relative path. */
    public Map<String, String> scenarioFiles() {
        Map<String, String> s = new TreeMap<>();
        files.forEach((k, v) -> {
            if (isScenarioFile(k)) {
                s.put(k, new String(v, StandardCharsets.UTF_8));
            }
        });
        return s;
    }

    /** The descriptor's properties. */
    public Properties descriptor() {
        Properties p = new Properties();
        try (InputStream in = new java.io.ByteArrayInputStream(files.get(DESCRIPTOR))) {
            p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** Where the files came from, for messages. */
    public String origin() {
        return origin;
    }

    /**
     * The fingerprint of case-format.md: {@code sha256:} + hex SHA-256 over the files sorted by relative path, each
     * as its path, a NUL byte, its bytes with line endings normalised to LF; then the canonical JSON of the
     * configuration in force.
     */
    public String fingerprint(String canonicalConfiguration) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                sha.update(e.getKey().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(normaliseLineEndings(e.getValue()));
            }
            sha.update(canonicalConfiguration.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    static byte[] normaliseLineEndings(byte[] bytes) {
        byte[] out = new byte[bytes.length];
        int n = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\r') {
                out[n++] = '\n';
                if (i + 1 < bytes.length && bytes[i + 1] == '\n') {
                    i++;
                }
            } else {
                out[n++] = bytes[i];
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }
}
