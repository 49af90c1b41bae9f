package org.creativelabs.core.tenancy;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The URL name of a lab, e.g. {@code osh}. Only for URLs: a lab is keyed by its id everywhere else.
 * Checked before anything reaches SQL.
 */
public record LabSlug(String value) {

    private static final Pattern FORMAT = Pattern.compile("^[a-z][a-z0-9-]{1,29}$");

    static final Set<String> RESERVED = Set.of(
            "www", "api", "auth", "admin", "internal", "static", "assets", "login", "logout", "keycloak",
            "platform", "core", "gateway", "console", "dashboard", "status", "health", "actuator", "public",
            "system", "root", "mail", "smtp", "support", "help", "docs", "new", "null", "undefined", "labs");

    public LabSlug {
        String problem = problemWith(value);
        if (problem != null) {
            throw new InvalidLabSlugException(problem, value);
        }
    }

    /** Why the text is not a usable slug (the key of its message), or null when it is. */
    static String problemWith(String value) {
        if (value == null || value.isEmpty()) {
            return "required";
        }
        if (value.length() > 30) {
            return "too-long";
        }
        if (!FORMAT.matcher(value).matches()) {
            return "format";
        }
        if (value.endsWith("-") || value.contains("--")) {
            return "hyphens";
        }
        if (RESERVED.contains(value)) {
            return "reserved";
        }
        return null;
    }

    @Override
    public String toString() {
        return value;
    }
}
