package org.creativelabs.devstack.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Issue 12, must-show 5, as a benchmark (never a test): UNDP's regions-side-by-side view served with 10 labs of
 * realistic history and then with 1000, p95 of each and their ratio (the read model rolls labs up by region, so the
 * cost should not follow the number of labs), and the time tenant-admin takes to apply 10,000 outbox entries. Labs are
 * registered straight into tenant-admin's registry (they need no schema: their history is delivered to tenant-admin's
 * real delivery endpoint as platform-core's relay does, in batches of 250, with platform-core's own service token).
 * Arguments: tenant-admin URL, Keycloak URL, demo password, tenant-admin's JDBC URL and login, platform-core's client
 * secret, number of labs, report file.
 */
public final class IndicatorsBenchmark {

    static final List<String> REGIONS = List.of(
            "Osh",
            "Jalal-Abad region",
            "Batken region",
            "Naryn region",
            "Talas region",
            "Issyk-Kul region",
            "Chuy region",
            "Bishkek",
            "Osh region");
    static final List<String> GENDERS =
            List.of("woman", "woman", "woman", "woman", "woman", "man", "another", "not-stated");
    static final List<String> BANDS = List.of("14-17", "18-24", "18-24", "25-28", "29-35", "36+", "not-stated");
    static final int YEAR = 2026;

    private static final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String admin;
    private final String keycloak;
    private final Random random = new Random(12);
    private int registered;

    private IndicatorsBenchmark(String admin, String keycloak) {
        this.admin = admin;
        this.keycloak = keycloak;
    }

    record Latency(double p50, double p95, int requests, int bytes) {}

    public static void main(String[] args) throws Exception {
        IndicatorsBenchmark bench = new IndicatorsBenchmark(args[0], args[1]);
        String password = args[2];
        int labs = Integer.parseInt(args[6]);
        Path report = Path.of(args[7]);
        String viewer = BenchTokens.person(args[1], "undp.viewer@example.org", password);
        String service = BenchTokens.service(args[1], "platform-core", args[5]);
        try (Connection db = DriverManager.getConnection(args[3], args[4], "")) {
            long started = System.nanoTime();
            int entries = bench.addLabs(db, service, 10);
            System.out.printf("bench: 10 labs, %d entries delivered in %d ms%n", entries, millis(started));
            Latency ten = bench.measure(viewer, API);
            System.out.printf("bench: 10 labs: p50 %.2f ms, p95 %.2f ms%n", ten.p50(), ten.p95());
            Latency tenPage = bench.measure(viewer, PAGE);
            System.out.printf(
                    "bench: 10 labs, dashboard page: p50 %.2f ms, p95 %.2f ms%n", tenPage.p50(), tenPage.p95());

            started = System.nanoTime();
            entries = bench.addLabs(db, service, labs - 10);
            long deliverMillis = millis(started);
            System.out.printf(
                    "bench: %d more labs, %d entries delivered in %d ms%n", labs - 10, entries, deliverMillis);
            viewer = BenchTokens.person(args[1], "undp.viewer@example.org", password);
            Latency thousand = bench.measure(viewer, API);
            System.out.printf("bench: %d labs: p50 %.2f ms, p95 %.2f ms%n", labs, thousand.p50(), thousand.p95());
            Latency thousandPage = bench.measure(viewer, PAGE);
            System.out.printf(
                    "bench: %d labs, dashboard page: p50 %.2f ms, p95 %.2f ms%n",
                    labs, thousandPage.p50(), thousandPage.p95());

            service = BenchTokens.service(args[1], "platform-core", args[5]);
            UUID one = bench.register(db);
            List<Map<String, Object>> tenThousand = new ArrayList<>();
            while (tenThousand.size() < 10_000) {
                tenThousand.addAll(bench.history(tenThousand.size()));
            }
            started = System.nanoTime();
            bench.deliver(service, one, tenThousand.subList(0, 10_000));
            long applyMillis = millis(started);
            System.out.printf("bench: 10,000 entries applied in %d ms%n", applyMillis);

            double ratio = thousand.p95() / ten.p95();
            String table = """
                    # Indicators: regions side by side with 10 and with %1$d labs

                    %2$s; JVMs: %3$s. Each lab has %4$d months of history (residents by gender and age band,
                    network by gender, bookings and booked minutes); %5$d regions. GET /api/indicators?year=%6$d as UNDP's
                    viewer, one request at a time, 3000 warm-up then 2000 measured, each phase.

                    | | 10 labs | %1$d labs | ratio |
                    |---|---|---|---|
                    | p50 | %7$.2f ms | %8$.2f ms | %9$.2f |
                    | p95 | %10$.2f ms | %11$.2f ms | **%12$.2f** (goal ≤ 1.2) |
                    | response | %13$d bytes | %14$d bytes | |
                    | UNDP dashboard page (GET /undp/, HTML), p95 | %20$.2f ms | %21$.2f ms | **%22$.2f** |
                    | page | %23$d bytes | %24$d bytes | |

                    - 10,000 outbox entries applied (40 deliveries of 250, as the relay sends them, one lab): %15$d ms (%16$.0f entries/s).
                    - %17$d entries for %18$d labs delivered in %19$d ms.
                    """.formatted(
                            labs,
                            LocalDate.now(),
                            System.getenv().getOrDefault("BENCH_JVM", "launcher defaults"),
                            35,
                            REGIONS.size(),
                            YEAR,
                            ten.p50(),
                            thousand.p50(),
                            thousand.p50() / ten.p50(),
                            ten.p95(),
                            thousand.p95(),
                            ratio,
                            ten.bytes(),
                            thousand.bytes(),
                            applyMillis,
                            10_000 * 1000.0 / applyMillis,
                            entries,
                            labs - 10,
                            deliverMillis,
                            tenPage.p95(),
                            thousandPage.p95(),
                            thousandPage.p95() / tenPage.p95(),
                            tenPage.bytes(),
                            thousandPage.bytes());
            Files.writeString(report, table);
            System.out.println(table);
        }
    }

