package org.mltrules.compiler.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mltrules.RuleProblem;

/**
 * Checks what a rule set could do beyond deciding: rules are code, compiled from the folder and run with the host's
 * privileges, and nothing sandboxes them. The same check runs on the bundled rules (BundledRulesAreSandboxedTest in
 * mlt-rules-drl), which use none of it.
 *
 * <ul>
 *   <li><b>Error</b>: DRL files that do not all declare the same package (a file slipped in as {@code com.evil}
 *       next to the others). <b>Warning</b>: a package other than the bundled rules' {@value #BUNDLED_PACKAGE}.</li>
 *   <li><b>Warning</b>, naming the rule (or the function or import) and the call: {@code System} (exit, properties,
 *       the environment, streams), {@code Runtime} and processes, threads, files ({@code java.io}, {@code java.nio},
 *       {@code Files}, {@code File...}), the network ({@code java.net}, sockets, {@code URL}, {@code HttpClient}),
 *       reflection and class loading ({@code java.lang.reflect}, {@code java.lang.invoke}, {@code Class.forName},
 *       {@code setAccessible}, class loaders), scripting and JDK internals. A rule should only read facts and record
 *       outcomes.</li>
 * </ul>
 * Lexical: it sees what is written, in conditions, actions, functions and imports, not what a called method does.
 */
final class SafetyLint {
    /** The package of the bundled rules, which an analyst's copy keeps. */
    static final String BUNDLED_PACKAGE = "org.mltrules.rules";

    /** Packages whose every use is reported, by their first two (or three) names. */
    private static final Set<String> PACKAGES = Set.of("java.io", "java.nio", "java.net", "java.lang.reflect",
            "java.lang.invoke", "java.lang.management", "java.rmi", "javax.script", "javax.naming", "javax.net",
            "sun.misc", "jdk.internal", "com.sun");
    /** Classes whose every use is reported. */
    private static final Set<String> CLASSES = Set.of("System", "Runtime", "ProcessBuilder", "ProcessHandle",
            "Process", "Thread", "ThreadGroup", "Executors", "ForkJoinPool", "ClassLoader", "URLClassLoader",
            "Files", "Paths", "File", "FileInputStream", "FileOutputStream", "FileReader", "FileWriter",
            "RandomAccessFile", "FileChannel", "Socket", "ServerSocket", "DatagramSocket", "SocketChannel", "URL",
            "URI", "URLConnection", "HttpURLConnection", "HttpClient", "InetAddress", "MethodHandles", "Unsafe",
            "ScriptEngineManager", "InitialContext");
    /** Methods that are reflection or process control whatever they are called on. */
    private static final Set<String> METHODS = Set.of("forName", "getDeclaredMethod", "getDeclaredMethods",
            "getDeclaredField", "getDeclaredFields", "getDeclaredConstructor", "getDeclaredConstructors",
            "setAccessible", "getClassLoader", "newInstance", "exec", "loadLibrary");

    private final DrlIndex index;
    private final List<RuleProblem> problems = new ArrayList<>();

    private SafetyLint(DrlIndex index) {
        this.index = index;
    }

    /** Every finding, errors and warnings, in file and position order. */
    static List<RuleProblem> lint(DrlIndex index) {
        SafetyLint lint = new SafetyLint(index);
        lint.packages();
        for (String file : index.files()) {
            lint.calls(file);
        }
        lint.problems.sort(DrlCompiler.BY_POSITION);
        return List.copyOf(lint.problems);
    }

    // ---- one package ------------------------------------------------------------------------------------------

    private record Declared(String file, String name, int line, int column) {
    }

