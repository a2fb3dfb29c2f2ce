package org.mltrules.fhir.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * The bundle's entries, indexed for reference resolution: by {@code fullUrl} (absolute or {@code urn:uuid:}), by
 * {@code Type/id}, and by the {@code Type/id} tail of an absolute URL; contained resources by {@code #id} within
 * their container. Names resources for the report without ever naming the patient.
 */
final class Records {
    private final IdentityHashMap<Resource, Integer> entryIndex = new IdentityHashMap<>();
    private final Map<String, Resource> byKey = new HashMap<>();
    private final Map<String, List<Resource>> byTypeId = new HashMap<>();
    final List<Resource> resources = new ArrayList<>();

    Records(Bundle bundle) {
        List<Bundle.BundleEntryComponent> entries = bundle.getEntry();
        for (int i = 0; i < entries.size(); i++) {
            Resource r = entries.get(i).getResource();
            if (r == null) {
                continue;
            }
            entryIndex.put(r, i);
            resources.add(r);
            String fullUrl = entries.get(i).getFullUrl();
            if (fullUrl != null && !fullUrl.isBlank()) {
                byKey.putIfAbsent(fullUrl.trim(), r);
            }
            String typeId = typeId(r);
            if (typeId != null) {
                byKey.putIfAbsent(typeId, r);
                byTypeId.computeIfAbsent(typeId, k -> new ArrayList<>()).add(r);
            }
        }
    }

    /** {@code Type/id} of a resource, or null without an id. */
    static String typeId(Resource r) {
        String id = idPart(r);
        return id == null ? null : r.fhirType() + "/" + id;
    }

    static String idPart(Resource r) {
        if (r.getIdElement() == null || r.getIdElement().getIdPart() == null) {
            return null;
        }
        String id = r.getIdElement().getIdPart();
        return id.isBlank() ? null : id;
    }

    /** The entry index of a bundle entry's resource, or -1 (contained or foreign). */
    int index(Resource r) {
        Integer i = entryIndex.get(r);
        return i == null ? -1 : i;
    }

    /** FHIR path of a resource: {@code Bundle.entry[3].resource}. */
    String path(Resource r) {
        int i = index(r);
        return i < 0 ? "Bundle" : "Bundle.entry[" + i + "].resource";
    }

    /** The patient's id and identifier values: never to appear in the report. */
    private final List<String> secrets = new ArrayList<>();

    /** Registers the patient whose id and identifiers the report must never show. */
    void patient(Patient p) {
        String id = idPart(p);
        if (id != null) {
            secrets.add(id);
        }
        for (org.hl7.fhir.r4.model.Identifier i : p.getIdentifier()) {
            if (i.hasValue() && i.getValue().length() >= 3) {
                secrets.add(i.getValue());
            }
        }
    }

    /** Whether a text holds the patient's id or one of its identifiers. */
    boolean revealsPatient(String text) {
        if (text == null) {
            return false;
        }
        for (String s : secrets) {
            if (text.contains(s)) {
                return true;
            }
        }
        return false;
    }

    /**
     * How the report names a resource: {@code Condition/abc}; the patient only by its type, and a resource whose id
     * embeds the patient's id or identifier by its place in the bundle ({@code Bundle.entry[3].resource}).
     */
    String name(Resource r) {
        if (r == null) {
            return null;
        }
        if (r instanceof Patient) {
            return "Patient";
        }
        String t = typeId(r);
        return t != null && !revealsPatient(idPart(r)) ? t : path(r);
    }

    /**
     * The resource a reference points to: HAPI's resolution when it found one, then contained {@code #id}, the
     * fullUrl or {@code Type/id} index, and the {@code Type/id} tail of an absolute URL (when unique). Null when
     * nothing in the bundle matches.
     */
    Resource resolve(Reference ref, DomainResource from) {
        if (ref == null) {
            return null;
        }
        // The same references are followed many times per bundle (focus, related condition): remember them.
        Object known = resolved.get(ref);
        if (known != null) {
            return known == NOTHING ? null : (Resource) known;
        }
        Resource r = lookUp(ref, from);
        resolved.put(ref, r == null ? NOTHING : r);
        return r;
    }

    private static final Object NOTHING = new Object();
    private final IdentityHashMap<Reference, Object> resolved = new IdentityHashMap<>();

    private Resource lookUp(Reference ref, DomainResource from) {
        // HAPI's link only when it points into this bundle (a host may build or edit bundles by hand).
        if (ref.getResource() instanceof Resource r && (entryIndex.containsKey(r) || containedIn(from, r))) {
            return r;
        }
        String s = ref.getReference();
        if (s == null || s.isBlank()) {
            return null;
        }
        s = s.trim();
        if (s.startsWith("#")) {
            if (from == null) {
                return null;
            }
            String id = s.substring(1);
            for (Resource c : from.getContained()) {
                String cid = c.getIdElement().getIdPart();
                if (id.equals(cid) || s.equals(c.getId())) {
                    return c;
                }
            }
            return null;
        }
        Resource direct = byKey.get(s);
        if (direct != null) {
            return direct;
        }
        String tail = tail(s);
        if (tail != null) {
            List<Resource> hits = byTypeId.get(tail);
            if (hits != null && hits.size() == 1) {
                return hits.get(0);
            }
        }
        return null;
    }

    private static boolean containedIn(DomainResource from, Resource r) {
        if (from == null) {
            return false;
        }
        for (Resource c : from.getContained()) {
            if (c == r) {
                return true;
            }
        }
        return false;
    }

    /** {@code Type/id} at the end of a reference string, without {@code _history}; null when none. */
    static String tail(String s) {
        String t = s;
        int h = t.indexOf("/_history/");
        if (h >= 0) {
            t = t.substring(0, h);
        }
        String[] parts = t.split("/");
        if (parts.length < 2) {
            return null;
        }
        String type = parts[parts.length - 2];
        String id = parts[parts.length - 1];
        if (!type.matches("[A-Z][A-Za-z]{1,63}") || id.isEmpty()) {
            return null;
        }
        return type + "/" + id;
    }

    /** The resource type a reference names, from its string or its {@code type}; null when unknown. */
    static String referencedType(Reference ref) {
        if (ref == null) {
            return null;
        }
        if (ref.hasType()) {
            String t = ref.getType();
            int slash = t.lastIndexOf('/');
            return slash >= 0 ? t.substring(slash + 1) : t;
        }
        String s = ref.getReference();
        if (s == null || s.startsWith("#")) {
            return null;
        }
        String tail = tail(s.trim());
        return tail == null ? null : tail.substring(0, tail.indexOf('/'));
    }

    static boolean hasProfile(Resource r, String profile) {
        for (CanonicalType c : r.getMeta().getProfile()) {
            String v = c.getValue();
            if (v != null && (v.equals(profile) || v.startsWith(profile + "|"))) {
                return true;
            }
        }
        return false;
    }

    static List<Extension> extensions(DomainResource r, String url) {
        return r.getExtensionsByUrl(url);
    }

    /** Index of an extension in its resource's extension list, for a FHIR path. */
    static int extensionIndex(DomainResource r, Extension e) {
        List<Extension> all = r.getExtension();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i) == e) {
                return i;
            }
        }
        return -1;
    }
}
