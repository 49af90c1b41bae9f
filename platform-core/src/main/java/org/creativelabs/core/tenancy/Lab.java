package org.creativelabs.core.tenancy;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The lab a request or job works in. Its schema is also the name of the lab's own database role;
 * both come from the catalog and are generated, never taken from user text.
 */
public record Lab(UUID id, String slug, String schema) {

    private static final Pattern SCHEMA = Pattern.compile("^lab_[0-9a-f]{12}$");

    public Lab {
        if (!isLabSchema(schema)) {
            throw new IllegalArgumentException("Not a lab schema name: " + schema);
        }
    }

    static boolean isLabSchema(String name) {
        return name != null && SCHEMA.matcher(name).matches();
    }

    /** The generated schema (and role) name of a lab: {@code lab_} and the first 12 hex digits of its id. */
    static String schemaFor(UUID labId) {
        return "lab_" + labId.toString().replace("-", "").substring(0, 12);
    }
}
