package org.creativelabs.devstack.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.creativelabs.devstack.KeycloakServer;
import org.creativelabs.devstack.KeycloakUsers;
import org.creativelabs.realm.CreativeLabsRealm;
import org.keycloak.admin.client.Keycloak;

/**
 * Issue 16, figures 2, 4, 5 and 6, in one run over one fleet (never a test): labs are provisioned through tenant-admin
 * (organization and invitation included) up to 10, then up to {@code labs}.
 * <ul>
 *   <li>4, provisioning: the median time to ACTIVE of labs opened one at a time with 10 labs present and with 1000;
 *   <li>6, memory: platform-core's resident memory after serving 10 labs and after serving 1000, and the largest
 *       PostgreSQL backend's private memory;
 *   <li>2, tenant switching: the spaces list read with requests spread over every lab vs all on one, alternating
 *       rounds of wrk;
 *   <li>5, fleet migration: a pass with nothing to migrate, and a real one-changeset migration (the newest lab change
 *       set rolled back in every schema as its own rollback does) with 1 worker and with 2, alternating.
 * </ul>
 * Arguments: tenant-admin URL, platform-core URL, Keycloak URL, the launcher's dev.env, number of labs, a superuser
 * JDBC URL of the platform's database, report file.
 */
public final class FleetBenchmark {

    private static final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern JOB = Pattern.compile("\"id\":\"([^\"]+)\"");
    private static final Pattern STATUS = Pattern.compile("\"status\":\"([A-Z_]+)\"");
    private static final String MEMBER = "fleet.member@example.org";
    /** The newest lab change set, and the one before it: what a real one-changeset migration re-applies. */
    private static final String NEWEST = "0009-create-indicator-outbox";

    private static final String PREVIOUS = "0008-create-plans-and-booking-series";

    private final String admin;
    private final String core;
    private final String keycloak;
    private final Properties secrets = new Properties();
    private int serial;
    private String coordinatorToken;
    private long coordinatorAt;

    private FleetBenchmark(String admin, String core, String keycloak, Path devEnv) throws IOException {
        this.admin = admin;
        this.core = core;
        this.keycloak = keycloak;
        try (var reader = Files.newBufferedReader(devEnv)) {
            secrets.load(reader);
        }
    }

    public static void main(String[] args) throws Exception {
        FleetBenchmark bench = new FleetBenchmark(args[0], args[1], args[2], Path.of(args[3]));
        int labs = Integer.parseInt(args[4]);
        String superuser = args[5];
        Path report = Path.of(args[6]);

        bench.provisionUpTo(10);
        List<Long> withTen = bench.timeToActive(8);
        String subject = bench.member();
        List<String> slugs = bench.seatEverywhere(subject);
        bench.wrk(slugs.subList(0, Math.min(10, slugs.size())), 20);
        long rssTen = platformCoreRss();

        long started = System.nanoTime();
        bench.provisionUpTo(labs);
        long fleetSeconds = (System.nanoTime() - started) / 1_000_000_000;
        List<Long> withThousand = bench.timeToActive(8);
        slugs = bench.seatEverywhere(subject);
        List<Double> spread = new ArrayList<>();
        List<Double> one = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            spread.add(bench.wrk(slugs, 15));
            one.add(bench.wrk(List.of(slugs.get(0)), 15));
        }
        long rssThousand = platformCoreRss();
        long largestBackend = largestPostgresBackendKb();

