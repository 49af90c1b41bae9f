package org.creativelabs.admin.identity;

import org.creativelabs.realm.CreativeLabsRealm;
import org.keycloak.OAuth2Constants;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** tenant-admin administers organizations and users with its own service account (manage-users, manage-realm). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KeycloakProperties.class)
@EnableScheduling // the organization mirror's periodic pass (provisioning polls on its own thread)
class IdentityConfiguration {

    @Bean(destroyMethod = "close")
    Keycloak realmAdministration(KeycloakProperties keycloak) {
        return KeycloakBuilder.builder()
                .serverUrl(keycloak.url())
                .realm(keycloak.realm())
                .clientId(CreativeLabsRealm.TENANT_ADMIN_CLIENT)
                .clientSecret(keycloak.clientSecrets().getOrDefault(CreativeLabsRealm.TENANT_ADMIN_CLIENT, ""))
                .grantType(OAuth2Constants.CLIENT_CREDENTIALS)
                .build();
    }
}
