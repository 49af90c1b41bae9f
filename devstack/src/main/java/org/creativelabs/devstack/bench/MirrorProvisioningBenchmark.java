package org.creativelabs.devstack.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 10, finding 15, as a benchmark (never a test): with {@code labs} labs provisioned, how long a new lab takes to
 * reach ACTIVE while the organization mirror's periodic pass runs, against the same platform idle, measured in one run
 * in alternating rounds. The periodic pass (incremental: changed labs plus a sweep page) runs back to back during its
 * rounds, the worst case of its schedule; a coordinator's full pass over every lab is measured once as the contrast.
 * Expects the platform started by the launcher (the bench script does that) with the periodic pass switched off.
 * Arguments: tenant-admin URL, Keycloak URL, demo password, number of labs, report file.
 */
public final class MirrorProvisioningBenchmark {

    private static final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern FIELD = Pattern.compile("\"(id|status|labs)\":\"?([^\",}]+)\"?");

    private final String admin;
    private final String keycloak;
    private final String password;
    private String token;
    private long tokenAt;
    private int serial;

    private MirrorProvisioningBenchmark(String admin, String keycloak, String password) {
        this.admin = admin;
        this.keycloak = keycloak;
        this.password = password;
    }

    public static void main(String[] args) throws Exception {
        MirrorProvisioningBenchmark bench = new MirrorProvisioningBenchmark(args[0], args[1], args[2]);
        int labs = Integer.parseInt(args[3]);
        Path report = Path.of(args[4]);
        int rounds = 3;
        int perRound = 8;

        long started = System.nanoTime();
        int existing = bench.activeLabs();
        System.out.printf("bench: %d labs active; provisioning up to %d%n", existing, labs);
        List<String> jobs = new ArrayList<>();
        for (int i = existing; i < labs; i++) {
            jobs.add(bench.submit("fleet"));
        }
        List<Long> fleetTimes = new ArrayList<>();
        for (String job : jobs) {
            fleetTimes.add(bench.awaitDone(job, Duration.ofMinutes(30)));
        }
        long fleetSeconds = (System.nanoTime() - started) / 1_000_000_000;
        System.out.printf("bench: %d labs active after %d s%n", bench.activeLabs(), fleetSeconds);

        List<Long> idle = new ArrayList<>();
        List<Long> duringPass = new ArrayList<>();
        List<Integer> labsPerPass = new ArrayList<>();
        List<Long> passMillis = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            idle.addAll(bench.timeToActive(perRound));
            CompletableFuture<Void> passes = new CompletableFuture<>();
            Thread mirror = new Thread(
                    () -> {
                        while (!passes.isDone()) {
                            long t = System.nanoTime();
                            String result = bench.post("/api/identity/organization-mirror?changedOnly=true");
                            passMillis.add((System.nanoTime() - t) / 1_000_000);
                            labsPerPass.add(Integer.parseInt(field(result, "labs", "0")));
                        }
                    },
                    "bench-mirror");
            mirror.start();
            duringPass.addAll(bench.timeToActive(perRound));
            passes.complete(null);
            mirror.join();
        }
        // The contrast: a coordinator's full pass over every lab (what the periodic pass did before it was
        // incremental).
        long fullStarted = System.nanoTime();
        CompletableFuture<String> full =
                CompletableFuture.supplyAsync(() -> bench.post("/api/identity/organization-mirror"));
        Thread.sleep(2000);
        List<Long> duringFull = bench.timeToActive(perRound);
        String fullResult = full.get();
        long fullMillis = (System.nanoTime() - fullStarted) / 1_000_000;

