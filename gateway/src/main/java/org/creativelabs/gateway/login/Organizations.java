package org.creativelabs.gateway.login;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * The labs a signed-in person belongs to: their Keycloak organizations (aliased by lab slug, mirrored from the labs'
 * own memberships), from the ID token's {@code organization} claim — a list of aliases, or a map keyed by them when
 * Keycloak adds the organizations' attributes.
 */
final class Organizations {

    /** The realm's roles and the gateway client's ID-token claim that carries them (keycloak-realm's CreativeLabsRealm). */
    static final String COORDINATOR = "platform-coordinator";

    static final String UNDP_VIEWER = "undp-viewer";
    static final String PLATFORM_ROLES = "platform_roles";

    private static final Pattern SLUG = Pattern.compile("^[a-z][a-z0-9-]{1,29}$");

    private Organizations() {}

    /** The person's platform roles (coordinator, UNDP viewer) from the ID token; none for lab people. */
    static List<String> platformRoles(Authentication authentication) {
        if (authentication == null || !(authentication.getPrincipal() instanceof OidcUser person)) {
            return List.of();
        }
        Object claim = person.getClaims().get(PLATFORM_ROLES);
        // Only the duties the pages know: every account also has Keycloak's default roles.
        return claim instanceof Collection<?> roles
                ? roles.stream()
                        .map(String::valueOf)
                        .filter(role -> role.equals(COORDINATOR) || role.equals(UNDP_VIEWER))
                        .sorted()
                        .toList()
                : List.of();
    }

    static List<String> of(Authentication authentication) {
        if (authentication == null || !(authentication.getPrincipal() instanceof OidcUser person)) {
            return List.of();
        }
        Object claim = person.getClaims().get("organization");
        Collection<?> aliases = claim instanceof Map<?, ?> map
                ? map.keySet()
                : claim instanceof Collection<?> list ? list : claim == null ? List.of() : List.of(claim);
        return aliases.stream()
                .map(String::valueOf)
                .filter(alias -> SLUG.matcher(alias).matches())
                .sorted()
                .toList();
    }
}
