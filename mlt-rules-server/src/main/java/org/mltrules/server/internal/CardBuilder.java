package org.mltrules.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.mltrules.Assessment;
import org.mltrules.CandidacyLevel;
import org.mltrules.Category;
import org.mltrules.ConventionApplied;
import org.mltrules.Conventions;
import org.mltrules.Exclusion;
import org.mltrules.Flag;
import org.mltrules.Lesion;
import org.mltrules.LesionAssessment;
import org.mltrules.PatientCase;
import org.mltrules.PathStep;
import org.mltrules.PreconditionFailure;
import org.mltrules.RankedOption;
import org.mltrules.Reason;
import org.mltrules.RuleSetInfo;
import org.mltrules.json.AssessmentJson;

/**
 * Turns one assessment into one CDS Hooks 2.0.1 card (cds-hooks.md section 3): summary of at most 139 characters
 * with the category and candidacy in words, {@code info} for a candidate and {@code warning} otherwise (never
 * {@code critical}), the detail in Markdown without raw HTML, and the full assessment and mapping report under
 * {@code extension}. No suggestions and no system actions: the board decides. Stateless.
 */
public final class CardBuilder {
    /** The longest summary CDS Hooks allows ("less than 140 characters"). */
    public static final int MAX_SUMMARY = 139;
    /** Detail beyond this is cut at a lesion boundary (clients show the detail behind "more"). */
    static final int MAX_DETAIL = 32 * 1024;
    static final String ASSESSMENT_KEY = "org.mltrules.assessment";
    static final String MAPPING_KEY = "org.mltrules.mapping";
    static final String LIFE_EXPECTANCY = "confirm a life expectancy of at least 6 months";

    private CardBuilder() {
    }

    /**
     * The card for an assessment.
     *
     * @param assessment   the assessment
     * @param patientCase  the case assessed (for the lesion lines and the life-expectancy reminder)
     * @param mapping      the mapping report (a JSON array), or {@code null}
     * @param notProvided  prefetch keys the EHR did not provide and that could not be fetched
     * @param conventions  the conventions of the rules that assessed (the questions show their numbers)
     */
    public static ObjectNode card(Assessment assessment, PatientCase patientCase, JsonNode mapping,
                                  List<String> notProvided, Conventions conventions) {
        ObjectNode card = Json.object();
        card.put("uuid", UUID.randomUUID().toString());
        card.put("summary", summary(assessment));
        card.put("detail", detail(assessment, patientCase, notProvided, conventions));
        card.put("indicator", assessment.candidacy().level() == CandidacyLevel.CANDIDATE ? "info" : "warning");
        card.set("source", source(assessment.rules()));
        ObjectNode ext = card.putObject("extension");
        ext.set(ASSESSMENT_KEY, Json.tree(AssessmentJson.toJson(assessment)));
        ext.set(MAPPING_KEY, mapping == null ? Json.array() : mapping);
        return card;
    }

    /**
     * The one warning card of a record that could not be assessed: why, by field path or rule id, never a value.
     *
     * @param why      one short clause for the summary (no case content)
     * @param problems lines "path: reason" or "rule id: ..." (no values)
     */
    public static ObjectNode notAssessed(String why, List<String> problems, RuleSetInfo rules, JsonNode mapping) {
        ObjectNode card = Json.object();
        card.put("uuid", UUID.randomUUID().toString());
        card.put("summary", fit("Oligometastatic sarcoma: this record could not be assessed (" + why
                + "). See details.", "Oligometastatic sarcoma: this record could not be assessed. See details."));
        StringBuilder d = new StringBuilder();
        d.append("**").append(Markdown.text(Assessment.DISCLAIMER)).append("**\n\n");
        d.append("### Could not assess this record\n\n").append(Markdown.text(capitalised(why))).append(".\n\n");
        for (String p : problems) {
            d.append("- ").append(Markdown.text(p)).append('\n');
        }
        d.append("\nCorrect the record, then open the chart again.\n\n");
        ruleSet(d, rules, null);
        card.put("detail", cut(d.toString()));
        card.put("indicator", "warning");
        card.set("source", source(rules));
        ObjectNode ext = card.putObject("extension");
        ext.set(MAPPING_KEY, mapping == null ? Json.array() : mapping);
        return card;
    }

