package org.creativelabs.realm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.RolesRepresentation;

/**
 * The {@code creative-labs} realm: one realm for the whole national network, Organizations enabled (one per lab),
 * self-registration on, realm roles only for platform-wide duties. Lab roles are not here: they are memberships in
 * each lab's own schema.
 */
public final class CreativeLabsRealm {

    public static final String NAME = "creative-labs";
    /** The audience every service checks: tokens for the platform carry it. */
    public static final String AUDIENCE = "creative-labs-api";

    public static final String COORDINATOR = "platform-coordinator";
    public static final String UNDP_VIEWER = "undp-viewer";
    public static final String PROVISIONER = "platform-provisioner";
    public static final String GATEWAY_CLIENT = "gateway";
    /** The ID token's claim with a person's realm roles (the gateway's client only). */
    public static final String PLATFORM_ROLES_CLAIM = "platform_roles";

    public static final String TENANT_ADMIN_CLIENT = "tenant-admin";
    public static final String PROVISIONER_CLIENT = "platform-provisioner";
    /** platform-core's own service account: it reports membership changes to tenant-admin. */
    public static final String PLATFORM_CORE_CLIENT = "platform-core";

    public static final String MEMBERSHIP_REPORTER = "membership-reporter";
    /** platform-core's service account delivers each lab's indicator outbox to tenant-admin. */
    public static final String INDICATOR_REPORTER = "indicator-reporter";
    /** The gateway's own service account: it asks tenant-admin's registry whether a lab serves. */
    public static final String LAB_ROUTER = "lab-router";
    /** Dev and test only: a public client with the password grant, for scripts and tests. */
    public static final String DEV_CLIENT = "clp-dev";

    /**
     * @param gatewayRedirectUris where the gateway's OIDC login may return, e.g. {@code https://labs.example.org/*}
     * @param secrets client secrets by client id (gateway, tenant-admin, platform-provisioner)
     * @param devClients whether to add the dev/test-only password-grant client
     * @param smtp the realm's mail server for invitations and password resets, in Keycloak's keys ({@code host},
     *     {@code port}, {@code from}, {@code auth}, {@code user}, {@code password}, {@code starttls}); empty: unchanged
     */
    public record Settings(
            List<String> gatewayRedirectUris,
            Map<String, String> secrets,
            boolean devClients,
            Map<String, String> smtp) {

        public Settings(List<String> gatewayRedirectUris, Map<String, String> secrets, boolean devClients) {
            this(gatewayRedirectUris, secrets, devClients, Map.of());
        }
    }

    private CreativeLabsRealm() {}

    public static RealmRepresentation definition(Settings settings) {
        RealmRepresentation realm = new RealmRepresentation();
        realm.setRealm(NAME);
        realm.setDisplayName("Creative Labs");
        realm.setEnabled(true);
        realm.setOrganizationsEnabled(true);
        realm.setRegistrationAllowed(true);
        realm.setRegistrationEmailAsUsername(true);
        realm.setLoginWithEmailAllowed(true);
        realm.setResetPasswordAllowed(true);
        realm.setVerifyEmail(!settings.devClients());
        realm.setBruteForceProtected(true);
        realm.setSslRequired("external");
        realm.setAccessTokenLifespan(300);
        realm.setInternationalizationEnabled(true);
        realm.setSupportedLocales(java.util.Set.of("en", "ru", "ky", "uz"));
        realm.setDefaultLocale("ru");
        if (!settings.smtp().isEmpty()) {
            realm.setSmtpServer(settings.smtp());
        }

        RolesRepresentation roles = new RolesRepresentation();
        roles.setRealm(List.of(
                role(COORDINATOR, "National coordinator: provisions labs; no access to members' personal data"),
                role(UNDP_VIEWER, "UNDP staff: cross-region dashboards, read only"),
                role(PROVISIONER, "Service to service: platform-core's internal tenant API"),
                role(
                        MEMBERSHIP_REPORTER,
                        "Service to service: platform-core tells tenant-admin a lab's memberships changed"),
                role(LAB_ROUTER, "Service to service: the gateway reads which labs serve"),
                role(INDICATOR_REPORTER, "Service to service: platform-core delivers labs' indicator outboxes")));
        realm.setRoles(roles);

        List<ClientRepresentation> clients = new ArrayList<>();
        clients.add(audienceClient());
        clients.add(gateway(settings));
        clients.add(serviceAccount(TENANT_ADMIN_CLIENT, "tenant-admin: organizations and users", settings.secrets()));
        clients.add(
                serviceAccount(PROVISIONER_CLIENT, "Calls platform-core's internal tenant API", settings.secrets()));
        clients.add(serviceAccount(
                PLATFORM_CORE_CLIENT, "platform-core: reports membership changes to tenant-admin", settings.secrets()));
        if (settings.devClients()) {
            clients.add(devClient());
        }
        realm.setClients(clients);
        return realm;
    }

