package org.mltrules.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.EnumMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.mltrules.Assessment;
import org.mltrules.Candidacy;
import org.mltrules.CandidacyLevel;
import org.mltrules.CaseField;
import org.mltrules.CaseProblem;
import org.mltrules.Classification;
import org.mltrules.ConventionApplied;
import org.mltrules.Conventions;
import org.mltrules.Exclusion;
import org.mltrules.Histology;
import org.mltrules.Lesion;
import org.mltrules.LesionAssessment;
import org.mltrules.MltRules;
import org.mltrules.PathStep;
import org.mltrules.PatientCase;
import org.mltrules.RankedOption;
import org.mltrules.Reason;
import org.mltrules.SafeText;
import org.mltrules.Site;
import org.mltrules.fhir.MappingResult;
import org.mltrules.json.ErrorRecord;

/**
 * The readable report of an assessment, for a tumour board: a one-line summary of the patient, the category and
 * why, the candidacy with its reasons (given once for the patient), each lesion's options ranked with their reasons
 * (ties marked {@code =2}, options that an undecided exclusion could still remove marked provisional with the facts
 * that would settle them), exclusions, the references cited, a legend, and the rule set that produced it. When local
 * therapy is not recommended, the options come under a heading that says so and are given for information only.
 * Plain ASCII so that it prints the same in any terminal, log viewer or e-mail.
 */
final class TextReport {
    private static final String RULE = "=".repeat(78);
    /** The candidacy reason the engine gives for a counted lesion that no technique can treat. */
    private static final String ALL_EXCLUDED = "ALL_EXCLUDED";
    /** The patient fact whose unknown value the board is asked to confirm (rule set 1.1). */
    private static final String LIFE_EXPECTANCY = CaseField.LIFE_EXPECTANCY_MONTHS.path();

    private final Conventions conventions;
    /** The ids of the candidacy reasons that make local therapy not recommended in the rule set reported on. */
    private final Set<String> notRecommendedIds;

    /** A report of the assessments of this rule set, under its conventions. */
    TextReport(MltRules rules) {
        this.conventions = rules.conventions();
        Set<String> ids = new TreeSet<>();
        rules.rules().values().stream().filter(m -> m.level() == CandidacyLevel.NOT_RECOMMENDED)
                .forEach(m -> ids.add(m.id()));
        ids.add(ALL_EXCLUDED);
        this.notRecommendedIds = Set.copyOf(ids);
    }

    /** The report of one assessment of a case, ending with a blank line. */
    String render(PatientCase patient, Assessment a) {
        return render(patient, a, null);
    }

    /**
     * The report of one assessment of a case; for a case mapped from a FHIR bundle ({@code mapping} not null) also
     * the date the record was read as of and the facts to record: those left unknown because the record does not
     * hold them.
     */
    String render(PatientCase patient, Assessment a, MappingResult mapping) {
        StringBuilder b = new StringBuilder(4096);
        Citations citations = new Citations();
        header(b, "Case " + SafeText.escape(a.caseId()));
        if (patient != null) {
            line(b, "Patient", summary(patient));
        }
        Classification c = a.classification();
        line(b, "Category", c.category().name());
        line(b, "Candidacy", a.candidacy().level().name()
                + (a.candidacy().flags().isEmpty() ? "" : "  (flags: " + join(a.candidacy().flags()) + ")"));
        if (mapping != null) {
            line(b, "Read from", "an mCODE bundle, " + asOf(mapping));
        }
        b.append('\n');

        b.append("Why this category\n");
        for (PathStep s : c.path()) {
            b.append(String.format(Locale.ROOT, "  %-3s %-48s %-7s %s\n", s.step(), s.step().question(conventions),
                    s.answer(), s.because()));
        }
        if (!c.reasons().isEmpty()) {
            b.append("  Not oligometastatic because: ").append(join(c.reasons())).append('\n');
        }
        b.append("  Missing facts:       ").append(orNone(c.missing())).append('\n');
        b.append("  Conventions applied: ").append(conventionsText(c.conventions())).append('\n');

        b.append('\n');
        candidacy(b, a.candidacy(), citations);

        b.append('\n');
        if (mapping != null) {
            factsToRecord(b, mapping.factsToRecord());
            b.append('\n');
        }
        if (a.candidacy().level() == CandidacyLevel.NOT_RECOMMENDED) {
            notRecommended(b, a.candidacy());
        } else {
            b.append("Local therapy per lesion\n");
        }
        for (int i = 0; i < a.lesions().size(); i++) {
            Lesion input = patient != null && patient.lesions() != null && i < patient.lesions().size()
                    ? patient.lesions().get(i) : null;
            lesion(b, a.lesions().get(i), input, citations);
        }
        if (a.lesions().isEmpty()) {
            b.append("  No lesion to rank.\n");
        }

        citations.render(b);
        legend(b);
        b.append("Rules: ").append(a.rules().name()).append(' ').append(a.rules().version())
                .append(" (").append(a.rules().fingerprint()).append(")\n");
        b.append(a.disclaimer()).append("\n\n");
        return b.toString();
    }