        String noOp = bench.migrate(1);
        List<Long> oneWorker = new ArrayList<>();
        List<Long> twoWorkers = new ArrayList<>();
        List<String> migrated = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            for (int workers = 1; workers <= 2; workers++) {
                int rolledBack = rollBackNewestChangeSet(superuser);
                String result = bench.migrate(workers);
                migrated.add(workers + " worker(s), " + rolledBack + " schemas rolled back: migrated "
                        + field(result, "migrated") + ", skipped " + field(result, "skipped") + ", failed "
                        + field(result, "failed") + " in " + field(result, "millis") + " ms");
                (workers == 1 ? oneWorker : twoWorkers).add(Long.parseLong(field(result, "millis")));
            }
        }

        double switching = median(spread) / median(one);
        double provisioning = median(withThousand) / (double) median(withTen);
        double memory = rssThousand / (double) rssTen;
        double speedUp = median(oneWorker) / (double) median(twoWorkers);
        String table = """
                # Fleet: provisioning, tenant switching, memory and migration with %1$d labs

                %2$s; JVMs: %3$s. %4$d labs active at the end (%5$d s to provision the fleet from 10).

                | figure | result | goal |
                |---|---|---|
                | 4. median time to ACTIVE, %1$d labs present / 10 (8 labs each, one at a time) | **%6$.2f** (%7$d vs %8$d ms) | ratio ≤ 1.2, each ≤ 1 s |
                | 2. spaces list spread over %9$d labs / all on one (wrk, 8 connections, 3 alternating rounds of 15 s) | **%10$.2f** (%11$.0f vs %12$.0f req/s) | ≥ 0.90 |
                | 6. platform-core resident memory after serving %9$d labs / 10 | **%13$.2f** (%14$d vs %15$d MB) | ≤ 1.3 |
                | 6. largest PostgreSQL backend, private memory (RssAnon) | %16$d MB | bounded |
                | 5. fleet pass with nothing to migrate | %17$s ms | ≤ 5000 ms |
                | 5. one-changeset migration of every schema, 2 workers vs 1 (speed-up) | **%18$.2f** (%19$d vs %20$d ms, medians of 2) | ≥ 1.6, 0 skipped |

                Time to ACTIVE with 10 labs: %21$s ms; with %1$d: %22$s ms.
                Requests/s spread: %23$s; on one lab: %24$s.
                Migrations: %25$s
                """.formatted(
                        labs,
                        LocalDate.now(),
                        System.getenv().getOrDefault("BENCH_JVM", "launcher defaults"),
                        slugs.size(),
                        fleetSeconds,
                        provisioning,
                        median(withThousand),
                        median(withTen),
                        slugs.size(),
                        switching,
                        median(spread),
                        median(one),
                        memory,
                        rssThousand / 1024,
                        rssTen / 1024,
                        largestBackend / 1024,
                        field(noOp, "millis"),
                        speedUp,
                        median(twoWorkers),
                        median(oneWorker),
                        withTen,
                        withThousand,
                        spread,
                        one,
                        String.join("; ", migrated));
        Files.writeString(report, table);
        System.out.println(table);
    }

    /** Submits labs until {@code count} are active, then waits for all of them. */
    private void provisionUpTo(int count) throws Exception {
        int active = activeSlugs().size();
        List<String> jobs = new ArrayList<>();
        for (int i = active; i < count; i++) {
            jobs.add(submit());
        }
        for (String job : jobs) {
            awaitDone(job, Duration.ofMinutes(40));
        }
        System.out.printf("bench: %d labs active%n", activeSlugs().size());
    }

    /** Labs opened one at a time: milliseconds from the request to ACTIVE, each. */
    private List<Long> timeToActive(int labs) throws Exception {
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < labs; i++) {
            long t = System.nanoTime();
            awaitDone(submit(), Duration.ofMinutes(2));
            times.add((System.nanoTime() - t) / 1_000_000);
        }
        System.out.printf("bench: time to ACTIVE %s ms%n", times);
        return times;
    }

    private String submit() throws Exception {
        String slug = "fleet-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36) + "-" + serial++;
        String body = ("{\"slug\":\"%s\",\"name\":\"Fleet lab %s\",\"region\":\"Naryn region\",\"languages\":[\"ky\"],"
                        + "\"adminEmail\":\"%s@example.org\"}")
                .formatted(slug, slug, slug);
        HttpResponse<String> accepted = send(
                HttpRequest.newBuilder(URI.create(admin + "/api/labs"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)),
                coordinator());
        if (accepted.statusCode() != 202) {
            throw new IllegalStateException("provisioning answered " + accepted.statusCode() + ": " + accepted.body());
        }
        Matcher job = JOB.matcher(accepted.body());
        job.find();
        return job.group(1);
    }

    private void awaitDone(String job, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> state =
                    send(HttpRequest.newBuilder(URI.create(admin + "/api/provisioning/jobs/" + job)), coordinator());
            // The job's own status comes first; its steps' follow (a step may fail once and be retried).
            Matcher status = STATUS.matcher(state.body());
            String current = status.find() ? status.group(1) : "";
            if (current.equals("SUCCEEDED")) {
                return;
            }
            if (current.equals("FAILED")) {
                throw new IllegalStateException("job " + job + " failed: " + state.body());
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("job " + job + " not done in " + within);
    }

    private List<String> activeSlugs() throws Exception {
        String body = send(HttpRequest.newBuilder(URI.create(admin + "/api/registry/labs")), coordinator())
                .body();
        List<String> slugs = new ArrayList<>();
        Matcher lab = Pattern.compile("\"slug\":\"([^\"]+)\"[^}]*\"status\":\"ACTIVE\"")
                .matcher(body);
        while (lab.find()) {
            slugs.add(lab.group(1));
        }
        return slugs;
    }

    /** One person for the reads, with a password: a resident of every lab (seated through platform-core). */
    private String member() {
        try (Keycloak keycloakAdmin = Keycloak.getInstance(
                keycloak,
                "master",
                KeycloakServer.ADMIN_USER,
                secrets.getProperty("KEYCLOAK_ADMIN_PASSWORD"),
                "admin-cli")) {
            return KeycloakUsers.ensure(
                    keycloakAdmin, CreativeLabsRealm.NAME, MEMBER, secrets.getProperty("DEMO_PASSWORD"));
        }
    }

    /** Seats the reader as a resident of every serving lab; returns their slugs. */
    private List<String> seatEverywhere(String subject) throws Exception {
        String token =
                BenchTokens.service(keycloak, "platform-provisioner", secrets.getProperty("PROVISIONER_CLIENT_SECRET"));
        String tenants = send(HttpRequest.newBuilder(URI.create(core + "/internal/tenants")), token)
                .body();
        Matcher lab = Pattern.compile("\"labId\":\"([^\"]+)\",\"slug\":\"([^\"]+)\"[^}]*\"serving\":true")
                .matcher(tenants);
        List<String> seated = new ArrayList<>();
        while (lab.find()) {
            HttpResponse<String> response = send(
                    HttpRequest.newBuilder(URI.create(core + "/internal/tenants/" + lab.group(1) + "/members"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"subject\":\"" + subject + "\",\"roles\":[\"resident\"]}")),
                    token);
            if (response.statusCode() < 300) {
                seated.add(lab.group(2));
            }
        }
        System.out.printf("bench: the reader is a resident of %d labs%n", seated.size());
        return seated;
    }

    /** wrk for {@code seconds}, 8 connections, each request the next lab's spaces list; returns requests per second. */
    private double wrk(List<String> slugs, int seconds) throws Exception {
        Path paths = Files.createTempFile("fleet-paths", ".txt");
        List<String> shuffled = new ArrayList<>();
        for (String slug : slugs) {
            shuffled.add("/api/labs/" + slug + "/spaces");
        }
        Collections.shuffle(shuffled, new java.util.Random(seconds));
        Files.write(paths, shuffled);
        Path script = Files.createTempFile("fleet", ".lua");
        Files.writeString(script, """
                local paths = {}
                for line in io.lines("%s") do paths[#paths + 1] = line end
                local i = math.random(#paths)
                local header = { ["Authorization"] = "Bearer %s" }
                request = function()
                  i = i %% #paths + 1
                  return wrk.format("GET", paths[i], header)
                end
                """.formatted(paths, readerToken()));
        Process wrk = new ProcessBuilder("wrk", "-t2", "-c8", "-d" + seconds + "s", "-s", script.toString(), core)
                .redirectErrorStream(true)
                .start();
        String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        wrk.waitFor();
        Matcher rate = Pattern.compile("Requests/sec:\\s+([0-9.]+)").matcher(out);
        Matcher errors = Pattern.compile("Non-2xx or 3xx responses: (\\d+)").matcher(out);
        if (!rate.find() || errors.find()) {
            throw new IllegalStateException("wrk over " + slugs.size() + " labs: " + out);
        }
        double rps = Double.parseDouble(rate.group(1));
        System.out.printf("bench: %d labs, %.0f req/s%n", slugs.size(), rps);
        return rps;
    }

    private String migrate(int workers) throws Exception {
        String token =
                BenchTokens.service(keycloak, "platform-provisioner", secrets.getProperty("PROVISIONER_CLIENT_SECRET"));
        HttpResponse<String> result = send(
                HttpRequest.newBuilder(URI.create(core + "/internal/tenants/migrate?parallelism=" + workers))
                        .POST(HttpRequest.BodyPublishers.noBody()),
                token);
        String summary = "migrated " + field(result.body(), "migrated") + ", skipped " + field(result.body(), "skipped")
                + ", failed " + field(result.body(), "failed") + ", busy " + field(result.body(), "busy") + " in "
                + field(result.body(), "millis") + " ms";
        System.out.printf("bench: fleet migration, %d worker(s): %s%n", workers, summary);
        if (!field(result.body(), "failed").equals("0")) {
            throw new IllegalStateException("a fleet migration failed: " + result.body());
        }
        return result.body();
    }

    /**
     * As a DBA would, in every lab schema: the newest change set's own rollback, its tracking row removed, the
     * catalog's recorded version set back; the next fleet pass then really migrates every schema.
     */
    private static int rollBackNewestChangeSet(String superuser) throws Exception {
        String rollback = """
                DROP TRIGGER booking_indicators ON %1$s.booking;
                DROP FUNCTION %1$s.booking_indicators();
                DROP TRIGGER membership_indicators ON %1$s.membership;
                DROP FUNCTION %1$s.membership_indicators();
                ALTER TABLE %1$s.membership DROP COLUMN network_since, DROP COLUMN resident_since;
                DROP FUNCTION %1$s.indicator_age_band(uuid);
                DROP FUNCTION %1$s.indicator_gender(uuid);
                DROP FUNCTION %1$s.indicator_fact(text, timestamptz, text, text, bigint);
                DROP TABLE %1$s.indicator_outbox;
                DROP TABLE %1$s.indicator_delivery;
                DROP TABLE %1$s.indicator_sequence;
                DELETE FROM %1$s.databasechangelog WHERE id = '%2$s';
                UPDATE core.lab_tenant SET schema_version = '%3$s' WHERE schema_name = '%1$s';
                """;
        List<String> schemas = new ArrayList<>();
        try (Connection db = DriverManager.getConnection(superuser);
                Statement st = db.createStatement()) {
            try (ResultSet rs = st.executeQuery(
                    "SELECT schema_name FROM core.lab_tenant WHERE archived_at IS NULL AND schema_version = '" + NEWEST
                            + "'")) {
                while (rs.next()) {
                    schemas.add(rs.getString(1));
                }
            }
            for (String schema : schemas) {
                st.execute(rollback.formatted(schema, NEWEST, PREVIOUS));
            }
        }
        return schemas.size();
    }

    private static long platformCoreRss() throws IOException {
        ProcessHandle process = ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains("platform-core.jar"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("platform-core is not running"));
        return statusKb(process.pid(), "VmRSS");
    }

    /** The largest private (anonymous) resident memory of any PostgreSQL process on this machine, in KB. */
    private static long largestPostgresBackendKb() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().orElse("").endsWith("postgres"))
                .mapToLong(p -> {
                    try {
                        return statusKb(p.pid(), "RssAnon");
                    } catch (IOException e) {
                        return 0;
                    }
                })
                .max()
                .orElse(0);
    }

    private static long statusKb(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return 0;
    }

    /** The coordinator's token, fetched again after a minute (a 5-minute token; Keycloak is not what is measured). */
    private String coordinator() throws Exception {
        if (coordinatorToken == null
                || System.nanoTime() - coordinatorAt > Duration.ofMinutes(1).toNanos()) {
            coordinatorToken =
                    BenchTokens.person(keycloak, "coordinator@example.org", secrets.getProperty("DEMO_PASSWORD"));
            coordinatorAt = System.nanoTime();
        }
        return coordinatorToken;
    }

    private String readerToken() throws Exception {
        return BenchTokens.person(keycloak, MEMBER, secrets.getProperty("DEMO_PASSWORD"));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, String token) throws Exception {
        return http.send(
                request.header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String field(String json, String name) {
        Matcher value = Pattern.compile("\"" + name + "\":(\\d+)").matcher(json);
        return value.find() ? value.group(1) : "?";
    }

    private static <T extends Comparable<T>> T median(List<T> values) {
        List<T> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
