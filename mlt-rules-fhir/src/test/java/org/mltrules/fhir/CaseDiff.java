package org.mltrules.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.mltrules.PatientCase;
import org.mltrules.json.CaseWriter;

/** The case fields (input paths) in which two cases differ; an absent field is unknown. */
final class CaseDiff {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CaseDiff() {
    }

    static Map<String, String> flat(PatientCase c) {
        Map<String, String> out = new TreeMap<>();
        try {
            flatten("", JSON.readTree(CaseWriter.toJson(c)), out);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        out.remove("caseId");
        return out;
    }

    private static void flatten(String prefix, JsonNode n, Map<String, String> out) {
        if (n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else if (n.isArray() && prefix.equals("lesions")) {
            out.put("lesions", "[" + n.size() + "]");
            for (int i = 0; i < n.size(); i++) {
                flatten("lesions[" + i + "]", n.get(i), out);
            }
        } else {
            out.put(prefix, n.toString());
        }
    }

    static Set<String> changed(PatientCase a, PatientCase b) {
        Map<String, String> x = flat(a);
        Map<String, String> y = flat(b);
        Set<String> keys = new TreeSet<>(x.keySet());
        keys.addAll(y.keySet());
        keys.removeIf(k -> java.util.Objects.equals(x.get(k), y.get(k)));
        return keys;
    }
}
