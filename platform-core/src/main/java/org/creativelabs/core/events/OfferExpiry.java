package org.creativelabs.core.events;

import java.time.Instant;
import org.creativelabs.core.tenancy.LabDirectory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Offers whose claim window has passed go to the next in line even when nobody touches the event: a pass every minute,
 * each lab in its own binding and transaction.
 */
@Component
@ConditionalOnWebApplication
class OfferExpiry {

    private final LabDirectory labs;
    private final RegistrationRepository registrations;
    private final RegistrationDesk desk;
    private final TransactionTemplate transaction;

    OfferExpiry(
            LabDirectory labs,
            RegistrationRepository registrations,
            RegistrationDesk desk,
            PlatformTransactionManager transactions) {
        this.labs = labs;
        this.registrations = registrations;
        this.desk = desk;
        this.transaction = new TransactionTemplate(transactions);
    }

    @Scheduled(fixedDelayString = "${platform.events.offer-expiry-interval:60s}", initialDelay = 30_000)
    void settleAll() {
        labs.forEachServingLab(
                "Waitlist offers",
                () -> transaction.executeWithoutResult(status -> {
                    Instant now = Instant.now();
                    for (var eventId : registrations.eventsWithLapsedOffers(now)) {
                        desk.settle(desk.lock(eventId), now);
                    }
                }));
    }
}