    private int addLabs(Connection db, String service, int count) throws Exception {
        int entries = 0;
        for (int i = 0; i < count; i++) {
            UUID lab = register(db);
            List<Map<String, Object>> history = history(0);
            deliver(service, lab, history);
            entries += history.size();
        }
        return entries;
    }

    private UUID register(Connection db) throws Exception {
        UUID id = UUID.randomUUID();
        int n = registered++;
        try (PreparedStatement insert =
                db.prepareStatement("INSERT INTO lab (id, slug, display_name, region, status, languages)"
                        + " VALUES (?, ?, ?, ?, 'ACTIVE', '{ky,ru}')")) {
            insert.setObject(1, id);
            insert.setString(2, "bench-" + Long.toString(System.nanoTime() % 100_000_000L, 36) + "-" + n);
            insert.setString(3, "Bench lab " + n);
            insert.setString(4, REGIONS.get(n % REGIONS.size()));
            insert.executeUpdate();
        }
        return id;
    }

    /** 35 months of a lab's outbox (January 2024 to November 2026), numbered after {@code after}. */
    private List<Map<String, Object>> history(int after) {
        List<Map<String, Object>> entries = new ArrayList<>();
        LocalDate month = LocalDate.of(YEAR - 2, 1, 1);
        for (int m = 0; m < 35; m++, month = month.plusMonths(1)) {
            Map<String, Long> residents = new TreeMap<>();
            for (int r = 0; r < 4 + random.nextInt(9); r++) {
                residents.merge(
                        GENDERS.get(random.nextInt(GENDERS.size())) + "|" + BANDS.get(random.nextInt(BANDS.size())),
                        1L,
                        Long::sum);
            }
            for (var cell : residents.entrySet()) {
                String[] key = cell.getKey().split("\\|");
                entries.add(entry(after + entries.size() + 1, "residents.new", month, key[0], key[1], cell.getValue()));
            }
            for (String gender : List.of("woman", "man", "not-stated")) {
                entries.add(
                        entry(after + entries.size() + 1, "network.new", month, gender, "", 1 + random.nextInt(20)));
            }
            int bookings = 20 + random.nextInt(80);
            entries.add(entry(after + entries.size() + 1, "bookings", month, "", "", bookings));
            entries.add(entry(after + entries.size() + 1, "booked-minutes", month, "", "", bookings * 90L));
        }
        return entries;
    }

    private static Map<String, Object> entry(
            int seq, String indicator, LocalDate period, String gender, String band, long delta) {
        return Map.of(
                "seq", seq,
                "indicator", indicator,
                "period", period.toString(),
                "gender", gender,
                "ageBand", band,
                "delta", delta);
    }

    private void deliver(String service, UUID lab, List<Map<String, Object>> entries) throws Exception {
        for (int from = 0; from < entries.size(); from += 250) {
            List<Map<String, Object>> batch = entries.subList(from, Math.min(entries.size(), from + 250));
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(admin + "/internal/indicators/labs/" + lab))
                            .header("Authorization", "Bearer " + service)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(json(batch)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("delivery answered " + response.statusCode() + ": " + response.body());
            }
        }
    }

    private static final String API = "/api/indicators?year=" + YEAR;
    /** UNDP's dashboard as its page: the same view, rendered (charts are drawn in the browser from its tables). */
    private static final String PAGE = "/undp/?year=" + YEAR;

    private Latency measure(String viewer, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(admin + path))
                .header("Authorization", "Bearer " + viewer)
                .build();
        int bytes = 0;
        // Long enough for tenant-admin's JIT to settle (one core): the first phase must not pay for its warm-up.
        for (int i = 0; i < 3000; i++) {
            bytes = http.send(request, HttpResponse.BodyHandlers.ofString())
                    .body()
                    .length();
        }
        double[] millis = new double[2000];
        for (int i = 0; i < millis.length; i++) {
            long t = System.nanoTime();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            millis[i] = (System.nanoTime() - t) / 1e6;
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the view answered " + response.statusCode() + ": " + response.body());
            }
        }
        Arrays.sort(millis);
        return new Latency(millis[millis.length / 2], millis[millis.length * 95 / 100], millis.length, bytes);
    }

    private static String json(List<Map<String, Object>> entries) {
        StringBuilder out = new StringBuilder("{\"entries\":[");
        for (int i = 0; i < entries.size(); i++) {
            Map<String, Object> e = entries.get(i);
            out.append(i == 0 ? "" : ",")
                    .append("{\"seq\":")
                    .append(e.get("seq"))
                    .append(",\"indicator\":\"")
                    .append(e.get("indicator"))
                    .append("\",\"period\":\"")
                    .append(e.get("period"))
                    .append("\",\"gender\":\"")
                    .append(e.get("gender"))
                    .append("\",\"ageBand\":\"")
                    .append(e.get("ageBand"))
                    .append("\",\"delta\":")
                    .append(e.get("delta"))
                    .append('}');
        }
        return out.append("]}").toString();
    }

    private static long millis(long since) {
        return (System.nanoTime() - since) / 1_000_000;
    }
}
