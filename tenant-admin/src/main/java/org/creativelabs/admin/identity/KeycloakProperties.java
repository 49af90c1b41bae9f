package org.creativelabs.admin.identity;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where Keycloak is and how tenant-admin administers the realm.
 *
 * @param clientSecrets secrets of the confidential clients by client id; in production from a Secret
 * @param smtp the realm's mail server for invitations, in Keycloak's keys (host, port, from, ...); empty: left as is
 */
@ConfigurationProperties("platform.keycloak")
record KeycloakProperties(
        String url,
        String realm,
        boolean reconcileRealm,
        String adminRealm,
        String adminClientId,
        String adminUsername,
        String adminPassword,
        boolean devClients,
        List<String> gatewayRedirectUris,
        Map<String, String> clientSecrets,
        Map<String, String> smtp) {

    KeycloakProperties {
        clientSecrets = clientSecrets == null ? Map.of() : clientSecrets;
        // No host, no mail server: the realm's own setting is left as it is (a port and sender alone would point
        // Keycloak at localhost:25 and break every invitation).
        smtp = smtp == null || smtp.get("host") == null || smtp.get("host").isBlank()
                ? Map.of()
                : Map.copyOf(smtp.entrySet().stream()
                        .filter(e -> e.getValue() != null && !e.getValue().isBlank())
                        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }
}
