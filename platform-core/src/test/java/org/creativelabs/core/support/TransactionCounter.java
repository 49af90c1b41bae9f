package org.creativelabs.core.support;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.TransactionExecution;
import org.springframework.transaction.TransactionExecutionListener;

/**
 * Counts the transactions that requests begin (on the HTTP server's threads only, so background jobs do not count):
 * each is a lab binding and a round trip to PostgreSQL. Boot adds the listener to the transaction manager.
 */
public final class TransactionCounter implements TransactionExecutionListener {

    private static final AtomicInteger begun = new AtomicInteger();

    @Override
    public void afterBegin(TransactionExecution transaction, Throwable beginFailure) {
        if (beginFailure == null && Thread.currentThread().getName().startsWith("http-")) {
            begun.incrementAndGet();
        }
    }

    /** How many transactions the requests made by {@code work} began. */
    public static <T> int during(Supplier<T> work) {
        int before = begun.get();
        work.get();
        return begun.get() - before;
    }

    @TestConfiguration(proxyBeanMethods = false)
    public static class Configuration {
        @Bean
        TransactionCounter transactionCounter() {
            return new TransactionCounter();
        }
    }
}
