package org.creativelabs.core.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.creativelabs.core.tenancy.Lab;

/** Creates labs the way tenant-admin will: through platform-core's internal tenant API. */
public final class TestLabs {

    private static final AtomicInteger counter = new AtomicInteger();

    private final Api api;

    public TestLabs(Api api) {
        this.api = api;
    }

    public static String uniqueSlug(String prefix) {
        return prefix + "-" + counter.incrementAndGet() + "-" + Long.toString(System.nanoTime() % 100_000, 36);
    }

    /** Role and schema only, not migrated, not serving. */
    public Lab createPending(String prefix) {
        UUID id = UUID.randomUUID();
        String slug = uniqueSlug(prefix);
        Api.Reply created = api.post("/internal/tenants", Map.of("labId", id, "slug", slug));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return new Lab(id, slug, created.json().get("schemaName").asString());
    }

    /** Created, migrated and serving, with the shared test account as its lab admin. */
    public Lab createServing(String prefix) {
        Lab lab = createPending(prefix);
        Api.Reply migrated = api.post("/internal/tenants/" + lab.id() + "/migrate", null);
        assertThat(migrated.json().get("outcome").asString())
                .as(migrated.toString())
                .isEqualTo("MIGRATED");
        seat(lab, TestAccounts.labAdminSubject(), "lab-admin");
        Api.Reply resumed = api.post("/internal/tenants/" + lab.id() + "/resume", null);
        assertThat(resumed.status()).as(resumed.toString()).isEqualTo(200);
        return lab;
    }

    /** Gives a person roles in a lab, the way provisioning seats a lab's first admin. Returns the membership id. */
    public UUID seat(Lab lab, String subject, String... roles) {
        Api.Reply seated =
                api.post("/internal/tenants/" + lab.id() + "/members", Map.of("subject", subject, "roles", roles));
        assertThat(seated.status()).as(seated.toString()).isIn(200, 201);
        return UUID.fromString(seated.json().get("id").asString());
    }

    /** Tomorrow at the given hour in the labs' time zone (Asia/Bishkek), within the default opening hours. */
    public static java.time.Instant tomorrowAt(int hour) {
        return java.time.LocalDate.now(BISHKEK)
                .plusDays(1)
                .atTime(hour, 0)
                .atZone(BISHKEK)
                .toInstant();
    }

    public static final java.time.ZoneId BISHKEK = java.time.ZoneId.of("Asia/Bishkek");

    /** Books [hour, hour + 1) tomorrow as the lab admin; returns the booking id. */
    public UUID book(Lab lab, UUID space, int hour) {
        Api.Reply reply = api.post(
                "/api/labs/" + lab.slug() + "/spaces/" + space + "/bookings",
                Map.of(
                        "startsAt",
                        tomorrowAt(hour).toString(),
                        "endsAt",
                        tomorrowAt(hour + 1).toString()));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return UUID.fromString(reply.json().get("id").asString());
    }

    /** Bytes that are a PNG by signature (the platform checks signatures, not pixels). */
    public static byte[] png(int size) {
        byte[] bytes = new byte[Math.max(size, 16)];
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
        System.arraycopy(signature, 0, bytes, 0, signature.length);
        return bytes;
    }

    public UUID createSpace(Lab lab, String name) {
        Api.Reply reply = api.post(
                "/api/labs/" + lab.slug() + "/spaces",
                Map.of("name", name, "kind", "STUDIO", "capacity", 8, "description", "Felt and textile studio"));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return UUID.fromString(reply.json().get("id").asString());
    }
}