        double ratio = median(duringPass) / median(idle);
        double fullRatio = median(duringFull) / median(idle);
        String table = """
                # Provisioning while the organization mirror runs (%s)

                Machine: %d cores, %d MB heap max for this harness; services: %s. %d labs active.

                | condition | labs provisioned | median time to ACTIVE (ms) | p90 (ms) | ratio to idle |
                |---|---|---|---|---|
                | idle (no mirror pass) | %d | %.0f | %.0f | 1.00 |
                | periodic pass running back to back (incremental: changed labs + sweep page) | %d | %.0f | %.0f | **%.2f** |
                | a coordinator's full pass over every lab | %d | %.0f | %.0f | %.2f |

                Periodic passes during the measurement: %d, median %.0f ms each, %s labs mirrored per pass (median).
                The full pass: %s labs in %d ms.
                The fleet: %d labs submitted at once, all ACTIVE after %d s (%.2f labs per second).
                """.formatted(
                        LocalDate.now(),
                        Runtime.getRuntime().availableProcessors(),
                        Runtime.getRuntime().maxMemory() >> 20,
                        System.getenv().getOrDefault("BENCH_JVM", "the launcher's capped JIT"),
                        bench.activeLabs(),
                        idle.size(),
                        median(idle),
                        percentile(idle, 0.9),
                        duringPass.size(),
                        median(duringPass),
                        percentile(duringPass, 0.9),
                        ratio,
                        duringFull.size(),
                        median(duringFull),
                        percentile(duringFull, 0.9),
                        fullRatio,
                        passMillis.size(),
                        medianOf(passMillis),
                        labsPerPass.isEmpty() ? "0" : String.valueOf(medianOfInts(labsPerPass)),
                        field(fullResult, "labs", "?"),
                        fullMillis,
                        fleetTimes.size(),
                        fleetSeconds,
                        fleetSeconds == 0 ? 0.0 : (double) fleetTimes.size() / fleetSeconds);
        Files.createDirectories(report.toAbsolutePath().getParent());
        Files.writeString(report, table);
        System.out.println(table);
        System.out.printf(
                "bench: time to ACTIVE while the periodic pass runs / idle = %.2f (goal: at most 1.2)%n", ratio);
    }

    /** Labs provisioned one after another; each one's time from the request to ACTIVE. */
    private List<Long> timeToActive(int count) throws Exception {
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            times.add(awaitDone(submit("timed"), Duration.ofMinutes(5)));
        }
        return times;
    }

    private String submit(String kind) throws Exception {
        String slug = "b" + kind.charAt(0) + "-" + Long.toString(System.currentTimeMillis() % 100_000_000, 36) + "-"
                + (serial++);
        String body =
                "{\"slug\":\"%s\",\"name\":\"Bench %s\",\"region\":\"Naryn region\",\"languages\":[\"ky\"],\"adminEmail\":\"%s@example.org\"}"
                        .formatted(slug, slug, slug);
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(admin + "/api/labs"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        if (response.statusCode() != 202) {
            throw new IllegalStateException("POST /api/labs: " + response.statusCode() + " " + response.body());
        }
        return field(response.body(), "id", null) + "|" + System.nanoTime();
    }

    /** Waits for the job; returns milliseconds from its request to the end. */
    private long awaitDone(String job, Duration timeout) throws Exception {
        String id = job.substring(0, job.indexOf('|'));
        long requested = Long.parseLong(job.substring(job.indexOf('|') + 1));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String status = field(
                    send(HttpRequest.newBuilder(URI.create(admin + "/api/provisioning/jobs/" + id))
                                    .GET())
                            .body(),
                    "status",
                    "");
            if (status.equals("SUCCEEDED")) {
                return (System.nanoTime() - requested) / 1_000_000;
            }
            if (status.equals("FAILED")) {
                throw new IllegalStateException("job " + id + " failed");
            }
            Thread.sleep(25);
        }
        throw new IllegalStateException("job " + id + " not done within " + timeout);
    }

    private int activeLabs() throws Exception {
        String body = send(HttpRequest.newBuilder(URI.create(admin + "/api/registry/labs"))
                        .GET())
                .body();
        Matcher active = Pattern.compile("\"status\":\"ACTIVE\"").matcher(body);
        int count = 0;
        while (active.find()) {
            count++;
        }
        return count;
    }

    private String post(String path) {
        try {
            return send(HttpRequest.newBuilder(URI.create(admin + path)).POST(HttpRequest.BodyPublishers.noBody()))
                    .body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private synchronized String token() throws IOException, InterruptedException {
        if (token == null
                || System.nanoTime() - tokenAt > Duration.ofSeconds(60).toNanos()) {
            token = BenchTokens.person(keycloak, "coordinator@example.org", password);
            tokenAt = System.nanoTime();
        }
        return token;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(
                request.header("Authorization", "Bearer " + token())
                        .timeout(Duration.ofMinutes(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String field(String json, String name, String fallback) {
        Matcher m = FIELD.matcher(json);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return m.group(2);
            }
        }
        return fallback;
    }

    private static double median(List<Long> values) {
        return percentile(values, 0.5);
    }

    private static double percentile(List<Long> values, double p) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get((int) Math.min(sorted.size() - 1, Math.round(p * (sorted.size() - 1))));
    }

    private static double medianOf(List<Long> values) {
        return values.isEmpty() ? 0 : median(values);
    }

    private static int medianOfInts(List<Integer> values) {
        List<Integer> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
