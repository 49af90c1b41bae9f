package org.creativelabs.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.creativelabs.core.support.Api;
import org.creativelabs.core.support.LabApiTest;
import org.creativelabs.core.support.LabDatabase;
import org.creativelabs.core.support.TestLabs;
import org.creativelabs.core.tenancy.Lab;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** What an {@code Idempotency-Key} record may replay, what it may keep, and for how long. */
class IdempotencyKeysIntegrationTests extends LabApiTest {

    @Autowired
    LabHousekeeping cleanup;

    @Test
    void theSameKeyAndBodyOnAnotherPathIsAnotherRequestNotAReplay() {
        Lab lab = labs.createServing("idem-path");
        UUID loom = labs.createSpace(lab, "Loom");
        UUID kiln = labs.createSpace(lab, "Kiln");
        Map<String, String> key = Map.of("Idempotency-Key", "same-" + UUID.randomUUID());
        Map<String, Object> slot = Map.of(
                "startsAt",
                TestLabs.tomorrowAt(10).toString(),
                "endsAt",
                TestLabs.tomorrowAt(11).toString());

        assertThat(api.post(bookings(lab, loom), slot, key).status()).isEqualTo(201);
        Api.Reply other = api.post(bookings(lab, kiln), slot, key);
        assertThat(other.status()).as(other.toString()).isEqualTo(422);
        assertThat(other.isProblem()).isTrue();
        assertThat(api.get(bookings(lab, kiln)).json().size())
                .as("nothing booked on the other space")
                .isZero();
        assertThat(api.get(bookings(lab, loom)).json().size()).isEqualTo(1);
    }

    @Test
    void anExpiredKeyMayBeUsedAgainAndTheCleanUpDeletesExpiredKeysInEveryLab() {
        Lab osh = labs.createServing("idem-ttl");
        Lab batken = labs.createServing("idem-ttl");
        UUID oshSpace = labs.createSpace(osh, "Loom");
        UUID batkenSpace = labs.createSpace(batken, "Loom");
        String key = "ttl-" + UUID.randomUUID();
        for (Lab lab : List.of(osh, batken)) {
            UUID space = lab == osh ? oshSpace : batkenSpace;
            assertThat(api.post(bookings(lab, space), slot(10), Map.of("Idempotency-Key", key))
                            .status())
                    .isEqualTo(201);
            assertThat(api.post(bookings(lab, space), slot(12), Map.of("Idempotency-Key", "fresh-" + key))
                            .status())
                    .isEqualTo(201);
            LabDatabase.update(lab, "idempotency_key", "created_at = now() - interval '25 hours'", "key = ?", key);
        }

        Api.Reply reused = api.post(bookings(osh, oshSpace), slot(14), Map.of("Idempotency-Key", key));
        assertThat(reused.status())
                .as("a key older than 24 h is a new request: " + reused)
                .isEqualTo(201);
        LabDatabase.update(osh, "idempotency_key", "created_at = now() - interval '25 hours'", "key = ?", key);

        cleanup.deleteExpiredKeys();
        for (Lab lab : List.of(osh, batken)) {
            assertThat(LabDatabase.count(lab, "idempotency_key", "key = ?", key))
                    .as(lab.slug() + ": expired")
                    .isZero();
            assertThat(LabDatabase.count(lab, "idempotency_key", "key = ?", "fresh-" + key))
                    .as(lab.slug() + ": fresh")
                    .isEqualTo(1);
        }
    }

    @Test
    void erasingAPersonRemovesStoredResponsesThatNameThemWhoeverSentThem() {
        Lab lab = labs.createServing("idem-erase");
        String subject = "person-" + UUID.randomUUID();
        Api.Reply added = api.post(
                "/api/labs/" + lab.slug() + "/memberships",
                Map.of("subject", subject, "roles", List.of("resident")),
                Map.of("Idempotency-Key", "add-" + subject));
        assertThat(added.status()).isEqualTo(201);
        assertThat(LabDatabase.columnsContaining(lab, subject)).contains("idempotency_key.response_body");

        String id = added.json().get("id").asString();
        assertThat(api.post("/api/labs/" + lab.slug() + "/memberships/" + id + "/erasure", null)
                        .status())
                .isEqualTo(200);
        assertThat(LabDatabase.columnsContaining(lab, subject))
                .as("columns still naming the person")
                .isEmpty();
    }

    private static String bookings(Lab lab, UUID space) {
        return "/api/labs/" + lab.slug() + "/spaces/" + space + "/bookings";
    }

    private static Map<String, Object> slot(int hour) {
        return Map.of(
                "startsAt",
                TestLabs.tomorrowAt(hour).toString(),
                "endsAt",
                TestLabs.tomorrowAt(hour + 1).toString());
    }
}
