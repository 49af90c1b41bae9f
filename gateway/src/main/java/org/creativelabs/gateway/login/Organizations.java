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

    private static final Pattern SLUG = Pattern.compile("^[a-z][a-z0-9-]{1,29}$");

    private Organizations() {}

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