    /**
     * One line on the patient: histology, ECOG, the dates the classification reads, the lesions by site.
     * {@code leiomyosarcoma (8890/3), ECOG 0; primary 2019-03-12, OMD 2023-05-02; 1 lesion: LUNG}.
     */
    static String summary(PatientCase p) {
        StringBuilder b = new StringBuilder(128);
        b.append(histology(p.histology()));
        b.append(", ECOG ").append(p.ecog() == null ? "unknown" : p.ecog());
        b.append("; primary ").append(orUnknown(p.primaryDiagnosisDate()));
        b.append(", OMD ").append(orUnknown(p.omdDiagnosisDate()));
        if (p.lastLocalTherapyDate() != null) {
            b.append(", last local therapy ").append(p.lastLocalTherapyDate());
        }
        b.append("; ");
        if (p.lesions() == null) {
            b.append("lesions unknown");
        } else {
            Map<Site, Integer> bySite = new EnumMap<>(Site.class);
            p.lesions().forEach(l -> bySite.merge(l.site(), 1, Integer::sum));
            b.append(p.lesions().size()).append(p.lesions().size() == 1 ? " lesion" : " lesions");
            if (!bySite.isEmpty()) {
                b.append(": ").append(bySite.entrySet().stream()
                        .map(e -> (e.getValue() == 1 ? "" : e.getValue() + " ") + e.getKey())
                        .collect(Collectors.joining(", ")));
            }
        }
        return b.toString();
    }

    /** The histology as a board reads it: its name, with the code as given; or why it is not named. */
    static String histology(String value) {
        if (value == null) {
            return "histology unknown";
        }
        Optional<Histology.Resolution> r = Histology.resolve(value);
        if (r.isEmpty() || !r.get().recognised()) {
            return "histology code " + SafeText.escape(value) + " (not recognised)";
        }
        String name = r.get().histology().name();
        String words = switch (r.get().histology()) {
            case GIST -> "GIST";
            case MPNST -> "MPNST";
            case SARCOMA_NOS -> "sarcoma NOS";
            case EWING_SARCOMA -> "Ewing sarcoma";
            case OTHER_SARCOMA -> "other sarcoma";
            default -> name.toLowerCase(Locale.ROOT).replace('_', ' ');
        };
        return value.equals(name) ? words : words + " (" + SafeText.escape(value) + ")";
    }

    /** As of when a bundle was read, and why that date. */
    static String asOf(MappingResult m) {
        return switch (m.asOfSource()) {
            case ARGUMENT -> "as of " + m.asOf() + " (--as-of)";
            case BUNDLE_TIMESTAMP -> "as of " + m.asOf() + " (Bundle.timestamp)";
            case LATEST_RESOURCE -> "as of " + m.asOf() + " (its latest dated resource; no Bundle.timestamp)";
            case NONE -> "with no date anywhere in it (nothing filtered by date)";
        };
    }

    /** The facts the record should hold, wrapped to the report's width. */
    static void factsToRecord(StringBuilder b, List<String> facts) {
        b.append("Facts to record (unknown because the FHIR record does not hold them):\n");
        if (facts.isEmpty()) {
            b.append("  none\n");
            return;
        }
        StringBuilder lineText = new StringBuilder("  ");
        for (int i = 0; i < facts.size(); i++) {
            String item = facts.get(i) + (i + 1 < facts.size() ? "," : "");
            if (lineText.length() > 2 && lineText.length() + 1 + item.length() > RULE.length()) {
                b.append(lineText).append('\n');
                lineText.setLength(0);
                lineText.append("  ");
            }
            lineText.append(lineText.length() > 2 ? " " : "").append(item);
        }
        b.append(lineText).append('\n');
        b.append("  (mlt-rules map shows why each is unknown and where the record could hold it)\n");
    }

