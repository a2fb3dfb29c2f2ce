package org.mltrules.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.mltrules.Assessment;
import org.mltrules.CaseField;
import org.mltrules.ConventionApplied;
import org.mltrules.Conventions;
import org.mltrules.Exclusion;
import org.mltrules.Lesion;
import org.mltrules.LesionAssessment;
import org.mltrules.MltRules;
import org.mltrules.PatientCase;
import org.mltrules.PathStep;
import org.mltrules.RankedOption;
import org.mltrules.Reason;
import org.mltrules.SafeText;
import org.mltrules.fhir.MappingEntry;
import org.mltrules.fhir.MappingResult;
import org.mltrules.json.CaseInput;
import org.mltrules.json.CaseRecord;
import org.mltrules.json.ErrorRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code mlt-rules explain}: everything behind one case's assessment: the facts as read (unknowns named), the
 * classification path question by question, the conventions in force and applied, every fired rule and where it
 * acted, every reason of every lesion, and the candidacy.
 */
@Command(name = "explain",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        header = "Explain one case in full: facts as read, path, conventions, fired rules and every reason.",
        description = {
            "Explains the case with the given --case id, or the first case of the input. The input may hold FHIR "
                    + "bundles (see assess): a bundle is mapped first, and the explanation also says where each "
                    + "fact came from, or why it stays unknown.",
            ""
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  mlt-rules explain examples/cases/one.json",
            "  mlt-rules explain --case demo-05 examples/cases/demo.jsonl",
            "  mlt-rules explain --as-of 2024-01-20 patient-bundle.json",
            "",
            "Exit status: 0 explained; 2 usage error, unreadable input or no such case; 3 the case was rejected",
            "or failed in a rule; 4 rules unusable."
        })
final class ExplainCommand implements Callable<Integer> {
    @ParentCommand
    MltRulesCommand parent;

    @Option(names = {"-c", "--case"}, paramLabel = "ID",
            description = "The caseId to explain (default: the first case of the input).")
    String caseId;

    @Mixin
    RulesOption rules;

    @Mixin
    CaseTimeoutOption caseTimeout;

    @Mixin
    FhirOption fhir;

    @Mixin
    InputOption input;

