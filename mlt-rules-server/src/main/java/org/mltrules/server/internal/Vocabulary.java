package org.mltrules.server.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.mltrules.Assessment;
import org.mltrules.CandidacyLevel;
import org.mltrules.CaseField;
import org.mltrules.Category;
import org.mltrules.Convention;
import org.mltrules.Conventions;
import org.mltrules.Flag;
import org.mltrules.Histology;
import org.mltrules.MltRules;
import org.mltrules.RuleSetInfo;
import org.mltrules.Step;
import org.mltrules.Technique;
import org.mltrules.Tier;

/**
 * {@code GET /api/vocabulary}: what the case explorer page needs to show an assessment in words and to ask for a
 * missing fact with the right input, taken from the core's enums (the one source of the steps' questions, the
 * conventions' meanings and the case fields' types) and the rules in force. No case content.
 */
public final class Vocabulary {
    private Vocabulary() {
    }

    /** The vocabulary of the server's rules as JSON bytes (built once). */
    public static byte[] json(MltRules rules) {
        ObjectNode v = Json.object();
        RuleSetInfo info = rules.ruleSet();
        ObjectNode r = v.putObject("rules");
        r.put("name", info.name());
        r.put("version", info.version());
        r.put("fingerprint", info.fingerprint());
        v.put("disclaimer", Assessment.DISCLAIMER);

        Conventions conventions = rules.conventions();
        ArrayNode steps = v.putArray("steps");
        for (Step s : Step.values()) {
            ObjectNode o = steps.addObject();
            o.put("id", s.name());
            o.put("question", s.question(conventions));
            o.put("precondition", s.isPrecondition());
        }
        ArrayNode ks = v.putArray("conventions");
        for (Convention k : Convention.values()) {
            ObjectNode o = ks.addObject();
            o.put("id", k.name());
            if (k.key() != null) {
                o.put("name", k.key());
            } else {
                o.putNull("name");
            }
            o.put("meaning", k.meaning());
            Object value = k.valueIn(conventions);
            if (value instanceof Integer i) {
                o.put("value", i);
            } else if (value instanceof Boolean b) {
                o.put("value", b);
            } else {
                o.putNull("value");
            }
        }
        ArrayNode cats = v.putArray("categories");
        for (Category c : Category.values()) {
            ObjectNode o = cats.addObject();
            o.put("code", c.name());
            o.put("label", Words.category(c));
        }
        ArrayNode levels = v.putArray("candidacyLevels");
        for (CandidacyLevel l : CandidacyLevel.values()) {
            ObjectNode o = levels.addObject();
            o.put("code", l.name());
            o.put("label", Words.candidacy(l));
        }
        ArrayNode flags = v.putArray("flags");
        for (Flag f : Flag.values()) {
            ObjectNode o = flags.addObject();
            o.put("code", f.name());
            o.put("label", Words.flagLabel(f));
            o.put("explanation", Words.flagExplanation(f));
        }
        ArrayNode techniques = v.putArray("techniques");
        for (Technique t : Technique.values()) {
            ObjectNode o = techniques.addObject();
            o.put("code", t.name());
            o.put("label", Words.technique(t));
        }
        ArrayNode tiers = v.putArray("tiers");
        for (Tier t : Tier.values()) {
            ObjectNode o = tiers.addObject();
            o.put("code", t.name());
            o.put("label", switch (t) {
                case G -> "guideline or consensus";
                case P -> "prospective study";
                case R -> "retrospective series";
                case E -> "expert convention";
            });
        }
        ArrayNode histologies = v.putArray("histologies");
        for (Histology h : Histology.values()) {
            ObjectNode o = histologies.addObject();
            o.put("name", h.name());
            ArrayNode codes = o.putArray("codes");
            h.codes().forEach(codes::add);
        }
        ArrayNode fields = v.putArray("fields");
        for (CaseField f : CaseField.values()) {
            ObjectNode o = fields.addObject();
            o.put("path", f.path());
            o.put("label", Words.field(f));
            o.put("type", f.type().name());
            o.put("required", f.isRequired());
            CaseField.Range range = f.range();
            if (range.min() != null) {
                o.put("min", range.min());
                o.put("minExclusive", range.minExclusive());
            }
            if (range.max() != null) {
                o.put("max", range.max());
            }
            if (f.enumType() != null) {
                ArrayNode values = o.putArray("values");
                for (Enum<?> e : f.enumType().getEnumConstants()) {
                    values.add(e.name());
                }
            }
        }
        return Json.bytes(v);
    }
}