    /** The readable block for a case that was rejected or whose evaluation failed. */
    static String renderError(ErrorRecord e) {
        return renderError(e, false);
    }

    /** The readable block for a record not assessed; {@code bundle} for a FHIR bundle that could not be mapped. */
    static String renderError(ErrorRecord e, boolean bundle) {
        StringBuilder b = new StringBuilder(256);
        // Input text (the id, a field path holding the input's keys, a value, a message quoting a key) is escaped
        // with the one function for it, so that a hostile key or value cannot drive the terminal.
        String id = e.caseId() == null ? (bundle ? "(no case id)" : "(caseId unreadable)")
                : SafeText.escape(e.caseId());
        header(b, (bundle ? "FHIR bundle " : "Case ") + id + ": NOT ASSESSED (" + e.position() + ")");
        if (e.failure() != null) {
            b.append("Evaluation failed in rule ").append(SafeText.escape(e.failure().rule())).append(":\n  ")
                    .append(SafeText.escape(e.failure().getMessage())).append('\n');
        } else {
            b.append(bundle ? "The FHIR bundle could not be mapped to a case:\n" : "The case was rejected:\n");
            for (CaseProblem p : e.problems()) {
                b.append("  - ");
                if (!p.field().isEmpty()) {
                    b.append(SafeText.escape(p.field()));
                    if (p.value() != null) {
                        b.append(" = ").append(SafeText.escape(String.valueOf(p.value())));
                    }
                    b.append(": ");
                }
                b.append(SafeText.escape(p.message())).append('\n');
            }
        }
        b.append('\n');
        return b.toString();
    }

    private void lesion(StringBuilder b, LesionAssessment l, Lesion input, Citations citations) {
        b.append("Lesion ").append(SafeText.escape(l.lesionId()));
        if (input != null) {
            b.append(" (").append(input.site());
            if (input.sizeMm() != null) {
                b.append(", ").append(ExplainCommand.number(input.sizeMm())).append(" mm");
            }
            if (input.site() == Site.LYMPH_NODE_REGIONAL && !conventions.regionalNodesCountAsMetastasis()) {
                b.append(", regional node: not counted as a distant metastasis");
            }
            b.append(')');
        }
        b.append('\n');
        for (int i = 0; i < l.options().size(); i++) {
            RankedOption o = l.options().get(i);
            boolean tied = i > 0 && l.options().get(i - 1).rank() == o.rank()
                    || i + 1 < l.options().size() && l.options().get(i + 1).rank() == o.rank();
            b.append(String.format(Locale.ROOT, "  %-4s %-13s score %s%s\n", (tied ? "=" : "") + o.rank() + ".",
                    o.technique(), signed(o.score()), o.provisional() ? "  (provisional)" : ""));
            for (Reason r : o.reasons()) {
                reason(b, r, citations);
            }
            if (o.provisional()) {
                b.append("       could still be excluded by ").append(o.openExclusions().stream()
                        .map(u -> u.rule() + " (unknown: " + String.join(", ", u.missing()) + ")")
                        .collect(Collectors.joining("; "))).append('\n');
            }
        }
        if (!l.excluded().isEmpty()) {
            // Techniques excluded for the same reasons are listed together: ablation techniques often share them.
            Map<List<Reason>, List<String>> byReasons = new LinkedHashMap<>();
            for (Exclusion x : l.excluded()) {
                byReasons.computeIfAbsent(x.reasons(), k -> new ArrayList<>()).add(x.technique().name());
            }
            b.append("  Excluded:\n");
            byReasons.forEach((reasons, techniques) -> {
                b.append("     ").append(String.join(", ", techniques)).append('\n');
                for (Reason r : reasons) {
                    reason(b, r, citations);
                }
            });
        }
        if (!l.missing().isEmpty()) {
            b.append("  Unknown facts that left a rule undecided: ").append(String.join(", ", l.missing()))
                    .append('\n');
        }
        b.append('\n');
    }

    /** One reason: effect (for a ranked option), rule id, evidence tier, the rule's text, its reference number. */
    private static void reason(StringBuilder b, Reason r, Citations citations) {
        b.append("       ");
        if (r.effect() != null) {
            b.append(String.format(Locale.ROOT, "%-3s ", signed(r.effect())));
        }
        b.append(String.format(Locale.ROOT, "%-4s ", r.rule()));
        if (r.tier() != null) {
            b.append('(').append(r.tier()).append(") ");
        }
        b.append(r.text());
        if (!r.evidence().isEmpty()) {
            b.append("  [").append(citations.number(r.evidence())).append(']');
        }
        b.append('\n');
    }

