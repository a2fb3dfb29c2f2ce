package org.mltrules.json;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.util.List;

/**
 * The JSON Schemas that mlt-rules-json ships, loaded from the class path by their {@code $id} with a maintained
 * validator, as a host would: draft 2020-12 with format assertion on (so that {@code 2023-02-30} is not a date).
 * Shared with the tests of the rule and server modules through this module's test-jar.
 */
public final class JsonSchemas {
    /** The {@code $id} prefix of the format version 1 schemas. */
    public static final String ID_BASE = "https://github.com/mlt-rules/mlt-rules/schema/1/";
    /** Where the schemas are on the class path. */
    public static final String RESOURCE_BASE = "org/mltrules/json/schema/";

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            b -> b.schemaIdResolvers(r -> r.mapPrefix(ID_BASE, "classpath:" + RESOURCE_BASE))
                    .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

    public static final Schema CASE = load("case.schema.json");
    public static final Schema ASSESSMENT = load("assessment.schema.json");
    public static final Schema ERROR_RECORD = load("error-record.schema.json");

    private JsonSchemas() {
    }

    public static Schema load(String file) {
        return REGISTRY.getSchema(SchemaLocation.of(ID_BASE + file));
    }

    /** The schema's complaints about the JSON text, one line each; empty when it is valid. */
    public static List<String> errors(Schema schema, String json) {
        return schema.validate(json, InputFormat.JSON).stream().map(e -> e.toString()).toList();
    }
}
