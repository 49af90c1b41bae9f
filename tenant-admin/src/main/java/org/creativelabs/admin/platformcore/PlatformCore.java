package org.creativelabs.admin.platformcore;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.creativelabs.realm.ServiceClients;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * platform-core's internal tenant API, called with tenant-admin's {@code platform-provisioner} client-credentials token
 * on every call. tenant-admin has no rights on platform-core's schemas: this is its only way in.
 */
@Component
public class PlatformCore {

    private final RestClient http;

    PlatformCore(
            ClientRegistrationRepository registrations,
            OAuth2AuthorizedClientService clients,
            @Value("${platform.platform-core-url}") String platformCoreUrl) {
        this.http = ServiceClients.restClient(
                registrations, clients, "platform-provisioner", platformCoreUrl, Duration.ofMinutes(2));
    }

    public void createTenant(UUID labId, String slug) {
        http.post()
                .uri("/internal/tenants")
                .body(Map.of("labId", labId, "slug", slug))
                .retrieve()
                .toBodilessEntity();
    }

    public void migrate(UUID labId) {
        JsonNode result = http.post()
                .uri("/internal/tenants/{id}/migrate", labId)
                .retrieve()
                .body(JsonNode.class);
        String outcome = result == null ? "none" : result.path("outcome").asString();
        // SKIPPED: already at the latest version, e.g. migrated before a crash of this instance; that is success.
        if (!outcome.equals("MIGRATED") && !outcome.equals("SKIPPED")) {
            throw new IllegalStateException("Migrating the lab's schema ended " + outcome + ": " + result);
        }
    }

    public void seat(UUID labId, String subject, List<String> roles) {
        http.post()
                .uri("/internal/tenants/{id}/members", labId)
                .body(Map.of("subject", subject, "roles", roles))
                .retrieve()
                .toBodilessEntity();
    }

    public JsonNode captureTemplate(UUID labId) {
        return http.get()
                .uri("/internal/tenants/{id}/template", labId)
                .retrieve()
                .body(JsonNode.class);
    }

    public void applyTemplate(UUID labId, Object template) {
        http.post()
                .uri("/internal/tenants/{id}/template", labId)
                .body(template)
                .retrieve()
                .toBodilessEntity();
    }

    /** The lab's indicator totals rebuilt from its own outbox, and the entry number they run through. */
    public JsonNode indicatorTotals(UUID labId) {
        return http.get()
                .uri("/internal/tenants/{id}/indicators/totals", labId)
                .retrieve()
                .body(JsonNode.class);
    }

    public void resume(UUID labId) {
        http.post().uri("/internal/tenants/{id}/resume", labId).retrieve().toBodilessEntity();
    }

    public void suspend(UUID labId) {
        http.post().uri("/internal/tenants/{id}/suspend", labId).retrieve().toBodilessEntity();
    }

    public void archive(UUID labId) {
        http.post().uri("/internal/tenants/{id}/archive", labId).retrieve().toBodilessEntity();
    }

    /** Exports the lab's data on platform-core's server; returns the manifest (table names and row counts, no content). */
    public JsonNode export(UUID labId) {
        return http.post()
                .uri("/internal/tenants/{id}/exports", labId)
                .retrieve()
                .body(JsonNode.class);
    }

    /** Replaces a lab's (not yet serving) data with an export's. */
    public void restore(UUID labId, String exportId) {
        http.post()
                .uri("/internal/tenants/{id}/restore", labId)
                .body(Map.of("exportId", exportId))
                .retrieve()
                .toBodilessEntity();
    }

    /** The Keycloak subjects with an active membership in the lab. */
    public List<String> activeMembers(UUID labId) {
        String[] subjects = http.get()
                .uri("/internal/tenants/{id}/members", labId)
                .retrieve()
                .body(String[].class);
        return subjects == null ? List.of() : List.of(subjects);
    }

    /** Every lab schema platform-core hosts, with its schema version and migration status. */
    public JsonNode tenants() {
        return http.get().uri("/internal/tenants").retrieve().body(JsonNode.class);
    }

    /** Migrates every lab (bounded parallelism in platform-core); per-lab results. */
    public JsonNode migrateAll(boolean onlyFailed) {
        return http.post()
                .uri("/internal/tenants/migrate?onlyFailed={only}", onlyFailed)
                .retrieve()
                .body(JsonNode.class);
    }

    /** Archives and drops the lab's schema and role; a lab platform-core does not know is already gone. */
    public void remove(UUID labId) {
        try {
            http.post().uri("/internal/tenants/{id}/archive", labId).retrieve().toBodilessEntity();
            http.delete().uri("/internal/tenants/{id}", labId).retrieve().toBodilessEntity();
        } catch (HttpClientErrorException e) {
            if (e.getStatusCode() != HttpStatus.NOT_FOUND) {
                throw e;
            }
        }
    }
}
