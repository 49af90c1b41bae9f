package org.creativelabs.core.indicators;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.creativelabs.core.tenancy.LabDirectory;
import org.creativelabs.realm.ServiceClients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;

/**
 * Delivers each lab's outbox to tenant-admin's read model: a pass every few seconds, each lab in its own binding, one
 * lab at a time; entries go in order, in batches of 250 (at most about 45 KB: tenant-admin takes bodies of up to 64 KB),
 * and the lab records what tenant-admin says it has applied. A pass
 * that fails (tenant-admin down or restarting) leaves the lab's entries where they are for the next pass, so nothing
 * is lost; tenant-admin applies each entry once by lab and number, so nothing counts twice when a reply is lost or two
 * replicas deliver the same entries.
 */
@Component
@ConditionalOnWebApplication
@ConditionalOnExpression("'${platform.tenant-admin-url:}' != ''")
@EnableScheduling
class IndicatorRelay {

    private static final Logger log = LoggerFactory.getLogger(IndicatorRelay.class);

    record Delivery(List<IndicatorOutbox.Entry> entries) {}

    record Applied(long appliedSeq) {}

    private final LabDirectory labs;
    private final IndicatorOutbox outbox;
    private final TransactionTemplate transaction;
    private final TransactionTemplate read;
    private final RestClient tenantAdmin;
    private final int batchSize;

    IndicatorRelay(
            LabDirectory labs,
            IndicatorOutbox outbox,
            PlatformTransactionManager transactions,
            ClientRegistrationRepository registrations,
            OAuth2AuthorizedClientService clients,
            @Value("${platform.tenant-admin-url}") String tenantAdminUrl,
            @Value("${platform.indicators.batch-size:250}") int batchSize) {
        this.labs = labs;
        this.outbox = outbox;
        this.transaction = new TransactionTemplate(transactions);
        this.read = new TransactionTemplate(transactions);
        this.read.setReadOnly(true);
        this.tenantAdmin = ServiceClients.restClient(
                registrations, clients, "platform-core", tenantAdminUrl, Duration.ofSeconds(30));
        this.batchSize = batchSize;
    }

    @Scheduled(
            fixedDelayString = "${platform.indicators.relay-interval:10s}",
            initialDelayString = "${platform.indicators.relay-interval:10s}")
    void deliverAll() {
        AtomicLong delivered = new AtomicLong();
        labs.forEachServingLab("Indicator delivery", () -> delivered.addAndGet(deliverCurrentLab()));
        if (delivered.get() > 0) {
            log.info("Delivered {} indicator entries to tenant-admin", delivered.get());
        }
    }

    /** Delivers the bound lab's pending entries; returns how many tenant-admin newly holds. */
    long deliverCurrentLab() {
        long total = 0;
        while (true) {
            List<IndicatorOutbox.Entry> pending = read.execute(status -> {
                long delivered = outbox.deliveredSeq();
                return delivered >= outbox.lastSeq() ? List.of() : outbox.after(delivered, batchSize);
            });
            if (pending.isEmpty()) {
                return total;
            }
            Applied applied = tenantAdmin
                    .post()
                    .uri(
                            "/internal/indicators/labs/{labId}",
                            labs.current().orElseThrow().id())
                    .body(new Delivery(pending))
                    .retrieve()
                    .body(Applied.class);
            transaction.executeWithoutResult(status -> outbox.delivered(applied.appliedSeq()));
            if (applied.appliedSeq() < pending.get(pending.size() - 1).seq()) {
                // tenant-admin holds less than was sent (a gap, or it was restored): the next pass resends from there.
                return total;
            }
            total += pending.size();
        }
    }
}