    static ObjectNode source(RuleSetInfo rules) {
        ObjectNode s = Json.object();
        s.put("label", "mlt-rules, rule set " + rules.name() + " " + rules.version());
        return s;
    }

    static String summary(Assessment a) {
        Category c = a.category();
        CandidacyLevel level = a.candidacy().level();
        String head = Words.category(c) + " (ESTRO/EORTC): " + Words.candidacy(level);
        String tail;
        String shortTail = "";
        if (c == Category.INDETERMINATE) {
            List<String> missing = a.classification().missing();
            shortTail = missing.isEmpty() ? "" : "; " + missing.size() + " fact(s) missing";
            tail = missing.isEmpty() ? "" : shortTail + ", e.g. " + missing.get(0);
        } else if (level == CandidacyLevel.CANDIDATE) {
            tail = ", " + a.lesions().size() + " lesion(s) ranked";
        } else {
            List<Flag> flags = a.candidacy().flags();
            int missing = a.candidacy().missing().size();
            if (!flags.isEmpty()) {
                tail = "; " + Words.flagLabel(flags.get(0)) + (flags.size() > 1 ? " +" + (flags.size() - 1)
                        + " more" : "");
            } else if (missing > 0) {
                tail = "; " + missing + " fact(s) missing";
            } else {
                tail = "";
            }
        }
        String end = ". Sarcoma MDT to decide.";
        String withShortTail = head + shortTail + end;
        return fit(head + tail + end, withShortTail.length() <= MAX_SUMMARY ? withShortTail : head + end);
    }

    /** The full text if it fits, else the short one, else the short one cut with an ellipsis. */
    static String fit(String full, String shorter) {
        if (full.codePointCount(0, full.length()) <= MAX_SUMMARY) {
            return full;
        }
        if (shorter.codePointCount(0, shorter.length()) <= MAX_SUMMARY) {
            return shorter;
        }
        return shorter.substring(0, shorter.offsetByCodePoints(0, MAX_SUMMARY - 3)) + "...";
    }

