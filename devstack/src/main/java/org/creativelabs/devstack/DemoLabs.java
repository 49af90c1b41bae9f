package org.creativelabs.devstack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.creativelabs.realm.CreativeLabsRealm;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;

/**
 * The demo labs, opened the way a national coordinator opens any lab: through tenant-admin's provisioning API (schema,
 * organization, invited first admin, branding, starter template). Osh is seeded with spaces and plans by its lab admin
 * and captured as the lab-in-a-box template {@value #TEMPLATE}; Jalal-Abad, Batken and the Kochkor village lab open
 * with it. Each lab gets a demo admin and a demo resident (the login printed at start), and a first cohort of residents
 * so that UNDP's dashboard has figures: Osh 24, Jalal-Abad 12, Batken 8 and Kochkor 3 (a village lab's count, which the
 * dashboard suppresses). Osh's template also carries its programme (felt crafts, fashion and design, photography, SMM,
 * and a mentoring track) and its event formats. Every lab lists three open events of the coming weeks (an open day of felt crafts, an SMM talk,
 * a photography walk); Osh's open day has three visitors who joined the network without an account. Repeating it changes nothing (Idempotency-Keys, and the
 * template is captured again in place).
 */
record DemoLabs(HttpClient http, String coreUrl, String tenantAdminUrl, KeycloakServer keycloak, DevSecrets secrets) {

    static final String COORDINATOR = "coordinator@example.org";
    static final String UNDP_VIEWER = "undp.viewer@example.org";
    static final String TEMPLATE = "women-creative-lab";

    record Lab(String slug, String name, String region, List<String> languages, String template, int cohort) {

        String admin() {
            return slug + ".admin@example.org";
        }

        String resident() {
            return slug + ".resident@example.org";
        }

        /** The cohort's residents after the demo resident: {@code <lab>.resident-02@example.org} and on. */
        List<String> cohortResidents() {
            return java.util.stream.IntStream.rangeClosed(2, cohort)
                    .mapToObj(i -> "%s.resident-%02d@example.org".formatted(slug, i))
                    .toList();
        }
    }

    static final List<Lab> LABS = List.of(
            new Lab("osh", "Women Creative Lab Osh", "Osh", List.of("ky", "ru", "uz"), null, 24),
            new Lab(
                    "jalal-abad",
                    "Jalal-Abad Creative Lab",
                    "Jalal-Abad region",
                    List.of("ky", "ru", "uz"),
                    TEMPLATE,
                    12),
            new Lab("batken", "Batken Creative Lab", "Batken region", List.of("ky", "ru", "uz"), TEMPLATE, 8),
            new Lab("kochkor", "Kochkor Village Creative Lab", "Naryn region", List.of("ky", "ru"), TEMPLATE, 3));

