package org.mltrules.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.drools.core.impl.RuleBaseFactory;
import org.drools.model.Model;
import org.drools.modelcompiler.KieBaseBuilder;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.mltrules.RuleMetadata;
import org.mltrules.RuleProblem;
import org.mltrules.RuleSetException;
import org.mltrules.spi.CompiledRuleBase;

/** A compiled rule base with each rule's parsed metadata. Immutable and shared by every assessment. */
public final class CompiledRules {
    /** Where kie-maven-plugin lists the executable-model classes of the bundled kjar (org.mltrules:mlt-rules-drl). */
    static final String BUNDLED_MODEL_INDEX = "META-INF/kie/org.mltrules/mlt-rules-drl/drools-model";

    private final KieBase kieBase;
    private final Map<String, RuleMetadata> metadata;
    /** The same, for the lookup of every firing: a hash map (a sorted map's lookup was 3% of an assessment). */
    private final Map<String, RuleMetadata> byName;
    private final List<RuleProblem> warnings;
    private final boolean declaresOutcome;
    private final SessionPool sessions;
    /** Rule names by the name Drools' classic compiler gives their generated classes, made on first failure. */
    private volatile Map<String, String> generatedClassNames;

    /** Name of the global through which rules record their conclusions. */
    public static final String OUTCOME = "outcome";

    private CompiledRules(KieBase kieBase, List<RuleProblem> warnings, Map<String, String> references) {
        this.kieBase = kieBase;
        this.warnings = List.copyOf(warnings);
        this.declaresOutcome = kieBase.getKiePackages().stream().flatMap(p -> p.getGlobalVariables().stream())
                .anyMatch(g -> g.getName().equals(OUTCOME));
        Map<String, RuleMetadata> m = new TreeMap<>();
        for (KiePackage p : kieBase.getKiePackages()) {
            for (Rule r : p.getRules()) {
                m.put(r.getName(), RuleMetadata.parse(r.getName(), r.getMetaData(), references));
            }
        }
        this.metadata = Collections.unmodifiableMap(m);
        this.byName = new HashMap<>(m);
        this.sessions = new SessionPool(kieBase);
    }

    /**
     * Loads the bundled, precompiled rule base (executable model) from the classpath: no DRL is compiled. Its rules'
     * {@code @evidence} keys are resolved through {@code references} (the bundled {@code references.properties}).
     */
    public static CompiledRules bundled(ClassLoader loader, Map<String, String> references) {
        KieBase base;
        try {
            base = bundledKieBase(loader);
        } catch (RuntimeException | IOException | ReflectiveOperationException e) {
            throw new RuleSetException("the bundled rule base cannot be loaded", List.of(new RuleProblem(
                    RuleProblem.Severity.ERROR, null, 0, 0, null, String.valueOf(e.getMessage()))));
        }
        return new CompiledRules(base, List.of(), references);
    }

    /**
     * A rule base compiled at run time by a {@link org.mltrules.spi.RuleCompiler}, with its rule set's citations by
     * key (empty when it has no {@code references.properties}).
     */
    public static CompiledRules of(CompiledRuleBase compiled, Map<String, String> references) {
        return new CompiledRules(compiled.kieBase(), compiled.warnings(), references);
    }

