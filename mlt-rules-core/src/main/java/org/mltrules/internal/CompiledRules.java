package org.mltrules.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    private CompiledRules(KieBase kieBase) {
        this.kieBase = kieBase;
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
        return new CompiledRules(base);
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
     * the executable model at run time and reports positions in the DRL rather than in generated Java. Refuses the
     * rule set whole on any error; duplicate rule names are errors.
     *
     * @param drl DRL text by relative path
     */
    public static CompiledRules compile(Map<String, String> drl) {
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
        List<RuleProblem> problems = new ArrayList<>();
        for (Message m : builder.getResults().getMessages(Message.Level.ERROR)) {
            problems.add(DrlMessages.toProblem(m, drl));
        }
        if (!problems.isEmpty()) {
            ks.getRepository().removeKieModule(releaseId);
            throw new RuleSetException("the rules do not compile", problems);
        }
        KieContainer container = ks.newKieContainer(releaseId);
        KieBase base = container.getKieBase();
        ks.getRepository().removeKieModule(releaseId);
        return new CompiledRules(base);
    }

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

}