    void seed() throws Exception {
        String realm = CreativeLabsRealm.NAME;
        String password = secrets.get("DEMO_PASSWORD");
        try (Keycloak admin = keycloak.admin()) {
            KeycloakUsers.ensure(admin, realm, COORDINATOR, password, CreativeLabsRealm.COORDINATOR);
            KeycloakUsers.ensure(admin, realm, UNDP_VIEWER, password, CreativeLabsRealm.UNDP_VIEWER);
            for (Lab lab : LABS) {
                // Accounts with the demo password; provisioning finds the admin's and still e-mails the invitation.
                KeycloakUsers.ensure(admin, realm, lab.admin(), password);
                KeycloakUsers.ensure(admin, realm, lab.resident(), password);
                for (String resident : lab.cohortResidents()) {
                    KeycloakUsers.ensure(admin, realm, resident, password);
                }
            }
        }
        String coordinator = userToken(COORDINATOR, password);
        for (Lab lab : LABS) {
            long started = System.nanoTime();
            String body =
                    ("{\"slug\":\"%s\",\"name\":\"%s\",\"region\":\"%s\",\"languages\":[%s],\"adminEmail\":\"%s\"%s}")
                            .formatted(
                                    lab.slug(),
                                    lab.name(),
                                    lab.region(),
                                    String.join(
                                            ",",
                                            lab.languages().stream()
                                                    .map(l -> "\"" + l + "\"")
                                                    .toList()),
                                    lab.admin(),
                                    lab.template() == null ? "" : ",\"template\":\"" + lab.template() + "\"");
            String job = send("POST", tenantAdminUrl + "/api/labs", coordinator, body, "demo-lab:" + lab.slug(), 202);
            String jobId = job.replaceAll("(?s).*?\"id\":\"([^\"]+)\".*", "$1");
            String labId = awaitActive(coordinator, jobId, lab.slug());
            String provisioner = provisionerToken();
            List<String> residents = java.util.stream.Stream.concat(
                            java.util.stream.Stream.of(lab.resident()), lab.cohortResidents().stream())
                    .toList();
            for (String subject : subjects(residents)) {
                send(
                        "POST",
                        coreUrl + "/internal/tenants/" + labId + "/members",
                        provisioner,
                        "{\"subject\":\"" + subject + "\",\"roles\":[\"resident\"]}",
                        null,
                        200,
                        201);
            }
            if (lab.template() == null) {
                seedOsh(userToken(lab.admin(), password));
                send(
                        "PUT",
                        tenantAdminUrl + "/api/templates/" + TEMPLATE,
                        coordinator,
                        "{\"fromLab\":\"" + lab.slug()
                                + "\",\"description\":\"Spaces, plans, programme and event formats of the Women Creative"
                                + " Lab in Osh\"}",
                        null,
                        200);
            }
            seedEvents(lab, userToken(lab.admin(), password));
            System.out.printf(
                    "devstack: demo lab %s is ACTIVE (%d ms)%n", lab.slug(), (System.nanoTime() - started) / 1_000_000);
        }
    }

