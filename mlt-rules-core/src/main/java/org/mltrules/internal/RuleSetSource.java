package org.mltrules.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.mltrules.RuleProblem;
import org.mltrules.RuleSetException;
import org.mltrules.spi.RuleSetLayout;

/**
 * The files of a rule set, read once into memory: DRL files, scenario files and the descriptor
 * {@code ruleset.properties}, keyed by their path relative to the rule-set folder ({@code /} separators).
 */
public final class RuleSetSource {
    /** Classpath folder of the bundled rule set (inside the mlt-rules-drl jar). */
    public static final String BUNDLED_FOLDER = "org/mltrules/rules/";
    /** The descriptor's file name. */
    public static final String DESCRIPTOR = RuleSetLayout.DESCRIPTOR;

    private final Map<String, byte[]> files;
    private final String origin;

    private RuleSetSource(Map<String, byte[]> files, String origin) {
        this.files = Collections.unmodifiableMap(files);
        this.origin = origin;
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
                String spec = uri.getRawSchemeSpecificPart();
                Path jar = Path.of(URI.create(spec.substring(0, spec.indexOf("!/"))));
                return checked(readJar(jar, "classpath:" + BUNDLED_FOLDER));
            }
            return checked(read(Path.of(uri).getParent(), "classpath:" + BUNDLED_FOLDER));
        } catch (IOException | URISyntaxException e) {
            throw new RuleSetException("the bundled rules cannot be read",
                    List.of(problem(null, String.valueOf(e.getMessage()))));
        }
    }

    /**
     * The rule-set files under {@link #BUNDLED_FOLDER} of a jar, from its central directory: a private
     * {@link ZipFile} per read (no race with other threads or class loaders). The folder also holds the executable
     * model's generated classes (hundreds, in subfolders); a zip file system walking them took about a fifth of the
     * start-up (issue 17), reading the entry list takes a few milliseconds.
     */
    private static RuleSetSource readJar(Path jar, String origin) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                String name = e.getName();
                if (e.isDirectory() || !name.startsWith(BUNDLED_FOLDER)) {
                    continue;
                }
                String relative = name.substring(BUNDLED_FOLDER.length());
                if (RuleSetLayout.isRuleSetFile(relative)) {
                    try (InputStream in = zip.getInputStream(e)) {
                        files.put(relative, in.readAllBytes());
                    }
                }
            }
        }
        return new RuleSetSource(files, origin);
    }

    private static RuleSetSource read(Path root, String origin) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                String relative = root.relativize(p).toString().replace('\\', '/');
                if (RuleSetLayout.isRuleSetFile(relative)) {
                    files.put(relative, Files.readAllBytes(p));
                }
            }
        }
        return new RuleSetSource(files, origin);
    }

    /**
     * A rule set held in memory: a folder's files read elsewhere (e.g. shipped to a Spark executor), by path
     * relative to the folder. Refuses paths that are not rule-set files or not relative, naming each.
     */
    public static RuleSetSource of(Map<String, byte[]> files, String origin) {
        Map<String, byte[]> copy = new TreeMap<>();
        List<RuleProblem> problems = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            String path = String.valueOf(e.getKey());
            if (e.getKey() == null || e.getValue() == null || path.isEmpty() || path.startsWith("/")
                    || path.contains("\\") || path.equals("..") || path.startsWith("../") || path.contains("/../")
                    || path.endsWith("/..")) {
                problems.add(problem(path, "not a path relative to the rule-set folder with / separators"));
            } else if (!RuleSetLayout.isRuleSetFile(path)) {
                problems.add(problem(path, "not a rule-set file: a rule set holds only *.drl files, scenario files"
                        + " (scenarios/*.json), " + DESCRIPTOR + " and " + RuleSetLayout.REFERENCES));
            } else {
                copy.put(path, e.getValue().clone());
            }
        }
        if (!problems.isEmpty()) {
            throw new RuleSetException("rule-set files refused", problems);
        }
        return checked(new RuleSetSource(copy, origin));
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
            if (RuleSetLayout.isDrlFile(k)) {
                drl.put(k, new String(v, StandardCharsets.UTF_8));
            }
        });
        return drl;
    }

    /** The scenario files by relative path. */
    public Map<String, String> scenarioFiles() {
        Map<String, String> s = new TreeMap<>();
        files.forEach((k, v) -> {
            if (RuleSetLayout.isScenarioFile(k)) {
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

    /** The text of {@code references.properties}, {@code null} when the rule set has none. */
    public String referencesText() {
        byte[] bytes = files.get(RuleSetLayout.REFERENCES);
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * The citations of {@code references.properties} by key (empty when the rule set has none): what the rules'
     * {@code @evidence} names.
     */
    public Map<String, String> references() {
        return parseReferences(referencesText());
    }

    /** Parses a references file's text (Java properties, UTF-8) into key = citation, sorted by key. */
    public static Map<String, String> parseReferences(String text) {
        Map<String, String> out = new TreeMap<>();
        if (text == null) {
            return out;
        }
        Properties p = new Properties();
        try {
            p.load(new java.io.StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            // A malformed unicode escape: the linter reports the file; no citation is resolved from it.
            return out;
        }
        for (String k : p.stringPropertyNames()) {
            out.put(k, p.getProperty(k).trim());
        }
        return out;
    }

    /** Where the files came from, for messages. */
    public String origin() {
        return origin;
    }

    /**
     * The fingerprint of docs/case-format.md: {@code sha256:} + hex SHA-256 over the files sorted by relative path, each
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
