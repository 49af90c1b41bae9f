package org.creativelabs.core.funding;

import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicInteger;
import org.creativelabs.core.tenancy.LabDirectory;
import org.creativelabs.core.tenancy.LabTimeZone;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reminds awardees of outcome reports due within two weeks or late, at most once a week per report: a pass every few
 * hours, each lab in its own binding and transaction (rows locked with SKIP LOCKED, so two replicas remind once).
 */
@Component
@ConditionalOnWebApplication
class ReportReminders {

    private static final Logger log = LoggerFactory.getLogger(ReportReminders.class);

    private final LabDirectory labs;
    private final Awards awards;
    private final LabTimeZone zone;
    private final TransactionTemplate transaction;

    ReportReminders(LabDirectory labs, Awards awards, LabTimeZone zone, PlatformTransactionManager transactions) {
        this.labs = labs;
        this.awards = awards;
        this.zone = zone;
        this.transaction = new TransactionTemplate(transactions);
    }

    @Scheduled(fixedDelayString = "${platform.funding.reminder-interval:6h}", initialDelay = 60_000)
    void remindAll() {
        AtomicInteger reminded = new AtomicInteger();
        labs.forEachServingLab(
                "Report reminders",
                () -> transaction.executeWithoutResult(status -> {
                    LocalDate today = LocalDate.now(zone.current());
                    reminded.addAndGet(awards.remind(today, today.plusDays(14)));
                }));
        if (reminded.get() > 0) {
            log.info("Reminded {} outcome reports", reminded.get());
        }
    }
}