    /** Realm roles each service account gets, and roles of the built-in realm-management client. */
    public static Map<String, List<String>> serviceAccountRealmRoles() {
        return Map.of(
                PROVISIONER_CLIENT,
                List.of(PROVISIONER),
                TENANT_ADMIN_CLIENT,
                List.of(PROVISIONER),
                PLATFORM_CORE_CLIENT,
                List.of(MEMBERSHIP_REPORTER, INDICATOR_REPORTER),
                GATEWAY_CLIENT,
                List.of(LAB_ROUTER));
    }

    public static Map<String, List<String>> serviceAccountManagementRoles() {
        return Map.of(
                TENANT_ADMIN_CLIENT,
                List.of("manage-users", "view-users", "query-users", "manage-realm", "view-realm"));
    }

    private static ClientRepresentation audienceClient() {
        ClientRepresentation client = base(AUDIENCE, "The platform's APIs (audience only; no login)");
        client.setBearerOnly(true);
        client.setStandardFlowEnabled(false);
        client.setPublicClient(false);
        return client;
    }

    private static ClientRepresentation gateway(Settings settings) {
        ClientRepresentation client = base(GATEWAY_CLIENT, "The gateway's login (authorization code with PKCE)");
        client.setPublicClient(false);
        client.setSecret(settings.secrets().get(GATEWAY_CLIENT));
        client.setStandardFlowEnabled(true);
        // its own client-credentials token, for the registry lookups of lab routing
        client.setServiceAccountsEnabled(true);
        client.setRedirectUris(settings.gatewayRedirectUris());
        client.setWebOrigins(List.of("+"));
        client.setAttributes(
                new HashMap<>(Map.of("pkce.code.challenge.method", "S256", "post.logout.redirect.uris", "+")));
        client.setProtocolMappers(List.of(audienceMapper(), organizationMapper(), platformRolesMapper()));
        return client;
    }

    private static ClientRepresentation serviceAccount(
            String clientId, String description, Map<String, String> secrets) {
        ClientRepresentation client = base(clientId, description);
        client.setPublicClient(false);
        client.setSecret(secrets.get(clientId));
        client.setServiceAccountsEnabled(true);
        client.setStandardFlowEnabled(false);
        client.setProtocolMappers(List.of(audienceMapper()));
        return client;
    }

    private static ClientRepresentation devClient() {
        ClientRepresentation client = base(DEV_CLIENT, "Dev and test only: password grant");
        client.setPublicClient(true);
        client.setDirectAccessGrantsEnabled(true);
        client.setStandardFlowEnabled(false);
        client.setProtocolMappers(List.of(audienceMapper(), organizationMapper()));
        return client;
    }

    private static ClientRepresentation base(String clientId, String description) {
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(clientId);
        client.setName(clientId);
        client.setDescription(description);
        client.setEnabled(true);
        client.setProtocol("openid-connect");
        client.setDirectAccessGrantsEnabled(false);
        client.setImplicitFlowEnabled(false);
        client.setFullScopeAllowed(true);
        return client;
    }

    static ProtocolMapperRepresentation audienceMapper() {
        return mapper(
                "audience " + AUDIENCE,
                "oidc-audience-mapper",
                Map.of("included.client.audience", AUDIENCE, "access.token.claim", "true", "id.token.claim", "false"));
    }

    static ProtocolMapperRepresentation organizationMapper() {
        return mapper(
                "organization",
                "oidc-organization-membership-mapper",
                Map.of(
                        "claim.name",
                        "organization",
                        "access.token.claim",
                        "true",
                        "id.token.claim",
                        "true",
                        "introspection.token.claim",
                        "true",
                        "multivalued",
                        "true",
                        "jsonType.label",
                        "String"));
    }

    /**
     * A person's realm roles in the gateway's ID token ({@code platform_roles}), so that signing in lands a coordinator
     * in the console and UNDP in the dashboards. The services read roles from the access token, never from this.
     */
    static ProtocolMapperRepresentation platformRolesMapper() {
        return mapper(
                "platform roles",
                "oidc-usermodel-realm-role-mapper",
                Map.of(
                        "claim.name",
                        PLATFORM_ROLES_CLAIM,
                        "access.token.claim",
                        "false",
                        "id.token.claim",
                        "true",
                        "userinfo.token.claim",
                        "false",
                        "multivalued",
                        "true",
                        "jsonType.label",
                        "String"));
    }

    private static ProtocolMapperRepresentation mapper(String name, String type, Map<String, String> config) {
        ProtocolMapperRepresentation mapper = new ProtocolMapperRepresentation();
        mapper.setName(name);
        mapper.setProtocol("openid-connect");
        mapper.setProtocolMapper(type);
        mapper.setConfig(new HashMap<>(config));
        return mapper;
    }

    private static RoleRepresentation role(String name, String description) {
        RoleRepresentation role = new RoleRepresentation();
        role.setName(name);
        role.setDescription(description);
        return role;
    }
}
