package org.creativelabs.core.members;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.creativelabs.core.tenancy.LabDirectory;
import org.creativelabs.realm.ServiceClients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.client.RestClient;

/**
 * Tells tenant-admin, after the change commits, that a lab's memberships changed, so it mirrors them into the lab's
 * Keycloak organization at once. Best effort, off the request thread: a report that is lost is caught up by
 * tenant-admin's periodic reconciliation. The report carries the lab's id only, never a person.
 */
@Component
public class MembershipReports {

    private static final Logger log = LoggerFactory.getLogger(MembershipReports.class);

    record Changed(UUID labId) {}

    private final ApplicationEventPublisher events;
    private final LabDirectory labs;
    private final RestClient tenantAdmin;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "membership-reports");
        thread.setDaemon(true);
        return thread;
    });

    MembershipReports(
            ApplicationEventPublisher events,
            LabDirectory labs,
            @Value("${platform.tenant-admin-url:}") String tenantAdminUrl,
            ObjectProvider<ClientRegistrationRepository> registrations,
            ObjectProvider<OAuth2AuthorizedClientService> clients) {
        this.events = events;
        this.labs = labs;
        this.tenantAdmin = tenantAdminUrl.isBlank()
                ? null
                : ServiceClients.restClient(
                        registrations.getObject(),
                        clients.getObject(),
                        "platform-core",
                        tenantAdminUrl,
                        Duration.ofSeconds(30));
    }

    /** Within the changing transaction: the current lab's memberships changed. */
    public void changed() {
        events.publishEvent(new Changed(labs.current().orElseThrow().id()));
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void report(Changed change) {
        if (tenantAdmin == null) {
            return;
        }
        sender.execute(() -> {
            try {
                tenantAdmin
                        .post()
                        .uri("/internal/labs/{labId}/membership-changed", change.labId())
                        .retrieve()
                        .toBodilessEntity();
            } catch (RuntimeException e) {
                log.info(
                        "Could not tell tenant-admin about lab {}'s memberships (its reconciliation catches up): {}",
                        change.labId(),
                        e.toString());
            }
        });
    }
}
