package org.creativelabs.realm;

import jakarta.ws.rs.NotFoundException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.ClientResource;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.OrganizationRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a Keycloak realm to its definition, idempotently: creates it when missing, otherwise updates its settings,
 * adds missing roles, clients and protocol mappers and updates existing clients in place (their ids, sessions and
 * service-account users survive). Keycloak's own realm import cannot do this: it skips an existing realm.
 */
public final class RealmReconciler {

    private static final Logger log = LoggerFactory.getLogger(RealmReconciler.class);

    private final Keycloak admin;

    public RealmReconciler(Keycloak admin) {
        this.admin = admin;
    }

    public void apply(
            RealmRepresentation desired,
            Map<String, List<String>> serviceAccountRealmRoles,
            Map<String, List<String>> serviceAccountManagementRoles) {
        long started = System.nanoTime();
        boolean exists =
                admin.realms().findAll().stream().anyMatch(r -> r.getRealm().equals(desired.getRealm()));
        RealmResource realm = admin.realm(desired.getRealm());
        if (!exists) {
            admin.realms().create(desired);
        } else {
            RealmRepresentation settings = withoutRolesAndClients(desired);
            realm.update(settings);
            desired.getRoles().getRealm().forEach(role -> ensureRole(realm, role));
            desired.getClients().forEach(client -> ensureClient(realm, client));
        }
        serviceAccountRealmRoles.forEach((clientId, roles) -> grantRealmRoles(realm, clientId, roles));
        serviceAccountManagementRoles.forEach((clientId, roles) -> grantManagementRoles(realm, clientId, roles));
        log.info(
                "Realm {} {} in {} ms",
                desired.getRealm(),
                exists ? "reconciled" : "created",
                (System.nanoTime() - started) / 1_000_000);
    }

    /** The lab's organization, keyed by the lab's id; its alias is the slug (which never changes). */
    public String ensureOrganization(String realmName, String labId, String slug, String displayName) {
        RealmResource realm = admin.realm(realmName);
        var existing = realm.organizations().search(slug, true, 0, 1);
        if (!existing.isEmpty()) {
            return existing.get(0).getId();
        }
        OrganizationRepresentation organization = new OrganizationRepresentation();
        organization.setName(slug);
        organization.setAlias(slug);
        organization.setDescription(displayName);
        organization.setEnabled(true);
        organization.setAttributes(Map.of("lab-id", List.of(labId)));
        try (var response = realm.organizations().create(organization)) {
            if (response.getStatus() >= 300) {
                throw new IllegalStateException("Creating organization " + slug + " failed: " + response.getStatus());
            }
        }
        return realm.organizations().search(slug, true, 0, 1).get(0).getId();
    }

    /** Removes a lab's organization (undoing provisioning, or deleting the lab); absent already is fine. */
    public void removeOrganization(String realmName, String slug) {
        RealmResource realm = admin.realm(realmName);
        for (OrganizationRepresentation organization : realm.organizations().search(slug, true, 0, 1)) {
            try (var response = realm.organizations().get(organization.getId()).delete()) {
                if (response.getStatus() >= 300 && response.getStatus() != 404) {
                    throw new IllegalStateException(
                            "Removing organization " + slug + " failed: " + response.getStatus());
                }
            }
        }
    }

    private static RealmRepresentation withoutRolesAndClients(RealmRepresentation desired) {
        RealmRepresentation settings = new RealmRepresentation();
        settings.setRealm(desired.getRealm());
        settings.setDisplayName(desired.getDisplayName());
        settings.setEnabled(desired.isEnabled());
        settings.setOrganizationsEnabled(desired.isOrganizationsEnabled());
        settings.setRegistrationAllowed(desired.isRegistrationAllowed());
        settings.setRegistrationEmailAsUsername(desired.isRegistrationEmailAsUsername());
        settings.setLoginWithEmailAllowed(desired.isLoginWithEmailAllowed());
        settings.setResetPasswordAllowed(desired.isResetPasswordAllowed());
        settings.setVerifyEmail(desired.isVerifyEmail());
        settings.setSmtpServer(desired.getSmtpServer());
        settings.setBruteForceProtected(desired.isBruteForceProtected());
        settings.setSslRequired(desired.getSslRequired());
        settings.setAccessTokenLifespan(desired.getAccessTokenLifespan());
        settings.setInternationalizationEnabled(desired.isInternationalizationEnabled());
        settings.setSupportedLocales(desired.getSupportedLocales());
        settings.setDefaultLocale(desired.getDefaultLocale());
        return settings;
    }

    private static void ensureRole(RealmResource realm, RoleRepresentation role) {
        try {
            realm.roles().get(role.getName()).toRepresentation();
        } catch (NotFoundException e) {
            realm.roles().create(role);
        }
    }

    private static void ensureClient(RealmResource realm, ClientRepresentation desired) {
        List<ClientRepresentation> found = realm.clients().findByClientId(desired.getClientId());
        if (found.isEmpty()) {
            realm.clients().create(desired).close();
            return;
        }
        ClientResource client = realm.clients().get(found.get(0).getId());
        ClientRepresentation update = desired;
        update.setId(found.get(0).getId());
        client.update(update);
        Set<String> mappers = client.getProtocolMappers().getMappers().stream()
                .map(ProtocolMapperRepresentation::getName)
                .collect(Collectors.toSet());
        if (desired.getProtocolMappers() != null) {
            desired.getProtocolMappers().stream()
                    .filter(m -> !mappers.contains(m.getName()))
                    .forEach(m -> client.getProtocolMappers().createMapper(m).close());
        }
    }

    private static void grantRealmRoles(RealmResource realm, String clientId, List<String> roles) {
        UserRepresentation account = serviceAccount(realm, clientId);
        List<RoleRepresentation> wanted =
                roles.stream().map(r -> realm.roles().get(r).toRepresentation()).toList();
        realm.users().get(account.getId()).roles().realmLevel().add(wanted);
    }

    private static void grantManagementRoles(RealmResource realm, String clientId, List<String> roles) {
        UserRepresentation account = serviceAccount(realm, clientId);
        ClientRepresentation management =
                realm.clients().findByClientId("realm-management").get(0);
        ClientResource managementClient = realm.clients().get(management.getId());
        List<RoleRepresentation> wanted = roles.stream()
                .map(r -> managementClient.roles().get(r).toRepresentation())
                .toList();
        realm.users()
                .get(account.getId())
                .roles()
                .clientLevel(management.getId())
                .add(wanted);
    }

    private static UserRepresentation serviceAccount(RealmResource realm, String clientId) {
        String id = realm.clients().findByClientId(clientId).get(0).getId();
        return realm.clients().get(id).getServiceAccountUser();
    }
}