    @Override
    public Integer call() {
        Main.Io io = parent.io();
        InputStream in = input.open(io);
        MltRules engine = null;
        CaseRecord found = null;
        MappingResult mapping = null;
        boolean more = false;
        try (in; CaseInput cases = CaseInput.open(in, true)) {
            while (cases.hasNext()) {
                CaseRecord r = cases.next();
                // A bundle's case id is known once it is mapped.
                MappingResult m = null;
                if (r.isBundle() && caseId != null) {
                    engine = engine == null ? rules.load(io) : engine;
                    m = map(engine, r);
                }
                String id = m != null ? m.caseId() : r.caseId();
                if (caseId == null || caseId.equals(id)) {
                    found = r;
                    mapping = m;
                    more = caseId == null && cases.hasNext();
                    break;
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new Main.ExitException(Main.USAGE, "cannot read " + input.name() + ": " + e.getMessage());
        }
        if (found == null) {
            throw new Main.ExitException(Main.USAGE, caseId == null ? "the input holds no case"
                    : "no case with caseId " + SafeText.escape(caseId) + " in " + input.name());
        }
        engine = caseTimeout.apply(engine == null ? rules.load(io) : engine);
        Attempt attempt = Attempt.patiently(engine, found, mapping != null ? mapping : found.isBundle()
                ? map(engine, found) : null);
        ErrorRecord error = attempt.error();
        Assessment a = attempt.assessment();
        MappingResult m = attempt.mapping();
        try {
            Writer w = new BufferedWriter(new OutputStreamWriter(io.out(), StandardCharsets.UTF_8));
            if (error != null) {
                w.write(TextReport.renderError(error, m != null && !m.isMapped()));
            } else {
                w.write(explain(attempt.patientCase(found), a, engine, m));
            }
            w.flush();
        } catch (IOException e) {
            throw Main.outputFailed(e);
        }
        if (more) {
            io.err().println("mlt-rules: explained the first case of several; --case ID picks another");
        }
        return error == null ? Main.OK : Main.CASE_ERRORS;
    }

    private MappingResult map(MltRules engine, CaseRecord r) {
        return fhir.mapper(engine.conventions().maxLesions()).map(r.bundle());
    }

    static String explain(PatientCase c, Assessment a, MltRules engine) {
        return explain(c, a, engine, null);
    }

    /** The explanation; for a case mapped from a FHIR bundle ({@code mapping}), with where each fact came from. */
    static String explain(PatientCase c, Assessment a, MltRules engine, MappingResult mapping) {
        StringBuilder b = new StringBuilder(4096);
        TextReport report = new TextReport(engine);
        Conventions k = engine.conventions();
        b.append("Explanation of case ").append(SafeText.escape(c.caseId())).append("\n\n");

        b.append("1. Facts as read (\"unknown\" = absent or null; never read as false)\n");
        facts(b, c);
        if (mapping != null) {
            mapping(b, mapping);
        }

        b.append("\n2. Classification: ").append(a.category()).append('\n');
        for (PathStep s : a.classification().path()) {
            b.append(String.format(Locale.ROOT, "   %-3s %s%n       answer %s, because %s%n", s.step(),
                    s.step().question(k), s.answer(), s.because()).replace("\r\n", "\n"));
        }
        if (!a.classification().reasons().isEmpty()) {
            b.append("   Failing preconditions: ").append(a.classification().reasons()).append('\n');
        }
        b.append("   Missing facts: ").append(a.classification().missing().isEmpty() ? "none"
                : String.join(", ", a.classification().missing())).append('\n');
        b.append("   Conventions applied:\n");
        if (a.classification().conventions().isEmpty()) {
            b.append("     none\n");
        }
        for (ConventionApplied applied : a.classification().conventions()) {
            b.append("     ").append(applied.id()).append(' ').append(applied.name())
                    .append(applied.value() == null ? "" : " = " + applied.value());
            b.append(": ").append(applied.convention().meaning()).append('\n');
        }
        b.append("   Conventions in force: synchronousWindowMonths=").append(k.synchronousWindowMonths())
                .append(", activeTherapyWindowDays=").append(k.activeTherapyWindowDays())
                .append(", maintenanceCountsAsActive=").append(k.maintenanceCountsAsActive())
                .append(", newLesionCountsAsProgression=").append(k.newLesionCountsAsProgression())
                .append(", maxLesions=").append(k.maxLesions())
                .append(", regionalNodesCountAsMetastasis=").append(k.regionalNodesCountAsMetastasis()).append('\n');
        b.append("   Centre: techniques ").append(engine.centre().availableTechniques())
                .append(", not ablated at ").append(engine.centre().nonAblatableSites()).append('\n');

        b.append("\n3. Fired rules (").append(a.firedRules().size()).append(")\n");
        Map<String, List<String>> where = whereRulesActed(a);
        for (String rule : a.firedRules()) {
            List<String> places = where.get(rule);
            b.append(String.format(Locale.ROOT, "   %-6s %s%n", rule,
                    places == null ? "(patient-level bookkeeping: no reason of its own)"
                            : String.join("; ", places)).replace("\r\n", "\n"));
        }

        b.append("\n4. Full report\n\n");
        b.append(report.render(c, a, mapping));
        return b.toString();
    }

    /** Where each fact of a mapped bundle came from (resource, mapping rule), or why it stays unknown. */
    private static void mapping(StringBuilder b, MappingResult m) {
        b.append("\n   Read from an mCODE bundle, ").append(TextReport.asOf(m)).append(".\n");
        b.append("   Where each fact came from (resource, mapping rule), or why it stays unknown:\n");
        // A field, message or source may hold the record's own ids: escaped like any input text.
        for (MappingEntry e : m.report()) {
            b.append(String.format(Locale.ROOT, "   %-5s %-14s %-30s %s%s [%s]%n", e.severity(), e.status(),
                    e.field().isEmpty() ? "(bundle)" : SafeText.escape(e.field()), SafeText.escape(e.message()),
                    e.source() == null ? "" : " <- " + SafeText.escape(e.source()), e.rule()).replace("\r\n", "\n"));
        }
    }

    /** For each rule, where it acted: a path step, a lesion's technique, or the candidacy. */
    private static Map<String, List<String>> whereRulesActed(Assessment a) {
        Map<String, List<String>> where = new TreeMap<>();
        for (PathStep s : a.classification().path()) {
            where.computeIfAbsent(s.step().name(), x -> new ArrayList<>())
                    .add("path step " + s.step() + " = " + s.answer());
        }
        for (LesionAssessment l : a.lesions()) {
            for (RankedOption o : l.options()) {
                for (Reason r : o.reasons()) {
                    where.computeIfAbsent(r.rule(), x -> new ArrayList<>())
                            .add("lesion " + SafeText.escape(l.lesionId()) + " " + o.technique() + " "
                                    + (r.effect() == null ? "" : TextReport.signed(r.effect())));
                }
            }
            for (Exclusion x : l.excluded()) {
                for (Reason r : x.reasons()) {
                    where.computeIfAbsent(r.rule(), y -> new ArrayList<>())
                            .add("lesion " + SafeText.escape(l.lesionId()) + " " + x.technique() + " excluded");
                }
            }
        }
        for (Reason r : a.candidacy().reasons()) {
            where.computeIfAbsent(r.rule(), x -> new ArrayList<>()).add("candidacy: " + r.text());
        }
        return where;
    }

    private static void facts(StringBuilder b, PatientCase c) {
        Map<String, Object> f = new LinkedHashMap<>();
        for (CaseField field : CaseField.values()) {
            if (field != CaseField.CASE_ID && field != CaseField.LESIONS && !field.isLesionField()) {
                f.put(field.path(), field.get(c));
            }
        }
        f.forEach((name, value) -> b.append(String.format(Locale.ROOT, "   %-30s %s%n", name,
                value == null ? "unknown" : value instanceof Double d ? number(d) : value).replace("\r\n", "\n")));
        if (c.lesions() == null) {
            b.append("   lesions                        unknown\n");
            return;
        }
        b.append("   lesions                        ").append(c.lesions().size()).append('\n');
        for (int i = 0; i < c.lesions().size(); i++) {
            Lesion l = c.lesions().get(i);
            b.append("     [").append(i).append("] ").append(SafeText.escape(l.id())).append(": ").append(l.site())
                    .append(", laterality ").append(orUnknown(l.laterality()))
                    .append(", size ").append(l.sizeMm() == null ? "unknown" : number(l.sizeMm()) + " mm")
                    .append(", response ").append(orUnknown(l.response()))
                    .append("\n         safelyTreatable ").append(orUnknown(l.safelyTreatable()))
                    .append(", resectableR0 ").append(orUnknown(l.resectableR0()))
                    .append(", sabrConstraintsAchievable ").append(orUnknown(l.sabrConstraintsAchievable()))
                    .append(", previouslyIrradiated ").append(orUnknown(l.previouslyIrradiated()))
                    .append("\n         features ").append(l.features() == null ? "unknown"
                            : l.features().isEmpty() ? "none" : l.features().toString()).append('\n');
        }
    }

    /** 15.0 as "15", 1.15 as "1.15": as the case was written. */
    static String number(Double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString(value.longValue())
                : value.toString();
    }

    private static String orUnknown(Object value) {
        return value == null ? "unknown" : value.toString();
    }
}
