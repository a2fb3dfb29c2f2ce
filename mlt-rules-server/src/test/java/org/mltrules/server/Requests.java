package org.mltrules.server;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;

/** CDS Hooks 2.0.1 patient-view requests as an EHR sends them. */
final class Requests {
    static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Requests() {
    }

    static ObjectNode patientView(String patientId) {
        ObjectNode r = F.objectNode();
        r.put("hookInstance", UUID.randomUUID().toString());
        r.put("hook", "patient-view");
        ObjectNode ctx = r.putObject("context");
        ctx.put("userId", "Practitioner/example");
        ctx.put("patientId", patientId);
        r.putObject("prefetch");
        return r;
    }

    static ObjectNode patient(String id) {
        ObjectNode p = F.objectNode();
        p.put("resourceType", "Patient");
        p.put("id", id);
        return p;
    }

    static ObjectNode condition(String id, String patientId) {
        ObjectNode c = F.objectNode();
        c.put("resourceType", "Condition");
        c.put("id", id);
        c.putObject("subject").put("reference", "Patient/" + patientId);
        return c;
    }

    static ObjectNode searchset(ObjectNode... resources) {
        ObjectNode b = F.objectNode();
        b.put("resourceType", "Bundle");
        b.put("type", "searchset");
        var entries = b.putArray("entry");
        for (ObjectNode r : resources) {
            entries.addObject().set("resource", r);
        }
        return b;
    }

    /** A patient-view request with the two required keys for a demo case id used as the patient id. */
    static ObjectNode withChart(String patientId) {
        ObjectNode r = patientView(patientId);
        ObjectNode prefetch = (ObjectNode) r.get("prefetch");
        prefetch.set("patient", patient(patientId));
        prefetch.set("conditions", searchset(condition("c1", patientId)));
        return r;
    }
}
