package org.mltrules.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.UUID;
import java.util.function.Predicate;

/** An EHR's chart as CDS Hooks prefetch: the resources of an mCODE bundle, sorted into the service's keys. */
final class Charts {
    private Charts() {
    }

    static ObjectNode bundle(String name) {
        try (InputStream in = Charts.class.getResourceAsStream("/fhir/" + name)) {
            return (ObjectNode) Http.JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The patient-view request for the bundle's patient, with every resource under the key of its template. */
    static ObjectNode request(ObjectNode bundle, Predicate<JsonNode> keep) {
        ObjectNode r = Requests.F.objectNode();
        r.put("hookInstance", UUID.randomUUID().toString());
        r.put("hook", "patient-view");
        ObjectNode ctx = r.putObject("context");
        ctx.put("userId", "Practitioner/example");
        ObjectNode prefetch = r.putObject("prefetch");
        for (JsonNode e : bundle.get("entry")) {
            JsonNode res = e.get("resource");
            if (!keep.test(res)) {
                continue;
            }
            String type = res.get("resourceType").asText();
            if (type.equals("Patient")) {
                ctx.put("patientId", res.get("id").asText());
                prefetch.set("patient", res);
                continue;
            }
            String key = key(type, res);
            if (key == null) {
                continue;
            }
            if (!prefetch.has(key)) {
                prefetch.set(key, Requests.searchset());
            }
            ((ArrayNode) prefetch.get(key).get("entry")).addObject().set("resource", res);
        }
        for (String required : new String[] {"patient", "conditions"}) {
            if (!prefetch.has(required)) {
                prefetch.set(required, Requests.searchset());
            }
        }
        return r;
    }

    static ObjectNode request(ObjectNode bundle) {
        return request(bundle, r -> true);
    }

    private static String key(String type, JsonNode res) {
        switch (type) {
            case "Condition":
                return "conditions";
            case "BodyStructure":
                return "tumors";
            case "MedicationRequest":
                return "medicationRequests";
            case "MedicationAdministration":
                return "medicationAdministrations";
            case "Procedure":
                return "procedures";
            case "Observation":
                String code = res.path("code").path("coding").path(0).path("code").asText();
                String system = res.path("code").path("coding").path(0).path("system").asText();
                if (system.equals("urn:mlt-rules:case-field")) {
                    return "localFacts";
                }
                return switch (code) {
                    case "89247-1" -> "ecog";
                    case "21889-1" -> "tumorSize";
                    case "97509-4" -> "diseaseStatus";
                    case "1287652008" -> "metastaticHistory";
                    case "31206-6" -> "histology";
                    default -> "labs";
                };
            default:
                // A resource no template asks for (a Practitioner): the EHR would not send it.
                return null;
        }
    }
}
