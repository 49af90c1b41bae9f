package org.creativelabs.admin.identity;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where Keycloak is and how tenant-admin administers the realm.
 *
 * @param clientSecrets secrets of the confidential clients by client id; in production from a Secret
 */
@ConfigurationProperties("platform.keycloak")
record KeycloakProperties(String url, String realm, boolean reconcileRealm, String adminRealm, String adminClientId,
        String adminUsername, String adminPassword, boolean devClients, List<String> gatewayRedirectUris,
        Map<String, String> clientSecrets) {
}