    /** +2, -1, 0: a score or an effect as a board member reads it. */
    static String signed(int value) {
        return value > 0 ? "+" + value : Integer.toString(value);
    }

    private static void candidacy(StringBuilder b, Candidacy c, Citations citations) {
        b.append("Candidacy for local therapy: ").append(c.level()).append('\n');
        b.append("  Flags:   ").append(c.flags().isEmpty() ? "none" : join(c.flags())).append('\n');
        if (c.reasons().isEmpty()) {
            b.append("  Reasons: none\n");
        } else {
            b.append("  Reasons:\n");
            for (Reason r : c.reasons()) {
                reason(b, r, citations);
            }
        }
        b.append("  Missing: ").append(orNone(c.missing())).append('\n');
        if (c.missing().contains(LIFE_EXPECTANCY)) {
            b.append("  Life expectancy unknown: confirm a life expectancy of at least 6 months (under 6 months,"
                    + " local therapy is not recommended).\n");
        }
        b.append("  Techniques that can treat every counted lesion: ")
                .append(c.treatsAllLesions().isEmpty() ? "none" : join(c.treatsAllLesions())).append('\n');
    }

    /** The heading of the per-lesion options when local therapy is not recommended, with the reasons why. */
    private void notRecommended(StringBuilder b, Candidacy c) {
        b.append("LOCAL THERAPY NOT RECOMMENDED\n");
        for (Reason r : c.reasons()) {
            if (notRecommendedIds.contains(r.rule())) {
                b.append("  because ").append(r.rule()).append(": ").append(r.text()).append('\n');
            }
        }
        b.append("The options per lesion below are listed for the board's information only.\n");
    }

    /** What the report's marks and ids mean, at the end of every report. */
    private static void legend(StringBuilder b) {
        b.append("Legend\n");
        b.append("  Tiers: G guideline or consensus, P prospective study, R retrospective study, E expert convention\n");
        b.append("         (no published threshold).\n");
        b.append("  Ids:   P1-P3 preconditions and Q1-Q5 questions of the classification; H exclusions, C cautions and\n");
        b.append("         F favouring factors (per lesion and technique); named patient-level reasons such as\n");
        b.append("         ECOG_3_OR_WORSE; K1-K11 conventions.\n");
        b.append("  score: the sum of the effects of an option's reasons; options are ranked by score, then by the\n");
        b.append("         strongest tier among their favouring reasons.\n");
        b.append("  =2:    a shared rank: the options are equal on score and tier; the order in which they are\n");
        b.append("         listed (SABR, MWA, RFA, CRYOABLATION, SURGERY) is not a preference.\n");
        b.append("  provisional: an exclusion rule could not be decided because a fact is unknown; the option could\n");
        b.append("         still be excluded once the fact is known.\n");
        b.append("  [n]:   the reference numbered n under References.\n\n");
    }

    /** The citations of one report, numbered in order of first appearance. */
    private static final class Citations {
        private final Map<String, Integer> numbers = new LinkedHashMap<>();

        int number(String citation) {
            return numbers.computeIfAbsent(citation, k -> numbers.size() + 1);
        }

        void render(StringBuilder b) {
            if (numbers.isEmpty()) {
                return;
            }
            b.append("References\n");
            numbers.forEach((citation, n) -> b.append(String.format(Locale.ROOT, "  [%d] %s%n", n, citation)
                    .replace("\r\n", "\n")));
            b.append('\n');
        }
    }

    static String conventionsText(List<ConventionApplied> conventions) {
        if (conventions.isEmpty()) {
            return "none";
        }
        return conventions.stream().map(k -> k.id() + " " + k.name() + (k.value() == null ? "" : " = " + k.value()))
                .collect(Collectors.joining("; "));
    }

    private static void header(StringBuilder b, String title) {
        b.append(RULE).append('\n').append(title).append('\n').append(RULE).append('\n');
    }

    private static void line(StringBuilder b, String label, String value) {
        b.append(String.format(Locale.ROOT, "%-11s%s\n", label, value));
    }

    private static String orNone(List<String> values) {
        return values.isEmpty() ? "none" : String.join(", ", values);
    }

    private static String orUnknown(Object value) {
        return value == null ? "unknown" : value.toString();
    }

    private static String join(List<?> values) {
        return values.stream().map(Object::toString).collect(Collectors.joining(", "));
    }
}
