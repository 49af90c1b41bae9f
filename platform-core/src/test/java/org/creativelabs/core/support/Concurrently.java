package org.creativelabs.core.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/** Sends requests all at once (each on its own thread, released together) and returns their replies in order. */
public final class Concurrently {

    private Concurrently() {}

    public static List<Api.Reply> send(int requests, IntFunction<Callable<Api.Reply>> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Api.Reply>> futures = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                Callable<Api.Reply> call = request.apply(i);
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<Api.Reply> replies = new ArrayList<>();
            for (Future<Api.Reply> future : futures) {
                replies.add(future.get());
            }
            return replies;
        } finally {
            pool.shutdownNow();
        }
    }
}
