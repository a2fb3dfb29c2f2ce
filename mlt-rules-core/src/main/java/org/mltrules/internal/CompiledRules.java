package org.mltrules.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.drools.model.Model;
import org.drools.modelcompiler.KieBaseBuilder;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.builder.model.KieBaseModel;
import org.kie.api.builder.model.KieModuleModel;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieContainer;
import org.mltrules.RuleProblem;
import org.mltrules.RuleSetException;

/** A compiled rule base with each rule's parsed metadata. Immutable and shared by every assessment. */
public final class CompiledRules {
    /** Name of the knowledge base in the bundled kjar's kmodule.xml. */
    public static final String BUNDLED_KBASE = "mlt-rules";
    /** Where kie-maven-plugin lists the executable-model classes of the bundled kjar (org.mltrules:mlt-rules-drl). */
    static final String BUNDLED_MODEL_INDEX = "META-INF/kie/org.mltrules/mlt-rules-drl/drools-model";

    private final KieBase kieBase;
    private final Map<String, RuleMeta> metadata;
    private final List<RuleProblem> warnings;
    private final boolean declaresOutcome;

    /** Name of the global through which rules record their conclusions. */
    static final String OUTCOME = "outcome";

    private CompiledRules(KieBase kieBase, List<RuleProblem> warnings) {
        this.kieBase = kieBase;
        this.warnings = List.copyOf(warnings);
        this.declaresOutcome = kieBase.getKiePackages().stream().flatMap(p -> p.getGlobalVariables().stream())
                .anyMatch(g -> g.getName().equals(OUTCOME));
        Map<String, RuleMeta> m = new HashMap<>();
        for (KiePackage p : kieBase.getKiePackages()) {
            for (Rule r : p.getRules()) {
                m.put(r.getName(), RuleMeta.parse(r.getName(), r.getMetaData()));
            }
        }
        this.metadata = Map.copyOf(m);
    }

    /** Loads the bundled, precompiled rule base (executable model) from the classpath: no DRL is compiled. */
    public static CompiledRules bundled(ClassLoader loader) {
        KieBase base;
        try {
            base = bundledKieBase(loader);
        } catch (RuntimeException | IOException | ReflectiveOperationException e) {
            throw new RuleSetException("the bundled rule base cannot be loaded", List.of(new RuleProblem(
                    RuleProblem.Severity.ERROR, null, 0, 0, null, String.valueOf(e.getMessage()))));
        }
        return new CompiledRules(base, List.of());
    }

    /**
     * Builds the bundled rule base straight from the executable-model classes that kie-maven-plugin generated
     * (listed in the kjar's {@link #BUNDLED_MODEL_INDEX}), instead of a classpath KieContainer, which scans the
     * classpath and parses and validates every kmodule.xml first: that halves the start-up time. The kbase has no
     * options in kmodule.xml, so both give the same rule base. Falls back to the container without the index.
     */
    private static KieBase bundledKieBase(ClassLoader loader) throws IOException, ReflectiveOperationException {
        URL index = loader.getResource(BUNDLED_MODEL_INDEX);
        if (index == null) {
            return KieServices.get().newKieClasspathContainer(loader).getKieBase(BUNDLED_KBASE);
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
        return KieBaseBuilder.createKieBaseFromModel(models);
    }

    /**
     * Compiles DRL files at run time with the classic compiler (drools-mvel), which is several times faster than
     * the executable model at run time and reports positions in the DRL rather than in generated Java, and lints
     * them ({@link RuleLint}). Refuses the rule set whole on any error, listing every problem (compiler and lint,
     * errors and warnings) by file and position; duplicate rule names are errors.
     *
     * @param drl DRL text by relative path
     * @throws RuleSetException listing every problem when there is any error
     */
    public static CompiledRules compile(Map<String, String> drl) {
        DrlIndex index = DrlIndex.of(drl);
        List<RuleProblem> problems = new ArrayList<>(RuleLint.lint(index));
        KieServices ks = KieServices.get();
        KieFileSystem kfs = ks.newKieFileSystem();
        // A unique release id per build: the KieRepository is a JVM-wide singleton keyed by it.
        ReleaseId releaseId = ks.newReleaseId("org.mltrules.runtime", "rules-" + UUID.randomUUID(), "1.0.0");
        kfs.generateAndWritePomXML(releaseId);
        KieModuleModel module = ks.newKieModuleModel();
        module.setConfigurationProperty("drools.kbuilder.severity.duplicateRule", "ERROR");
        KieBaseModel kbase = module.newKieBaseModel("rules").setDefault(true);
        kbase.addPackage("*");
        kfs.writeKModuleXML(module.toXML());
        for (Map.Entry<String, String> e : drl.entrySet()) {
            kfs.write("src/main/resources/" + e.getKey(), e.getValue());
        }
        KieBuilder builder = ks.newKieBuilder(kfs).buildAll();
        List<RuleProblem> compiler = new ArrayList<>();
        for (Message m : builder.getResults().getMessages(Message.Level.ERROR, Message.Level.WARNING)) {
            compiler.addAll(DrlMessages.toProblems(m, index));
        }
        List<RuleProblem> lint = List.copyOf(problems);
        for (RuleProblem p : compiler) {
            boolean redundant = DrlMessages.isParseFollowUp(p) && compiler.stream().anyMatch(q -> q != p
                    && q.severity() == RuleProblem.Severity.ERROR && Objects.equals(q.file(), p.file()))
                    // The linter reports every duplicate name, in any package, with both positions.
                    || DrlMessages.isDuplicateRuleName(p) && lint.stream().anyMatch(q -> Objects.equals(q.rule(),
                    p.rule()) && DrlMessages.isDuplicateRuleName(q));
            if (!redundant) {
                problems.add(p);
            }
        }
        problems.sort(BY_POSITION);
        if (problems.stream().anyMatch(p -> p.severity() == RuleProblem.Severity.ERROR)) {
            ks.getRepository().removeKieModule(releaseId);
            throw new RuleSetException("the rule set is refused", problems);
        }
        KieContainer container = ks.newKieContainer(releaseId);
        KieBase base = container.getKieBase();
        ks.getRepository().removeKieModule(releaseId);
        return new CompiledRules(base, problems);
    }

    /** Problems in file order, then by line and column; problems tied to no file first. */
    static final Comparator<RuleProblem> BY_POSITION = Comparator
            .comparing(RuleProblem::file, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparingInt(RuleProblem::line)
            .thenComparingInt(RuleProblem::column);

    public KieBase kieBase() {
        return kieBase;
    }

    /** Metadata of a rule by name; parsed on the fly for a rule unknown at load (never expected). */
    public RuleMeta meta(String ruleName) {
        RuleMeta m = metadata.get(ruleName);
        return m != null ? m : RuleMeta.parse(ruleName, Map.of());
    }

    public Map<String, RuleMeta> metadata() {
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
