package org.creativelabs.core.spaces;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
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

class RecurringBookingAndAllowanceIntegrationTests extends LabApiTest {

    Lab lab;
    String base;
    UUID studio;

    @BeforeEach
    void setUp() {
        lab = labs.createServing("recur");
        base = "/api/labs/" + lab.slug();
        studio = labs.createSpace(lab, "Sewing studio");
    }

    @Test
    void aWeeklySeriesBooksEveryOccurrenceAtTheSameLocalTimeAndCancelsTheRest() {
        Api.Reply series = api.post(
                base + "/spaces/" + studio + "/booking-series",
                Map.of(
                        "startsAt",
                        TestLabs.tomorrowAt(10).toString(),
                        "endsAt",
                        TestLabs.tomorrowAt(12).toString(),
                        "frequency",
                        "WEEKLY",
                        "occurrences",
                        4));
        assertThat(series.status()).as(series.toString()).isEqualTo(201);
        assertThat(series.json().get("bookings").size()).isEqualTo(4);
        assertThat(series.json().get("bookings").get(3).get("startsAt").asString())
                .isEqualTo(TestLabs.tomorrowAt(10)
                        .atZone(TestLabs.BISHKEK)
                        .plusWeeks(3)
                        .toInstant()
                        .toString());

        Api.Reply cancelled =
                api.post(base + "/booking-series/" + series.json().get("id").asString() + "/cancel", null);
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled
                        .json()
                        .get("bookings")
                        .valueStream()
                        .map(b -> b.get("status").asString()))
                .containsOnly("CANCELLED");
        assertThat(LabDatabase.count(lab, "booking", "status = 'CONFIRMED'")).isZero();
    }

    @Test
    void aSeriesWithOneTakenOccurrenceBooksNothingAndNamesTheConflict() {
        Instant thirdWeek =
                TestLabs.tomorrowAt(10).atZone(TestLabs.BISHKEK).plusWeeks(2).toInstant();
        assertThat(api.post(
                                base + "/spaces/" + studio + "/bookings",
                                Map.of(
                                        "startsAt",
                                        thirdWeek.toString(),
                                        "endsAt",
                                        thirdWeek.plusSeconds(3600).toString()))
                        .status())
                .isEqualTo(201);
        Map<String, Long> before = LabDatabase.rowCounts(lab);

        Api.Reply series = api.post(
                base + "/spaces/" + studio + "/booking-series",
                Map.of(
                        "startsAt",
                        TestLabs.tomorrowAt(10).toString(),
                        "endsAt",
                        TestLabs.tomorrowAt(11).toString(),
                        "frequency",
                        "WEEKLY",
                        "occurrences",
                        5));

        assertThat(series.status()).as(series.toString()).isEqualTo(409);
        assertThat(series.isProblem()).isTrue();
        assertThat(series.json().get("conflicts").valueStream().map(c -> c.asString()))
                .containsExactly(thirdWeek.toString());
        assertThat(LabDatabase.rowCounts(lab)).as("nothing written").isEqualTo(before);
    }

    @Test
    void aPlansMonthlyAllowanceLimitsBookingsEvenWhenTheyArriveTogether() throws Exception {
        String resident = TestKeycloak.createUser("resident");
        UUID membership = labs.seat(lab, TestAccounts.subject(resident), "resident");
        Api.Reply plan = api.post(
                base + "/plans", Map.of("name", "Resident, 3 hours", "monthlyBookingHours", 3, "monthlyFeeKgs", 500));
        assertThat(plan.status()).as(plan.toString()).isEqualTo(201);
        Api.Reply chosen = api.put(
                base + "/memberships/" + membership,
                Map.of(
                        "roles",
                        List.of("resident"),
                        "active",
                        true,
                        "planId",
                        plan.json().get("id").asString(),
                        "version",
                        0));
        assertThat(chosen.status()).as(chosen.toString()).isEqualTo(200);
        Api asResident = api.as(TestAccounts.tokenOf(resident));
        // Ten one-hour slots in one lab-local month, requested at once: the allowance admits exactly three.
        LocalDate day = LocalDate.now(TestLabs.BISHKEK).plusMonths(1).withDayOfMonth(10);
        int created = 0;
        for (Api.Reply r : Concurrently.send(10, i -> {
            Instant from = day.plusDays(i % 5)
                    .atTime(9 + i / 5, 0)
                    .atZone(TestLabs.BISHKEK)
                    .toInstant();
            return () -> asResident.post(
                    base + "/spaces/" + studio + "/bookings",
                    Map.of(
                            "startsAt",
                            from.toString(),
                            "endsAt",
                            from.plusSeconds(3600).toString()));
        })) {
            if (r.status() == 201) {
                created++;
            } else {
                assertThat(r.status()).as(r.toString()).isEqualTo(409);
                assertThat(r.json().get("type").asString()).isEqualTo("urn:problem:allowance-used-up");
            }
        }
        assertThat(created).isEqualTo(3);
        Api.Reply mine =
                asResident.get(base + "/bookings/mine?month=" + day.toString().substring(0, 7));
        assertThat(mine.json().get("allowanceHours").asInt()).isEqualTo(3);
        assertThat(mine.json().get("usedHours").asDouble()).isEqualTo(3.0);
        assertThat(mine.json().get("bookings").size()).isEqualTo(3);
        assertThat(api.get(base + "/bookings/mine").json().has("allowanceHours"))
                .as("a lab admin books without limit")
                .isFalse();
    }

    @Test
    void openingHoursAreCountedInTheLabsOwnTimeZoneFromItsBranding() {
        // 17:30 in Tashkent is 18:30 in Bishkek: after closing there, within opening hours here.
        ZoneId tashkent = ZoneId.of("Asia/Tashkent");
        Instant evening = LocalDate.now(tashkent)
                .plusDays(2)
                .atTime(17, 30)
                .atZone(tashkent)
                .toInstant();
        Map<String, Object> slot = Map.of(
                "startsAt",
                evening.toString(),
                "endsAt",
                evening.plusSeconds(1800).toString());
        Api.Reply inBishkek = api.post(base + "/spaces/" + studio + "/bookings", slot);
        assertThat(inBishkek.status()).as(inBishkek.toString()).isEqualTo(400);
        assertThat(inBishkek.json().get("type").asString()).isEqualTo("urn:problem:outside-opening-hours");

        long version = api.get(base + "/public/branding").json().get("version").asLong();
        assertThat(api.put(
                                base + "/branding",
                                Map.of(
                                        "displayName",
                                        "Andijan Creative Lab",
                                        "primaryColor",
                                        "#6B2D5C",
                                        "accentColor",
                                        "#F2B134",
                                        "defaultLanguage",
                                        "uz",
                                        "timeZone",
                                        "Asia/Tashkent",
                                        "version",
                                        version))
                        .status())
                .isEqualTo(200);

        assertThat(api.post(base + "/spaces/" + studio + "/bookings", slot).status())
                .isEqualTo(201);
    }
}
