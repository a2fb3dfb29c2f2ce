package org.mltrules.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.stream.Collectors;
import org.mltrules.Assessment;
import org.mltrules.Candidacy;
import org.mltrules.CaseProblem;
import org.mltrules.Classification;
import org.mltrules.ConventionApplied;
import org.mltrules.Conventions;
import org.mltrules.Exclusion;
import org.mltrules.LesionAssessment;
import org.mltrules.PathStep;
import org.mltrules.RankedOption;
import org.mltrules.Reason;
import org.mltrules.fhir.MappingResult;
import org.mltrules.json.ErrorRecord;

/**
 * The readable report of an assessment, for a tumour board: the category and why, what is unknown, each lesion's
 * options with their reasons and evidence, exclusions, candidacy, and the rule set that produced it. Plain ASCII
 * so that it prints the same in any terminal, log viewer or e-mail.
 */
final class TextReport {
    private static final String RULE = "=".repeat(78);

    private final Conventions conventions;

    TextReport(Conventions conventions) {
        this.conventions = conventions;
    }

    /** The report of one assessment, ending with a blank line. */
    String render(Assessment a) {
        return render(a, null);
    }

    /**
     * The report of one assessment; for a case mapped from a FHIR bundle ({@code mapping} not null) also the date
     * the record was read as of and the facts to record: those left unknown because the record does not hold them.
     */
    String render(Assessment a, MappingResult mapping) {
        StringBuilder b = new StringBuilder(2048);
        header(b, "Case " + a.caseId());
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

        for (LesionAssessment l : a.lesions()) {
            b.append('\n');
            lesion(b, l);
        }
        if (a.lesions().isEmpty()) {
            b.append("\nNo lesion to rank.\n");
        }

        b.append('\n');
        candidacy(b, a.candidacy());
        if (mapping != null) {
            b.append('\n');
            factsToRecord(b, mapping.factsToRecord());
        }
        b.append('\n');
        b.append("Rules: ").append(a.rules().name()).append(' ').append(a.rules().version())
                .append(" (").append(a.rules().fingerprint()).append(")\n");
        b.append(a.disclaimer()).append("\n\n");
        return b.toString();
    }

    /**
     * A rejected input value as safe terminal text: control characters (escape sequences, NUL) and unpaired
     * surrogates are shown as {@code \\uXXXX}, so a hostile value cannot drive the terminal.
     */
    static String printable(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1));
            if (paired) {
                out.append(c).append(value.charAt(++i));
            } else if (Character.isISOControl(c) || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
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
        String id = e.caseId() == null ? (bundle ? "(no case id)" : "(caseId unreadable)") : printable(e.caseId());
        header(b, (bundle ? "FHIR bundle " : "Case ") + id + ": NOT ASSESSED (" + e.position() + ")");
        if (e.failure() != null) {
            b.append("Evaluation failed in rule ").append(e.failure().rule()).append(":\n  ")
                    .append(e.failure().getMessage()).append('\n');
        } else {
            b.append(bundle ? "The FHIR bundle could not be mapped to a case:\n" : "The case was rejected:\n");
            for (CaseProblem p : e.problems()) {
                b.append("  - ");
                if (!p.field().isEmpty()) {
                    b.append(p.field());
                    if (p.value() != null) {
                        b.append(" = ").append(printable(String.valueOf(p.value())));
                    }
                    b.append(": ");
                }
                b.append(p.message()).append('\n');
            }
        }
        b.append('\n');
        return b.toString();
    }

    private void lesion(StringBuilder b, LesionAssessment l) {
        b.append("Lesion ").append(l.lesionId()).append('\n');
        for (RankedOption o : l.options()) {
            b.append(String.format(Locale.ROOT, "  %d. %-13s score %s\n", o.rank(), o.technique(),
                    signed(o.score())));
            for (Reason r : o.reasons()) {
                reason(b, r);
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
                    reason(b, r);
                }
            });
        }
        if (!l.missing().isEmpty()) {
            b.append("  Unknown facts that left a rule undecided: ").append(String.join(", ", l.missing()))
                    .append('\n');
        }
    }

    /** One reason: effect (for a ranked option), rule id, evidence tier, the rule's text, the citation. */
    private static void reason(StringBuilder b, Reason r) {
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
            b.append("  [").append(r.evidence()).append(']');
        }
        b.append('\n');
    }

    /** +2, -1, 0: a score or an effect as a board member reads it. */
    static String signed(int value) {
        return value > 0 ? "+" + value : Integer.toString(value);
    }

    private static void candidacy(StringBuilder b, Candidacy c) {
        b.append("Candidacy for local therapy: ").append(c.level()).append('\n');
        b.append("  Flags:   ").append(c.flags().isEmpty() ? "none" : join(c.flags())).append('\n');
        if (c.reasons().isEmpty()) {
            b.append("  Reasons: none\n");
        } else {
            b.append("  Reasons:\n");
            for (Reason r : c.reasons()) {
                reason(b, r);
            }
        }
        b.append("  Missing: ").append(orNone(c.missing())).append('\n');
        b.append("  Techniques that can treat every counted lesion: ")
                .append(c.treatsAllLesions().isEmpty() ? "none" : join(c.treatsAllLesions())).append('\n');
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

    private static String join(List<?> values) {
        return values.stream().map(Object::toString).collect(Collectors.joining(", "));
    }
}
