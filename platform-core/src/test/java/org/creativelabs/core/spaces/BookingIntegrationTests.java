package org.creativelabs.core.spaces;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.creativelabs.core.support.Api;
import org.creativelabs.core.support.Concurrently;
import org.creativelabs.core.support.LabApiTest;
import org.creativelabs.core.support.LabDatabase;
import org.creativelabs.core.support.TestAccounts;
import org.creativelabs.core.support.TestLabs;
import org.creativelabs.core.tenancy.Lab;
import org.creativelabs.devstack.TestKeycloak;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BookingIntegrationTests extends LabApiTest {

    Lab lab;
    UUID desk;
    String bookings;

    @BeforeEach
    void setUp() {
        lab = labs.createServing("book");
        desk = labs.createSpace(lab, "Desk by the window");
        bookings = "/api/labs/" + lab.slug() + "/spaces/" + desk + "/bookings";
    }

    @Test
    void fiftyConcurrentRequestsForOneSlotGiveExactlyOneBooking() throws Exception {
        Map<String, Object> slot = slot(10, 11);
        int requests = 50;
        int created = 0;
        int conflicts = 0;
        for (Api.Reply r : Concurrently.send(requests, i -> () -> api.post(bookings, slot))) {
            if (r.status() == 201) {
                created++;
            } else {
                assertThat(r.status()).as(r.toString()).isEqualTo(409);
                assertThat(r.isProblem()).isTrue();
                assertThat(r.json().get("type").asString()).isEqualTo("urn:problem:slot-taken");
                conflicts++;
            }
        }
        System.out.printf("50 concurrent bookings of one slot: %d created, %d refused with 409%n", created, conflicts);
        assertThat(created).isEqualTo(1);
        assertThat(conflicts).isEqualTo(requests - 1);
        assertThat(api.get(bookings).json().size()).isEqualTo(1);
    }

    @Test
    void theSameIdempotencyKeyTwiceBooksOnce() {
        Map<String, String> key = Map.of("Idempotency-Key", "rural-retry-" + UUID.randomUUID());
        Api.Reply first = api.post(bookings, slot(12, 13), key);
        Api.Reply retry = api.post(bookings, slot(12, 13), key);
        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.json().get("id")).isEqualTo(first.json().get("id"));
        assertThat(api.get(bookings).json().size()).isEqualTo(1);
    }

    @Test
    void adjacentSlotsBothBookAndACancelledSlotCanBeBookedAgain() {
        assertThat(api.post(bookings, slot(10, 11)).status()).isEqualTo(201);
        Api.Reply next = api.post(bookings, slot(11, 12));
        assertThat(next.status()).as("[10,11) and [11,12) do not overlap").isEqualTo(201);
        assertThat(api.post(bookings, slot(11, 13)).status()).isEqualTo(409);

        Api.Reply cancelled = api.post(
                "/api/labs/" + lab.slug() + "/bookings/" + next.json().get("id").asString() + "/cancel", null);
        assertThat(cancelled.json().get("status").asString()).isEqualTo("CANCELLED");
        assertThat(api.post(bookings, slot(11, 13)).status()).isEqualTo(201);
    }

    @Test
    void invalidSlotsAreA400AndBookNothing() {
        assertThat(api.post(bookings, slot(7, 8)).json().get("type").asString())
                .isEqualTo("urn:problem:outside-opening-hours");
        assertThat(api.post(bookings, slot(17, 19)).status()).isEqualTo(400);
        Api.Reply backwards = api.post(
                bookings,
                Map.of(
                        "startsAt",
                        TestLabs.tomorrowAt(12).toString(),
                        "endsAt",
                        TestLabs.tomorrowAt(11).toString()));
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.json().get("detail").asString()).contains("slot");
        Api.Reply missing =
                api.post(bookings, Map.of("startsAt", TestLabs.tomorrowAt(12).toString()));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("detail").asString()).contains("endsAt");
        Api.Reply notATime = api.post(
                bookings,
                Map.of("startsAt", "tomorrow", "endsAt", TestLabs.tomorrowAt(13).toString()));
        assertThat(notATime.status()).isEqualTo(400);
        assertThat(notATime.json().get("detail").asString()).contains("startsAt");
        assertThat(api.post(
                                bookings,
                                Map.of(
                                        "startsAt",
                                        TestLabs.tomorrowAt(12).toString(),
                                        "endsAt",
                                        TestLabs.tomorrowAt(13).toString(),
                                        "note",
                                        "x".repeat(501)))
                        .status())
                .isEqualTo(400);
        assertThat(api.post("/api/labs/" + lab.slug() + "/spaces/" + UUID.randomUUID() + "/bookings", slot(12, 13))
                        .status())
                .isEqualTo(404);
        assertThat(api.get(bookings).json().size()).isZero();
    }

    @Test
    void residentsSeeWhenASpaceIsTakenButNotByWhomAndCancelOnlyTheirOwn() {
        String resident = TestKeycloak.createUser("resident");
        labs.seat(lab, TestAccounts.subject(resident), "resident");
        Api asResident = api.as(TestAccounts.tokenOf(resident));
        UUID adminBooking = labs.book(lab, desk, 10);
        Api.Reply own = asResident.post(bookings, slot(14, 15));
        assertThat(own.status()).isEqualTo(201);

        var seen = asResident.get(bookings).json();
        assertThat(seen.size()).isEqualTo(2);
        seen.forEach(b -> assertThat(b.has("bookedBy")).isFalse());
        api.get(bookings)
                .json()
                .forEach(b -> assertThat(b.get("bookedBy").asString()).isNotBlank());

        assertThat(asResident
                        .post("/api/labs/" + lab.slug() + "/bookings/" + adminBooking + "/cancel", null)
                        .status())
                .isEqualTo(403);
        assertThat(asResident
                        .post(
                                "/api/labs/" + lab.slug() + "/bookings/"
                                        + own.json().get("id").asString() + "/cancel",
                                null)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void slotsThatHaveBegunCannotBeBookedAndBookingsThatHaveBegunCannotBeCancelled() {
        java.time.Instant yesterday10 = TestLabs.tomorrowAt(10).minus(java.time.Duration.ofDays(2));
        Api.Reply past = api.post(
                bookings,
                Map.of(
                        "startsAt",
                        yesterday10.toString(),
                        "endsAt",
                        yesterday10.plusSeconds(3600).toString()));
        assertThat(past.status()).as(past.toString()).isEqualTo(400);
        assertThat(past.json().get("type").asString()).isEqualTo("urn:problem:slot-in-the-past");
        Api.Reply pastSeries = api.post(
                "/api/labs/" + lab.slug() + "/spaces/" + desk + "/booking-series",
                Map.of(
                        "startsAt",
                        yesterday10.toString(),
                        "endsAt",
                        yesterday10.plusSeconds(3600).toString(),
                        "frequency",
                        "DAILY",
                        "occurrences",
                        3));
        assertThat(pastSeries.status())
                .as("a series whose first occurrence has begun")
                .isEqualTo(400);
        assertThat(api.get(bookings + "?from=" + yesterday10.minusSeconds(3600))
                        .json()
                        .size())
                .isZero();

        UUID booking = labs.book(lab, desk, 10);
        LabDatabase.update(
                lab,
                "booking",
                "starts_at = starts_at - interval '2 days', ends_at = ends_at - interval '2 days'",
                "id = ?",
                booking);
        Api.Reply cancel = api.post("/api/labs/" + lab.slug() + "/bookings/" + booking + "/cancel", null);
        assertThat(cancel.status()).as(cancel.toString()).isEqualTo(409);
        assertThat(cancel.json().get("type").asString()).isEqualTo("urn:problem:booking-started");
        assertThat(LabDatabase.count(lab, "booking", "id = ? AND status = 'CONFIRMED'", booking))
                .isEqualTo(1);
    }

    @Test
    void aSpaceWithBookingsCannotBeDeleted() {
        labs.book(lab, desk, 10);
        Api.Reply refused = api.delete("/api/labs/" + lab.slug() + "/spaces/" + desk);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.isProblem()).isTrue();
        assertThat(api.get("/api/labs/" + lab.slug() + "/spaces/" + desk).status())
                .isEqualTo(200);
    }

    private static Map<String, Object> slot(int fromHour, int toHour) {
        return Map.of(
                "startsAt",
                TestLabs.tomorrowAt(fromHour).toString(),
                "endsAt",
                TestLabs.tomorrowAt(toHour).toString());
    }
}