    /** Osh's own spaces and plans; the other demo labs copy them as their starter template. */
    private void seedOsh(String adminToken) throws Exception {
        String[][] spaces = {
            {"Felt and textile studio", "STUDIO", "8", "Shyrdak and ala-kiyiz work tables, two looms"},
            {"Photo and video corner", "ROOM", "4", "Backdrops, lights and a camera kit"},
            {"Coworking desk 1", "DESK", "1", "By the window"},
            {"Coworking desk 2", "DESK", "1", "Near the kitchen"},
            {"Sewing machine", "EQUIPMENT", "1", "Industrial straight-stitch machine"}
        };
        for (String[] s : spaces) {
            String body = "{\"name\":\"%s\",\"kind\":\"%s\",\"capacity\":%s,\"description\":\"%s\"}"
                    .formatted(s[0], s[1], s[2], s[3]);
            send("POST", coreUrl + "/api/labs/osh/spaces", adminToken, body, "demo-space:" + s[0], 200, 201);
        }
        // Plans for the move to partial self-financing: residents rent space from their own income.
        String[][] plans = {
            {"Resident", "Studio and desk time for residents in the programme", "40", "0"},
            {"Graduate renting space", "For graduates renting space from their own income", "60", "1500"},
            {"Network member", "Drop-in time for ambassadors, mentors and the wider network", "8", "300"}
        };
        for (String[] p : plans) {
            String body = "{\"name\":\"%s\",\"description\":\"%s\",\"monthlyBookingHours\":%s,\"monthlyFeeKgs\":%s}"
                    .formatted(p[0], p[1], p[2], p[3]);
            send("POST", coreUrl + "/api/labs/osh/plans", adminToken, body, "demo-plan:" + p[0], 200, 201);
        }
        // The programme the seed post promises: courses in the creative fields of the labs, and mentoring.
        String[][] programs = {
            {
                "Felt crafts: shyrdak and ala-kiyiz",
                "COURSE",
                "DIRECT",
                "80",
                "From wool to a finished shyrdak: felting, patterns, natural dyes"
            },
            {"Fashion and design", "COURSE", "APPLICATION", "80", "Design, cutting and sewing a small collection"},
            {
                "Photography and video for makers",
                "COURSE",
                "DIRECT",
                "75",
                "Product photos and short videos with a phone"
            },
            {
                "SMM for small creative businesses",
                "COURSE",
                "APPLICATION",
                "80",
                "Instagram and Telegram shops, pricing, first sales"
            },
            {"Mentoring: first sales", "MENTORING", "APPLICATION", "80", "A mentor from the network for three months"}
        };
        for (String[] p : programs) {
            String body = ("{\"title\":\"%s\",\"kind\":\"%s\",\"enrolment\":\"%s\",\"completionPercent\":%s,"
                            + "\"description\":\"%s\"%s}")
                    .formatted(p[0], p[1], p[2], p[3], p[4], p[1].equals("MENTORING") ? ",\"mentorHoursCap\":12" : "");
            send("POST", coreUrl + "/api/labs/osh/programs", adminToken, body, "demo-program:" + p[0], 200, 201, 409);
        }
        // A seed-funding call with its rubric, for the residents' first business ideas.
        String call = ("{\"title\":\"Seed grants for first creative businesses\",\"budgetCeilingKgs\":50000,"
                        + "\"deadline\":\"%s\",\"criteria\":\"A business in the creative industries run by a resident\","
                        + "\"rubric\":[{\"name\":\"Business idea\",\"weight\":40},{\"name\":\"Budget\",\"weight\":30},"
                        + "{\"name\":\"Impact for women in the region\",\"weight\":30}]}")
                .formatted(java.time.Instant.now().plus(java.time.Duration.ofDays(60)));
        send("POST", coreUrl + "/api/labs/osh/funding-calls", adminToken, call, "demo-call:2027", 200, 201, 409);
        String[][] formats = {
            {"Open day", "The lab opens its doors: crafts on show, residents meet visitors", "180", "30", "5"},
            {"Open talk", "A talk by a practitioner, questions after", "120", "40", "3"},
            {"Workshop", "Hands-on, with materials provided", "180", "12", "2"}
        };
        for (String[] f : formats) {
            String body = ("{\"name\":\"%s\",\"description\":\"%s\",\"durationMinutes\":%s,\"capacity\":%s,"
                            + "\"maxGroupSize\":%s}")
                    .formatted(f[0], f[1], f[2], f[3], f[4]);
            send(
                    "POST",
                    coreUrl + "/api/labs/osh/event-formats",
                    adminToken,
                    body,
                    "demo-format:" + f[0],
                    200,
                    201,
                    409);
        }
    }