    static String detail(Assessment a, PatientCase pc, List<String> notProvided, Conventions conventions) {
        StringBuilder d = new StringBuilder(4096);
        d.append("**").append(Markdown.text(a.disclaimer())).append("**\n\n");

        d.append("### Disease state (ESTRO/EORTC 2020)\n\n");
        d.append("**").append(Words.category(a.category())).append("** (").append(a.category().name())
                .append("); candidacy: **").append(Words.candidacy(a.candidacy().level())).append("** (")
                .append(a.candidacy().level().name()).append(").\n\n");
        d.append("| Step | Question | Answer | Deciding facts |\n|---|---|---|---|\n");
        for (PathStep s : a.classification().path()) {
            d.append("| ").append(Markdown.text(s.step().name())).append(" | ").append(Markdown.text(s.step().question(conventions)))
                    .append(" | ").append(s.answer().name()).append(" | ").append(Markdown.text(s.because()))
                    .append(" |\n");
        }
        d.append('\n');
        if (!a.classification().reasons().isEmpty()) {
            d.append("Not oligometastatic because: ");
            List<String> rs = new ArrayList<>();
            for (PreconditionFailure f : a.classification().reasons()) {
                rs.add(f.name().toLowerCase(Locale.ROOT).replace('_', ' '));
            }
            d.append(String.join("; ", rs)).append(".\n\n");
        }
        if (!a.classification().conventions().isEmpty()) {
            d.append("Conventions applied: ");
            List<String> ks = new ArrayList<>();
            for (ConventionApplied k : a.classification().conventions()) {
                ks.add(Markdown.text(k.id() + " " + k.name() + " = " + k.value()));
            }
            d.append(String.join("; ", ks)).append(".\n\n");
        }

        Set<String> missing = new LinkedHashSet<>(a.classification().missing());
        missing.addAll(a.candidacy().missing());
        for (LesionAssessment l : a.lesions()) {
            missing.addAll(l.missing());
        }
        boolean lifeExpectancyUnknown = pc == null ? missing.contains("lifeExpectancyMonths")
                : pc.lifeExpectancyMonths() == null;
        missing.remove("lifeExpectancyMonths");
        if (!missing.isEmpty() || lifeExpectancyUnknown || !notProvided.isEmpty()) {
            d.append("### Facts to record\n\n");
            if (lifeExpectancyUnknown) {
                d.append("- **").append(capitalised(LIFE_EXPECTANCY)).append("** (").append(
                        Markdown.code("lifeExpectancyMonths")).append(")\n");
            }
            for (String m : missing) {
                d.append("- ").append(Markdown.code(m)).append(": ").append(Markdown.text(Words.whereToRecord(m)))
                        .append('\n');
            }
            for (String key : notProvided) {
                d.append("- not provided by the EHR: prefetch ").append(Markdown.code(key)).append('\n');
            }
            d.append('\n');
        }

        if (!a.candidacy().flags().isEmpty()) {
            d.append("### Flags\n\n");
            for (Flag f : a.candidacy().flags()) {
                d.append("- **").append(Words.flagLabel(f)).append("**: ").append(Words.flagExplanation(f))
                        .append('\n');
            }
            d.append('\n');
        }
        if (!a.candidacy().reasons().isEmpty()) {
            d.append("Candidacy reasons: ");
            List<String> rs = new ArrayList<>();
            for (Reason r : a.candidacy().reasons()) {
                rs.add(reason(r));
            }
            d.append(String.join("; ", rs)).append(".\n\n");
        }

        StringBuilder tailSection = new StringBuilder();
        ruleSet(tailSection, a.rules(), a.firedRules());
        int budget = MAX_DETAIL - tailSection.length() - 200;
        if (!a.lesions().isEmpty()) {
            d.append("### Local therapy by lesion\n\n");
            if (!a.candidacy().treatsAllLesions().isEmpty()) {
                d.append("Techniques that can treat every counted lesion: ");
                d.append(String.join(", ", a.candidacy().treatsAllLesions().stream().map(Words::technique)
                        .toList())).append(".\n\n");
            }
            int shown = 0;
            for (LesionAssessment l : a.lesions()) {
                String block = lesion(l, lesionOf(pc, l.lesionId()));
                if (d.length() + block.length() > budget) {
                    d.append("...and ").append(a.lesions().size() - shown)
                            .append(" more lesion(s): see the full assessment in the card's extension.\n\n");
                    break;
                }
                d.append(block);
                shown++;
            }
        }
        d.append(tailSection);
        return cut(d.toString());
    }

    private static Lesion lesionOf(PatientCase pc, String id) {
        if (pc == null || pc.lesions() == null) {
            return null;
        }
        return pc.lesions().stream().filter(l -> l.id().equals(id)).findFirst().orElse(null);
    }

