package org.creativelabs.core.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.creativelabs.core.support.Api;
import org.creativelabs.core.support.LabApiTest;
import org.creativelabs.core.support.LabDatabase;
import org.creativelabs.core.support.TestAccounts;
import org.creativelabs.core.support.TestLabs;
import org.creativelabs.core.tenancy.Lab;
import org.creativelabs.devstack.TestKeycloak;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Each lab counts its facts into its own outbox in the same transaction as the change: aggregates only, numbered
 * without gaps, nothing for a change that fails, nothing changed by an erasure; its staff see them suppressed as UNDP
 * does.
 */
class IndicatorOutboxIntegrationTests extends LabApiTest {

    Lab lab;
    String base;
    Api asStaff;

    @BeforeEach
    void setUp() {
        lab = labs.createServing("indicators");
        base = "/api/labs/" + lab.slug();
        String staff = TestKeycloak.createUser("staff");
        labs.seat(lab, TestAccounts.subject(staff), "staff");
        asStaff = api.as(TestAccounts.tokenOf(staff));
    }

    @Test
    void anApprovedResidentIsCountedOnceByWhatSheConsentedToAtThatMoment() {
        String person = TestKeycloak.createUser("applicant");
        Api asPerson = api.as(TestAccounts.tokenOf(person));
        String id = asPerson.post(base + "/membership-requests", null)
                .json()
                .get("id")
                .asString();
        asPerson.put(base + "/profiles/me", Map.of("displayName", "Aidai"));
        Api.Reply consent = asPerson.post(
                base + "/profiles/me/consents",
                Map.of(
                        "fields",
                        List.of("gender", "age-band"),
                        "values",
                        Map.of("gender", "woman", "age-band", "18-24")));
        assertThat(consent.status()).as(consent.toString()).isEqualTo(201);
        assertThat(facts("residents.new")).as("an applicant is not counted yet").isZero();

        Api.Reply approved = asStaff.post(
                base + "/memberships/" + id + "/approve", Map.of("roles", List.of("resident"), "version", 0));
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);

        assertThat(LabDatabase.count(
                        lab,
                        "indicator_outbox",
                        "indicator = 'residents.new' AND gender = 'woman' AND age_band = '18-24' AND delta = 1"))
                .isEqualTo(1);
        assertThat(LabDatabase.count(lab, "indicator_outbox", "indicator = 'network.new' AND gender = 'woman'"))
                .isEqualTo(1);

        // Erasing her changes no count.
        long before = LabDatabase.count(lab, "indicator_outbox", "true");
        assertThat(asPerson.post(base + "/memberships/me/erasure", null).status())
                .isEqualTo(200);
        assertThat(LabDatabase.count(lab, "indicator_outbox", "true")).isEqualTo(before);
        assertGapless();
    }

    @Test
    void bookingsCountTheirMinutesAndACancellationTakesThemBack() {
        String resident = TestKeycloak.createUser("resident");
        labs.seat(lab, TestAccounts.subject(resident), "resident");
        Api asResident = api.as(TestAccounts.tokenOf(resident));
        UUID space = labs.createSpace(lab, "Loom");
        Map<String, String> slot = Map.of(
                "startsAt", TestLabs.tomorrowAt(10).toString(),
                "endsAt", TestLabs.tomorrowAt(11).plusSeconds(1800).toString());
        Api.Reply booked = asResident.post(base + "/spaces/" + space + "/bookings", slot);
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        long entries = LabDatabase.count(lab, "indicator_outbox", "true");

        Api.Reply clash = asResident.post(base + "/spaces/" + space + "/bookings", slot);
        assertThat(clash.status()).as("a refused booking").isEqualTo(409);
        assertThat(LabDatabase.count(lab, "indicator_outbox", "true"))
                .as("writes no fact: it is in the refused change's transaction")
                .isEqualTo(entries);
        assertThat(sum("booked-minutes")).isEqualTo(90);

        Api.Reply cancelled =
                asResident.post(base + "/bookings/" + booked.json().get("id").asString() + "/cancel", null);
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(sum("booked-minutes")).isZero();
        assertThat(sum("bookings")).isZero();
        assertGapless();
    }

    @Test
    void theOutboxRefusesAnythingButAggregates() {
        String refused = tryInsert("INSERT INTO %s.indicator_outbox (seq, indicator, period, gender, age_band, delta)"
                + " VALUES (999, 'residents.new', date '2026-01-01', 'aidai@example.org', '', 1)");
        assertThat(refused).contains("indicator_outbox_gender_check");
    }

    @Test
    void staffSeeTheirLabsIndicatorsWithSmallCountsSuppressedResidentsDoNot() {
        for (int i = 0; i < 3; i++) {
            labs.seat(lab, "resident-" + UUID.randomUUID(), "resident");
        }
        Api.Reply reply = asStaff.get(base + "/indicators");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        JsonNode residents = reply.json()
                .get("indicators")
                .valueStream()
                .filter(i -> i.get("indicator").asString().equals("residents.new"))
                .findFirst()
                .orElseThrow();
        assertThat(residents.get("yearTotal").isNull())
                .as("3 residents: suppressed")
                .isTrue();
        assertThat(residents.get("breakdown").get("withheld").asBoolean()).isTrue();
        assertThat(residents.get("target").get("target").asLong()).isEqualTo(100);
        assertThat(reply.body()).doesNotContain("resident-");

        String resident = TestKeycloak.createUser("resident");
        labs.seat(lab, TestAccounts.subject(resident), "resident");
        Api.Reply refused = api.as(TestAccounts.tokenOf(resident)).get(base + "/indicators");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(asStaff.get(base + "/indicators?year=1999").status()).isEqualTo(400);
    }

    private long facts(String indicator) {
        return LabDatabase.count(lab, "indicator_outbox", "indicator = ?", indicator);
    }

    private long sum(String indicator) {
        return LabDatabase.number(
                "SELECT coalesce(sum(delta), 0) FROM " + lab.schema() + ".indicator_outbox WHERE indicator = ?",
                indicator);
    }

    private void assertGapless() {
        long count = LabDatabase.count(lab, "indicator_outbox", "true");
        assertThat(LabDatabase.number("SELECT coalesce(max(seq), 0) FROM " + lab.schema() + ".indicator_outbox"))
                .isEqualTo(count);
        assertThat(LabDatabase.number("SELECT last_seq FROM " + lab.schema() + ".indicator_sequence"))
                .isEqualTo(count);
    }

    private String tryInsert(String sql) {
        try {
            LabDatabase.superuser(sql.formatted(lab.schema()));
            return "accepted";
        } catch (IllegalStateException e) {
            return String.valueOf(e.getCause());
        }
    }
}