    /**
     * Open events of the coming weeks (once per title), and in Osh three visitors without accounts who registered for
     * the open day and joined the network.
     */
    private void seedEvents(Lab lab, String adminToken) throws Exception {
        String base = coreUrl + "/api/labs/" + lab.slug();
        String existing = send("GET", base + "/events?size=100", adminToken, null, null, 200);
        java.time.ZonedDateTime saturday = java.time.LocalDate.now(BISHKEK)
                .with(java.time.temporal.TemporalAdjusters.next(java.time.DayOfWeek.SATURDAY))
                .atTime(11, 0)
                .atZone(BISHKEK);
        String[][] events = {
            {"Open day: felt crafts, shyrdak and ala-kiyiz", "Open day", "0", "3", "30", "5"},
            {"SMM for small creative businesses: an open talk", "Open talk", "4", "2", "40", "3"},
            {"Photography walk through the old town", "Workshop", "7", "3", "12", "2"}
        };
        String openDay = null;
        for (String[] e : events) {
            if (existing.contains("\"title\":\"" + e[0] + "\"")) {
                continue;
            }
            java.time.ZonedDateTime starts = saturday.plusDays(Integer.parseInt(e[2]));
            String body = ("{\"title\":\"%s\",\"format\":\"%s\",\"startsAt\":\"%s\",\"endsAt\":\"%s\","
                            + "\"place\":\"%s\",\"capacity\":%s,\"maxGroupSize\":%s}")
                    .formatted(
                            e[0],
                            e[1],
                            starts.toInstant(),
                            starts.plusHours(Integer.parseInt(e[3])).toInstant(),
                            lab.name(),
                            e[4],
                            e[5]);
            String created = send("POST", base + "/events", adminToken, body, null, 201);
            if (e[1].equals("Open day")) {
                openDay = created.replaceAll("(?s).*?\"id\":\"([^\"]+)\".*", "$1");
            }
        }
        if (openDay != null && lab.slug().equals("osh")) {
            String[][] visitors = {
                {"Aizada", "+996 700 100 201", "1"},
                {"Gulnara", "gulnara@example.org", "0"},
                {"Bakyt", "+996 555 300 402", "2"}
            };
            for (String[] v : visitors) {
                send(
                        "POST",
                        base + "/public/events/" + openDay + "/registrations",
                        null,
                        ("{\"name\":\"%s\",\"contact\":\"%s\",\"companions\":%s,\"joinNetwork\":true,"
                                        + "\"consentWording\":\"network-2026\"}")
                                .formatted(v[0], v[1], v[2]),
                        null,
                        201);
            }
        }
    }

    private static final java.time.ZoneId BISHKEK = java.time.ZoneId.of("Asia/Bishkek");

    private String awaitActive(String coordinator, String jobId, String slug) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            String job = send("GET", tenantAdminUrl + "/api/provisioning/jobs/" + jobId, coordinator, null, null, 200);
            if (job.contains("\"status\":\"SUCCEEDED\"")) {
                return job.replaceAll("(?s).*?\"labId\":\"([^\"]+)\".*", "$1");
            }
            if (job.contains("\"status\":\"FAILED\"")) {
                throw new IllegalStateException("Provisioning the demo lab " + slug
                        + " failed (with data from an older run, " + "try ./run-local.sh --fresh): " + job);
            }
            Thread.sleep(300);
        }
        throw new IllegalStateException("The demo lab " + slug + " was not ACTIVE within 3 minutes");
    }

    /** The accounts' Keycloak ids, looked up in one admin session. */
    private List<String> subjects(List<String> usernames) {
        try (Keycloak admin = keycloak.admin()) {
            return usernames.stream()
                    .map(username -> admin.realm(CreativeLabsRealm.NAME)
                            .users()
                            .searchByUsername(username, true)
                            .get(0)
                            .getId())
                    .toList();
        }
    }

    private String provisionerToken() {
        try (Keycloak client = KeycloakBuilder.builder()
                .serverUrl(keycloak.url())
                .realm(CreativeLabsRealm.NAME)
                .clientId(CreativeLabsRealm.PROVISIONER_CLIENT)
                .clientSecret(secrets.get("PROVISIONER_CLIENT_SECRET"))
                .grantType("client_credentials")
                .build()) {
            return client.tokenManager().getAccessTokenString();
        }
    }

    private String userToken(String username, String password) {
        try (Keycloak user = KeycloakBuilder.builder()
                .serverUrl(keycloak.url())
                .realm(CreativeLabsRealm.NAME)
                .clientId(CreativeLabsRealm.DEV_CLIENT)
                .username(username)
                .password(password)
                .grantType("password")
                .build()) {
            return user.tokenManager().getAccessTokenString();
        }
    }

    private String send(String method, String url, String token, String json, String idempotencyKey, int... expected)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(60))
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        for (int status : expected) {
            if (response.statusCode() == status) {
                return response.body();
            }
        }
        throw new IllegalStateException(
                "Seeding " + method + " " + url + " failed: " + response.statusCode() + " " + response.body());
    }
}