    private static String lesion(LesionAssessment la, Lesion l) {
        StringBuilder b = new StringBuilder();
        b.append("#### ").append(Markdown.text(la.lesionId()));
        if (l != null) {
            List<String> parts = new ArrayList<>();
            parts.add(l.site().name().toLowerCase(Locale.ROOT).replace('_', ' '));
            if (l.laterality() != null) {
                parts.add(l.laterality().name().toLowerCase(Locale.ROOT));
            }
            if (l.sizeMm() != null) {
                parts.add(trim(l.sizeMm()) + " mm");
            }
            if (l.response() != null) {
                parts.add(l.response().name().toLowerCase(Locale.ROOT).replace('_', ' '));
            }
            b.append(": ").append(Markdown.text(String.join(", ", parts)));
        }
        b.append("\n\n");
        if (la.options().isEmpty()) {
            b.append("No technique left: every technique is excluded.\n\n");
        } else {
            // The leading options: the first two ranks (with their ties), so that the board sees the choice.
            List<String> ranks = displayRanks(la.options());
            int shown = countShown(ranks);
            b.append("| Rank | Technique | Score | Reasons |\n|---|---|---|---|\n");
            for (int i = 0; i < shown; i++) {
                RankedOption o = la.options().get(i);
                List<String> rs = new ArrayList<>();
                for (Reason r : o.reasons()) {
                    rs.add(reason(r));
                }
                b.append("| ").append(ranks.get(i)).append(" | ").append(Words.technique(o.technique())).append(" | ")
                        .append(o.score() > 0 ? "+" : "").append(o.score()).append(" | ")
                        .append(rs.isEmpty() ? "no reason applied" : String.join("; ", rs)).append(" |\n");
            }
            b.append('\n');
            if (shown < la.options().size()) {
                List<String> lower = new ArrayList<>();
                for (int i = shown; i < la.options().size(); i++) {
                    RankedOption o = la.options().get(i);
                    lower.add(ranks.get(i) + " " + Words.technique(o.technique()) + " (" + o.score() + ")");
                }
                b.append("Lower-ranked: ").append(String.join(", ", lower)).append(".\n\n");
            }
        }
        if (!la.excluded().isEmpty()) {
            b.append("Excluded: ");
            List<String> xs = new ArrayList<>();
            for (Exclusion x : la.excluded()) {
                List<String> rs = new ArrayList<>();
                for (Reason r : x.reasons()) {
                    rs.add(reason(r));
                }
                xs.add(Words.technique(x.technique()) + " (" + String.join("; ", rs) + ")");
            }
            b.append(String.join("; ", xs)).append(".\n\n");
        }
        if (!la.missing().isEmpty()) {
            b.append("Undecided for lack of: ").append(String.join(", ", la.missing().stream().map(Markdown::code)
                    .toList())).append(".\n\n");
        }
        return b.toString();
    }

    /** How many options the first two displayed ranks hold, ties included. */
    private static int countShown(List<String> ranks) {
        int shownRanks = 0;
        String last = null;
        int n = 0;
        for (String r : ranks) {
            if (!r.equals(last)) {
                shownRanks++;
                last = r;
            }
            if (shownRanks > 2) {
                break;
            }
            n++;
        }
        return n;
    }

    /**
     * The rank shown for each option, in order: options that share a rank (the rules' competition rank by score
     * and strongest favouring tier) are marked {@code =2}, so that a tie listed in the fixed technique order never
     * reads as a preference.
     */
    static List<String> displayRanks(List<RankedOption> options) {
        List<String> out = new ArrayList<>(options.size());
        for (int i = 0; i < options.size(); i++) {
            int rank = options.get(i).rank();
            boolean shared = i > 0 && options.get(i - 1).rank() == rank
                    || i + 1 < options.size() && options.get(i + 1).rank() == rank;
            out.add(shared ? "=" + rank : Integer.toString(rank));
        }
        return out;
    }

    private static String reason(Reason r) {
        StringBuilder b = new StringBuilder();
        b.append(Markdown.text(r.rule()));
        if (r.effect() != null) {
            b.append(' ').append(r.effect() > 0 ? "+" : "").append(r.effect());
        }
        b.append(": ").append(Markdown.text(r.text()));
        if (!r.evidence().isEmpty()) {
            b.append(", ").append(Markdown.text(r.evidence()));
        }
        if (r.tier() != null) {
            b.append(" \\[").append(r.tier().name()).append("\\]");
        }
        return b.toString();
    }

    private static void ruleSet(StringBuilder d, RuleSetInfo rules, List<String> fired) {
        d.append("### Rule set\n\n");
        d.append(Markdown.text(rules.name())).append(' ').append(Markdown.text(rules.version()))
                .append(", fingerprint ").append(Markdown.code(rules.fingerprint())).append(".");
        if (fired != null && !fired.isEmpty()) {
            d.append(" Rules fired: ").append(Markdown.text(String.join(", ", fired))).append('.');
        }
        d.append("\n\nEvidence tiers: G guideline or consensus, P prospective study, R retrospective series, "
                + "E expert convention.\n\n");
        d.append("**").append(Markdown.text(Assessment.DISCLAIMER)).append("**\n");
    }

    private static String cut(String detail) {
        if (detail.length() <= MAX_DETAIL) {
            return detail;
        }
        return detail.substring(0, MAX_DETAIL - 40) + "\n\n(detail shortened)\n";
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
