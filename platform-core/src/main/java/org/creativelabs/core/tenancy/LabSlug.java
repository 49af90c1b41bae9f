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
            throw new InvalidLabSlugException(problem);
        }
    }

    /** Why the text is not a usable slug, or null when it is. */
    static String problemWith(String value) {
        if (value == null || value.isEmpty()) {
            return "A lab slug is required.";
        }
        if (value.length() > 30) {
            return "A lab slug has at most 30 characters.";
        }
        if (!FORMAT.matcher(value).matches()) {
            return "A lab slug starts with a lowercase letter and has only lowercase letters, digits and hyphens"
                    + " (2 to 30 characters).";
        }
        if (value.endsWith("-") || value.contains("--")) {
            return "A lab slug does not end with a hyphen or contain two in a row.";
        }
        if (RESERVED.contains(value)) {
            return "'" + value + "' is reserved and cannot name a lab.";
        }
        return null;
    }

    @Override
    public String toString() {
        return value;
    }
}
