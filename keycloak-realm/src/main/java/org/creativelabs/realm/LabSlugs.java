package org.creativelabs.realm;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules for a lab's slug, shared by every service: it is the lab's URL name and its Keycloak organization alias
 * (which cannot change), so it is checked the same way by tenant-admin when a lab is requested and by platform-core
 * before anything reaches SQL.
 */
public final class LabSlugs {

    private static final Pattern FORMAT = Pattern.compile("^[a-z][a-z0-9-]{1,29}$");

    public static final Set<String> RESERVED = Set.of(
            "www",
            "api",
            "auth",
            "admin",
            "internal",
            "static",
            "assets",
            "login",
            "logout",
            "keycloak",
            "platform",
            "core",
            "gateway",
            "console",
            "dashboard",
            "status",
            "health",
            "actuator",
            "public",
            "system",
            "root",
            "mail",
            "smtp",
            "support",
            "help",
            "docs",
            "new",
            "null",
            "undefined",
            "labs");

    private LabSlugs() {}

    /**
     * Why the text cannot be a slug, as a short reason key ({@code required}, {@code too-long}, {@code format},
     * {@code hyphens}, {@code reserved}), or null when it can.
     */
    public static String reasonAgainst(String value) {
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
}