    private void packages() {
        List<Declared> declared = new ArrayList<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String file : index.files()) {
            Declared d = declaredPackage(file);
            declared.add(d);
            counts.merge(d.name(), 1, Integer::sum);
        }
        if (declared.isEmpty()) {
            return;
        }
        // The package most files declare is the rule set's (the first file's on a tie); the others are refused.
        String common = declared.get(0).name();
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (e.getValue() > counts.get(common)) {
                common = e.getKey();
            }
        }
        for (Declared d : declared) {
            if (!d.name().equals(common)) {
                problems.add(new RuleProblem(RuleProblem.Severity.ERROR, d.file(), d.line(), d.column(), null,
                        name(d.name()) + " differs from " + name(common) + ", which the other DRL files of the rule "
                                + "set declare: every DRL file of a rule set declares the same package"));
            }
        }
        if (!common.equals(BUNDLED_PACKAGE)) {
            String rulesPackage = common;
            Declared first = declared.stream().filter(d -> d.name().equals(rulesPackage)).findFirst().orElseThrow();
            problems.add(new RuleProblem(RuleProblem.Severity.WARNING, first.file(), first.line(), first.column(),
                    null, name(common) + " is not the bundled rules' package " + BUNDLED_PACKAGE + ": a rule set "
                            + "derived from the bundled rules keeps it"));
        }
    }

    private static String name(String packageName) {
        return packageName.isEmpty() ? "no package (the default package)" : "package " + packageName;
    }

    /** The file's {@code package} statement, which DRL allows only before everything else. */
    private Declared declaredPackage(String file) {
        DrlTokens dt = index.tokens(file);
        List<DrlTokens.Token> t = dt.tokens();
        if (t.isEmpty() || !t.get(0).is("package")) {
            return new Declared(file, "", 1, 1);
        }
        StringBuilder name = new StringBuilder();
        for (int i = 1; i < t.size() && (t.get(i).kind() == DrlTokens.Kind.IDENT || t.get(i).is(".")); i++) {
            name.append(t.get(i).text());
        }
        return new Declared(file, name.toString(), dt.line(t.get(0).start()), dt.column(t.get(0).start()));
    }

    // ---- calls ------------------------------------------------------------------------------------------------

    private void calls(String file) {
        DrlTokens dt = index.tokens(file);
        List<DrlTokens.Token> t = dt.tokens();
        Set<String> reported = new LinkedHashSet<>();
        for (int i = 0; i < t.size(); i++) {
            DrlTokens.Token x = t.get(i);
            if (x.kind() != DrlTokens.Kind.IDENT || i == 0 && x.is("package")) {
                continue;
            }
            boolean afterDot = i > 0 && t.get(i - 1).is(".");
            String call = null;
            int end = i;
            if (!afterDot) {
                String qualified = qualified(t, i);
                String[] parts = qualified.split("\\.");
                if (parts.length >= 2 && (PACKAGES.contains(parts[0] + "." + parts[1])
                        || parts.length >= 3 && PACKAGES.contains(parts[0] + "." + parts[1] + "." + parts[2]))) {
                    call = qualified;
                    end = i + 2 * (parts.length - 1);
                } else if (CLASSES.contains(x.text())) {
                    boolean member = i + 2 < t.size() && t.get(i + 1).is(".")
                            && t.get(i + 2).kind() == DrlTokens.Kind.IDENT;
                    boolean created = i > 0 && t.get(i - 1).is("new");
                    call = (created ? "new " : "") + x.text() + (member ? "." + t.get(i + 2).text() : "");
                    end = member ? i + 2 : i;
                }
            } else if (METHODS.contains(x.text()) && i + 1 < t.size() && t.get(i + 1).is("(")) {
                String owner = i >= 2 && t.get(i - 2).kind() == DrlTokens.Kind.IDENT ? t.get(i - 2).text() : "";
                call = owner.equals("Class") ? "Class." + x.text() : x.text() + "(...)";
            }
            if (call == null) {
                continue;
            }
            String rule = ruleAt(file, i);
            if (reported.add(rule + "\u0000" + call)) {
                problems.add(new RuleProblem(RuleProblem.Severity.WARNING, file, dt.line(x.start()),
                        dt.column(x.start()), rule, "uses " + call + ": rules are code and run with the host's "
                        + "privileges, unsandboxed; a rule only reads facts and records outcomes (files, network, "
                        + "processes, threads, reflection and System are reported)"));
            }
            i = end;
        }
    }

    /** The dotted name that starts at token {@code i} ({@code java.io.File}). */
    private static String qualified(List<DrlTokens.Token> t, int i) {
        StringBuilder b = new StringBuilder(t.get(i).text());
        int j = i + 1;
        while (j + 1 < t.size() && t.get(j).is(".") && t.get(j + 1).kind() == DrlTokens.Kind.IDENT) {
            b.append('.').append(t.get(j + 1).text());
            j += 2;
        }
        return b.toString();
    }

    /** The name of the rule whose text holds token {@code i}, or {@code null} outside rules. */
    private String ruleAt(String file, int i) {
        for (DrlIndex.RuleSite r : index.rules()) {
            if (r.file().equals(file) && i >= r.ruleToken() && i <= r.endToken()) {
                return r.name();
            }
        }
        return null;
    }
}
