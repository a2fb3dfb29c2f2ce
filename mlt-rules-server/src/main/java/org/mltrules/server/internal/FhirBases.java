package org.mltrules.server.internal;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The FHIR bases the service may fetch from ({@code --fhir-base}). A request's {@code fhirServer} is used only when
 * it normalises to one of them: the caller never chooses where the server connects (request forgery). Plain
 * {@code http} is accepted for loopback bases only.
 */
public final class FhirBases {
    private final Set<String> allowed;

    public FhirBases(List<String> bases) {
        Set<String> s = new LinkedHashSet<>();
        for (String b : bases) {
            String n = normalise(b);
            if (n == null) {
                throw new IllegalArgumentException("not a usable FHIR base URL (https, or http on loopback; no "
                        + "user info, query or fragment): " + b);
            }
            s.add(n);
        }
        this.allowed = Set.copyOf(s);
    }

    public boolean isEmpty() {
        return allowed.isEmpty();
    }

    /** The allow-listed base equal to {@code fhirServer}, or {@code null}. */
    public String match(String fhirServer) {
        String n = fhirServer == null ? null : normalise(fhirServer);
        return n != null && allowed.contains(n) ? n : null;
    }

    /** Lower-case scheme and host, default port dropped, no trailing slash; {@code null} when unusable. */
    static String normalise(String url) {
        URI u;
        try {
            u = new URI(url.trim());
        } catch (URISyntaxException e) {
            return null;
        }
        if (u.getScheme() == null || u.getHost() == null || u.getRawUserInfo() != null || u.getRawQuery() != null
                || u.getRawFragment() != null || u.isOpaque()) {
            return null;
        }
        String scheme = u.getScheme().toLowerCase(Locale.ROOT);
        String host = u.getHost().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && isLoopback(host))) {
            return null;
        }
        int port = u.getPort();
        if (port == 443 && scheme.equals("https") || port == 80 && scheme.equals("http")) {
            port = -1;
        }
        String path = u.getRawPath() == null ? "" : u.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.contains("/../") || path.endsWith("/..") || path.contains("/./")) {
            return null;
        }
        return scheme + "://" + host + (port == -1 ? "" : ":" + port) + path;
    }

    private static boolean isLoopback(String host) {
        if (host.equals("localhost")) {
            return true;
        }
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (!h.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false;
        }
        try {
            // A literal address: no name resolution happens here.
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
