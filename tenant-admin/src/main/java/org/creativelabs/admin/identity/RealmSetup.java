package org.creativelabs.admin.identity;

import java.util.HashMap;
import java.util.Map;
import org.creativelabs.realm.CreativeLabsRealm;
import org.creativelabs.realm.RealmReconciler;
import org.keycloak.admin.client.Keycloak;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Applies the realm's code definition at start-up, before the service reports ready. An operator's realm import
 * cannot do this: it skips a realm that exists. Every replica may run it; the changes are idempotent.
 */
@Component
@EnableConfigurationProperties(KeycloakProperties.class)
@ConditionalOnProperty(name = "platform.keycloak.reconcile-realm", havingValue = "true", matchIfMissing = true)
class RealmSetup implements ApplicationRunner {

    private final KeycloakProperties keycloak;

    RealmSetup(KeycloakProperties keycloak) {
        this.keycloak = keycloak;
    }

    @Override
    public void run(ApplicationArguments args) {
        Map<String, String> secrets = new HashMap<>();
        keycloak.clientSecrets().forEach((client, secret) -> {
            if (secret != null && !secret.isBlank()) {
                secrets.put(client, secret);
            }
        });
        var definition = CreativeLabsRealm.definition(new CreativeLabsRealm.Settings(
                keycloak.gatewayRedirectUris(), secrets, keycloak.devClients(), keycloak.smtp()));
        try (Keycloak admin = Keycloak.getInstance(
                keycloak.url(),
                keycloak.adminRealm(),
                keycloak.adminUsername(),
                keycloak.adminPassword(),
                keycloak.adminClientId())) {
            new RealmReconciler(admin)
                    .apply(
                            definition,
                            CreativeLabsRealm.serviceAccountRealmRoles(),
                            CreativeLabsRealm.serviceAccountManagementRoles());
        }
    }
}
