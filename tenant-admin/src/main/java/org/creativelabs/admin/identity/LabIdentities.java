package org.creativelabs.admin.identity;

import jakarta.ws.rs.core.Response;
import java.util.List;
import org.creativelabs.realm.CreativeLabsRealm;
import org.creativelabs.realm.RealmReconciler;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.UserRepresentation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The Keycloak side of a lab: its organization and the invitation of its first lab admin. The only component that
 * writes organizations and their membership.
 */
@Component
public class LabIdentities {

    private static final Logger log = LoggerFactory.getLogger(LabIdentities.class);
    private static final int INVITATION_LIFESPAN_SECONDS = 7 * 24 * 3600;

    private final Keycloak keycloak;
    private final KeycloakProperties properties;

    LabIdentities(Keycloak realmAdministration, KeycloakProperties properties) {
        this.keycloak = realmAdministration;
        this.properties = properties;
    }

    /** Creates the lab's organization unless it exists; returns its id. */
    public String ensureOrganization(String labId, String slug, String name) {
        return new RealmReconciler(keycloak).ensureOrganization(properties.realm(), labId, slug, name);
    }

    public void removeOrganization(String slug) {
        new RealmReconciler(keycloak).removeOrganization(properties.realm(), slug);
    }

    /**
     * The person's account (created when the e-mail has none, with the actions to set a password and verify the
     * address), their membership of the organization, and the invitation e-mail through the realm's SMTP server.
     * Returns their subject.
     */
    public String invite(String organizationId, String email) {
        RealmResource realm = keycloak.realm(properties.realm());
        String subject = realm.users().searchByEmail(email, true).stream()
                .findFirst()
                .map(UserRepresentation::getId)
                .orElseGet(() -> create(realm, email));
        var members = realm.organizations().get(organizationId).members();
        if (members.list(-1, -1).stream().noneMatch(m -> m.getId().equals(subject))) {
            try (Response response = members.addMember(subject)) {
                if (response.getStatus() >= 300 && response.getStatus() != 409) {
                    throw new IllegalStateException(
                            "Adding the lab admin to the organization failed: " + response.getStatus());
                }
            }
        }
        if (realm.toRepresentation().getSmtpServer() == null
                || realm.toRepresentation().getSmtpServer().isEmpty()) {
            log.warn("The realm has no SMTP server: the invitation of {} is not e-mailed", email);
            return subject;
        }
        realm.users()
                .get(subject)
                .executeActionsEmail(
                        CreativeLabsRealm.GATEWAY_CLIENT,
                        null,
                        INVITATION_LIFESPAN_SECONDS,
                        List.of("UPDATE_PASSWORD", "VERIFY_EMAIL"));
        return subject;
    }

    /** What one lab's mirror changed; {@code unknown}: subjects with no Keycloak account (skipped, reported). */
    public record MirrorChange(int added, int removed, List<String> unknown) {}

    /**
     * Makes the organization's members exactly these subjects. An account that no longer exists is skipped and
     * reported (Keycloak answers 400 "User does not exist" for it, not 404), so it never stops the removals.
     */
    public MirrorChange mirrorMembers(String organizationId, java.util.Set<String> subjects) {
        var members = keycloak.realm(properties.realm())
                .organizations()
                .get(organizationId)
                .members();
        java.util.Set<String> current = new java.util.HashSet<>();
        members.list(-1, -1).forEach(m -> current.add(m.getId()));
        int removed = 0;
        for (String member : current) {
            if (!subjects.contains(member)) {
                try (Response response = members.member(member).delete()) {
                    if (response.getStatus() < 300) {
                        removed++;
                    }
                }
            }
        }
        int added = 0;
        List<String> unknown = new java.util.ArrayList<>();
        for (String subject : subjects) {
            if (!current.contains(subject)) {
                try (Response response = members.addMember(subject)) {
                    int status = response.getStatus();
                    if (status < 300) {
                        added++;
                    } else if (status == 400 || status == 404) {
                        unknown.add(subject);
                    } else if (status != 409) {
                        throw new IllegalStateException(
                                "Adding " + subject + " to organization " + organizationId + " failed: " + status);
                    }
                }
            }
        }
        return new MirrorChange(added, removed, unknown);
    }

    /** The subject of the account with this e-mail (the invited lab admin). */
    public String subjectOf(String email) {
        return keycloak.realm(properties.realm()).users().searchByEmail(email, true).stream()
                .findFirst()
                .map(UserRepresentation::getId)
                .orElseThrow(() -> new IllegalStateException("No account for " + email));
    }

    private static String create(RealmResource realm, String email) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(email);
        user.setEmail(email);
        user.setEnabled(true);
        user.setRequiredActions(List.of("UPDATE_PASSWORD", "VERIFY_EMAIL"));
        try (Response response = realm.users().create(user)) {
            if (response.getStatus() >= 300 && response.getStatus() != 409) {
                throw new IllegalStateException(
                        "Creating the account of " + email + " failed: " + response.getStatus());
            }
        }
        return realm.users().searchByEmail(email, true).get(0).getId();
    }
}
