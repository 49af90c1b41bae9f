package org.creativelabs.core.lifecycle;

import org.creativelabs.core.tenancy.LabDirectory;
import org.creativelabs.core.web.IdempotencyKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Scheduled clean-up: inside every lab, each lab in its own binding, expired {@code Idempotency-Key} records are deleted
 * hourly; exports of deleted labs are purged once their retention runs out, each under its manifest row's lock.
 * Running it on every replica is harmless: the deletes are idempotent.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@EnableScheduling
class LabHousekeeping {

    private static final Logger log = LoggerFactory.getLogger(LabHousekeeping.class);

    private final LabDirectory labs;
    private final IdempotencyKeys keys;
    private final LabExports exports;

    LabHousekeeping(LabDirectory labs, IdempotencyKeys keys, LabExports exports) {
        this.labs = labs;
        this.keys = keys;
        this.exports = exports;
    }

    @Scheduled(
            fixedDelayString = "${platform.idempotency.cleanup-interval:1h}",
            initialDelayString = "${platform.idempotency.cleanup-interval:1h}")
    void deleteExpiredKeys() {
        int[] deleted = {0};
        int labCount = labs.forEachServingLab("Idempotency-Key clean-up", () -> deleted[0] += keys.deleteExpired());
        log.info("Idempotency-Key clean-up: {} expired keys deleted in {} labs", deleted[0], labCount);
    }

    /** Exports of deleted labs whose retention ran out (each purge is recorded in {@code exports.lab_export_event}). */
    @Scheduled(
            fixedDelayString = "${platform.exports.purge-interval:1h}",
            initialDelayString = "${platform.exports.purge-interval:1h}")
    void purgeExpiredExports() {
        int purged = exports.purgeExpired();
        if (purged > 0) {
            log.info("Purged {} lab exports past their retention", purged);
        }
    }
}
