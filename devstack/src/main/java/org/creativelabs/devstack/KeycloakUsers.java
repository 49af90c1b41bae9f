package org.creativelabs.devstack;

import java.util.Arrays;
import java.util.List;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/** Accounts for demos and tests: created when missing, with a known password and realm roles. */
public final class KeycloakUsers {

    private KeycloakUsers() {}

    /** Returns the account's subject (Keycloak user id). */
    public static String ensure(Keycloak admin, String realmName, String email, String password, String... realmRoles) {
        var realm = admin.realm(realmName);
        List<UserRepresentation> found = realm.users().searchByUsername(email, true);
        if (found.isEmpty()) {
            UserRepresentation user = new UserRepresentation();
            user.setUsername(email);
            user.setEmail(email);
            user.setEmailVerified(true);
            user.setEnabled(true);
            user.setFirstName(email.substring(0, email.indexOf('@')));
            user.setLastName("Demo");
            CredentialRepresentation credential = new CredentialRepresentation();
            credential.setType(CredentialRepresentation.PASSWORD);
            credential.setValue(password);
            credential.setTemporary(false);
            user.setCredentials(List.of(credential));
            try (var response = realm.users().create(user)) {
                if (response.getStatus() != 201) {
                    throw new IllegalStateException("Creating " + email + " failed: " + response.getStatus());
                }
            }
            found = realm.users().searchByUsername(email, true);
        }
        String id = found.get(0).getId();
        if (realmRoles.length > 0) {
            List<RoleRepresentation> roles = Arrays.stream(realmRoles)
                    .map(r -> realm.roles().get(r).toRepresentation())
                    .toList();
            realm.users().get(id).roles().realmLevel().add(roles);
        }
        return id;
    }
}
