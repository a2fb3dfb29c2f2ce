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
        StringBuilder b = new StringBuilder(2048);
        header(b, "Case " + a.caseId());
        Classification c = a.classification();
        line(b, "Category", c.category().name());
        line(b, "Candidacy", a.candidacy().level().name()
                + (a.candidacy().flags().isEmpty() ? "" : "  (flags: " + join(a.candidacy().flags()) + ")"));
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

    /** The readable block for a case that was rejected or whose evaluation failed. */
    static String renderError(ErrorRecord e) {
        StringBuilder b = new StringBuilder(256);
        header(b, "Case " + (e.caseId() == null ? "(caseId unreadable)" : printable(e.caseId())) + ": NOT ASSESSED ("
                + e.position() + ")");
        if (e.failure() != null) {
            b.append("Evaluation failed in rule ").append(e.failure().rule()).append(":\n  ")
                    .append(e.failure().getMessage()).append('\n');
        } else {
            b.append("The case was rejected:\n");
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
