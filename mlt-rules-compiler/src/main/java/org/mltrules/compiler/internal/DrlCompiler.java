package org.mltrules.compiler.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.builder.model.KieBaseModel;
import org.kie.api.builder.model.KieModuleModel;
import org.kie.api.runtime.KieContainer;
import org.mltrules.RuleProblem;
import org.mltrules.RuleSetException;
import org.mltrules.compiler.RuleFolder;
import org.mltrules.spi.CompiledRuleBase;
import org.mltrules.spi.RuleCompiler;

/**
 * The run-time rule compiler (service {@link RuleCompiler}): the classic DRL compiler (drools-mvel), which is
 * several times faster than the executable model at run time and reports positions in the DRL rather than in
 * generated Java, plus the linter ({@link RuleLint}). Stateless and thread-safe.
 */
public final class DrlCompiler implements RuleCompiler {
    /** Name of the global through which rules record their conclusions. */
    static final String OUTCOME = "outcome";

    /** Problems in file order, then by line and column; problems tied to no file first. */
    static final Comparator<RuleProblem> BY_POSITION = Comparator
            .comparing(RuleProblem::file, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparingInt(RuleProblem::line)
            .thenComparingInt(RuleProblem::column);

    @Override
    public Map<String, byte[]> readFolder(Path folder) {
        return RuleFolder.read(folder);
    }

    /**
     * Compiles and lints DRL files. Refuses the rule set whole on any error, listing every problem (compiler and
     * lint, errors and warnings) by file and position; duplicate rule names are errors.
     */
    @Override
    public CompiledRuleBase compile(Map<String, String> drl) {
        return compile(drl, null);
    }

    /**
     * Compiles and lints DRL files of a rule set whose {@code references.properties} has the given text
     * ({@code null}: none, and {@code @evidence} is free text).
     */
    @Override
    public CompiledRuleBase compile(Map<String, String> drl, String references) {
        DrlIndex index = DrlIndex.of(drl);
        List<RuleProblem> problems = new ArrayList<>(RuleLint.lint(index, references));
        problems.addAll(SafetyLint.lint(index));
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
        return new CompiledRuleBase(base, problems);
    }
}