    /**
     * Builds the bundled rule base straight from the executable-model classes that kie-maven-plugin generated
     * (listed in the kjar's {@link #BUNDLED_MODEL_INDEX}), instead of a classpath KieContainer, which scans the
     * classpath and parses and validates every kmodule.xml first: that halves the start-up time, and needs neither
     * the DRL compiler nor the XML support on the class path (the kbase has no options in kmodule.xml, so both give
     * the same rule base). The configuration is made as KieServices would make it, without KieServices, whose
     * implementation lives in drools-compiler.
     */
    private static KieBase bundledKieBase(ClassLoader loader) throws IOException, ReflectiveOperationException {
        URL index = loader.getResource(BUNDLED_MODEL_INDEX);
        if (index == null) {
            throw new IOException(BUNDLED_MODEL_INDEX + " is missing: mlt-rules-drl was built without its"
                    + " executable model");
        }
        List<Model> models = new ArrayList<>();
        try (InputStream in = index.openStream()) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                String name = line.trim();
                // The first line states the Drools version the model was generated with.
                if (!name.isEmpty() && !name.startsWith("Drools-Model-Version")) {
                    models.add((Model) loader.loadClass(name).getConstructor().newInstance());
                }
            }
        }
        if (models.isEmpty()) {
            throw new IOException(BUNDLED_MODEL_INDEX + " lists no model class");
        }
        return KieBaseBuilder.createKieBaseFromModel(models,
                RuleBaseFactory.newKnowledgeBaseConfiguration(null, loader));
    }

    public KieBase kieBase() {
        return kieBase;
    }

    /** Metadata of a rule by name; parsed on the fly for a rule unknown at load (never expected). */
    public RuleMetadata meta(String ruleName) {
        RuleMetadata m = byName.get(ruleName);
        return m != null ? m : RuleMetadata.parse(ruleName, Map.of());
    }

    /** The sessions of this rule base, shared by every evaluator of these rules. */
    SessionPool sessions() {
        return sessions;
    }

    /**
     * The rule whose code a class generated by the classic DRL compiler holds ({@code org.mltrules.rules.Rule_E1_eval_fails0}
     * for an {@code eval} of rule "E1 eval fails", {@code ...0DefaultConsequenceInvoker} for its action), or
     * {@code null}. The compiler names the class {@code Rule_} + the rule name with spaces as {@code _} (and other
     * characters that cannot be in a Java name encoded) + a number; the longest rule name that fits wins.
     */
    String ruleOfGeneratedClass(String className) {
        String simple = className.substring(className.lastIndexOf('.') + 1);
        if (!simple.startsWith("Rule_")) {
            return null;
        }
        Map<String, String> names = generatedClassNames;
        if (names == null) {
            names = new TreeMap<>();
            for (String rule : metadata.keySet()) {
                names.put(normalizedRuleName(rule), rule);
            }
            generatedClassNames = names;
        }
        String best = null;
        int bestLength = -1;
        String rest = simple.substring("Rule_".length());
        for (Map.Entry<String, String> e : names.entrySet()) {
            String n = e.getKey();
            if (rest.startsWith(n) && rest.length() > n.length() && Character.isDigit(rest.charAt(n.length()))
                    && n.length() > bestLength) {
                best = e.getValue();
                bestLength = n.length();
            }
        }
        return best;
    }

    /** How Drools' classic compiler turns a rule name into part of a class name (DialectUtil.normalizeRuleName). */
    static String normalizedRuleName(String name) {
        String normalized = name.replace(' ', '_');
        StringBuilder b = new StringBuilder(normalized.length());
        boolean plain = true;
        for (int i = 0; i < normalized.length(); i++) {
            char ch = normalized.charAt(i);
            if (!(Character.isLetterOrDigit(ch) || ch == '_')) {
                plain = false;
            }
        }
        if (plain) {
            return normalized;
        }
        for (int i = 0; i < normalized.length(); i++) {
            char ch = normalized.charAt(i);
            if (ch == '$') {
                b.append("_dollar_");
            } else if (Character.isJavaIdentifierPart(ch)) {
                b.append(ch);
            } else {
                b.append("$u").append((int) ch).append('$');
            }
        }
        return b.toString();
    }

    /** Every rule's metadata, by rule name, sorted. */
    public Map<String, RuleMetadata> metadata() {
        return metadata;
    }

    /** Whether a package of the rule base declares the global {@code outcome}. */
    public boolean declaresOutcome() {
        return declaresOutcome;
    }

    /** Warnings found when the rules were compiled and linted (none for the precompiled bundled rules). */
    public List<RuleProblem> warnings() {
        return warnings;
    }

}
