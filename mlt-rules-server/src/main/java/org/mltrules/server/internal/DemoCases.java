package org.mltrules.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The bundled demo cases ({@link org.mltrules.json.DemoCases}, JSON Lines on the class path) as one JSON array. */
public final class DemoCases {
    static final String RESOURCE = org.mltrules.json.DemoCases.RESOURCE;

    private DemoCases() {
    }

    /** The demo cases as JSON array bytes. */
    public static byte[] json() {
        ArrayNode all = Json.array();
        try (InputStream in = DemoCases.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the demo cases are missing from the class path: " + RESOURCE);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank()) {
                    JsonNode c = Json.MAPPER.readTree(line);
                    all.add(c);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the demo cases", e);
        }
        return Json.bytes(all);
    }
}
