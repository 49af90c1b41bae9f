package org.creativelabs.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
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
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 11, must-shows 1 and 2: one woman's path through one lab, from an open event she registers for without an
 * account, to applying to join, becoming a resident, completing a program with a mentor, applying to a seed-funding
 * call, being reviewed (one reviewer declares a conflict), being awarded, receiving two tranches (the second after an
 * accepted report) and filing her 6-month outcome report; at each step what she, staff, her mentor and a reviewer can
 * and cannot see. Erasing her afterwards removes every personal field across events, programs and funding while the
 * lab's counts (trained, awarded, disbursed, attended) stay the same.
 */
class OneWomansPathIntegrationTests extends LabApiTest {

    @Test
    void fromAnOpenEventToAFundedBusinessAndErasedWithTheCountsKept() {
        Lab lab = labs.createServing("path");
        String base = "/api/labs/" + lab.slug();
        String staff = member(lab, "staff");
        Api asStaff = api.as(staff);

        // 1. An open event; she registers without an account and consents to join the network; staff check her in.
        UUID event = id(asStaff.post(
                base + "/events",
                Map.of(
                        "title",
                        "Open day: felt crafts",
                        "startsAt",
                        TestLabs.tomorrowAt(11).toString(),
                        "endsAt",
                        TestLabs.tomorrowAt(14).toString(),
                        "capacity",
                        30)));
        Api.Reply registered = api.anonymous()
                .post(
                        base + "/public/events/" + event + "/registrations",
                        Map.of(
                                "name",
                                "Nurzat Toktosunova",
                                "contact",
                                "+996 555 010 203",
                                "joinNetwork",
                                true,
                                "consentWording",
                                "network-2026"));
        assertThat(registered.json().get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(asStaff.post(
                                base + "/events/" + event + "/check-ins",
                                Map.of(
                                        "device",
                                        "door",
                                        "scans",
                                        List.of(Map.of(
                                                "code",
                                                registered
                                                        .json()
                                                        .get("checkInCode")
                                                        .asString()))))
                        .json()
                        .get("checkedIn")
                        .asInt())
                .isEqualTo(1);
        assertThat(api.anonymous().get(base + "/public/events/" + event).body())
                .as("the public page names no registrant")
                .doesNotContain("Nurzat");

        // 2. She makes an account and applies to join: an applicant sees her own record, not the lab.
        String nurzat = TestKeycloak.createUser("nurzat");
        Api asHer = api.as(TestAccounts.tokenOf(nurzat));
        UUID application = id(asHer.post(base + "/membership-requests", null));
        assertThat(asHer.put(base + "/profiles/me", Map.of("displayName", "Nurzat Toktosunova"))
                        .status())
                .isEqualTo(200);
        assertThat(asHer.post(
                                base + "/profiles/me/consents",
                                Map.of(
                                        "fields",
                                        List.of("gender", "age-band"),
                                        "values",
                                        Map.of("gender", "woman", "age-band", "25-28")))
                        .status())
                .isEqualTo(201);
        assertThat(asHer.get(base + "/programs").status()).isEqualTo(403);
        assertThat(asHer.get(base + "/memberships/me").json().get("roles").toString())
                .contains("applicant");

        // 3. Staff approve her as a resident.
        assertThat(asStaff.post(
                                base + "/memberships/" + application + "/approve",
                                Map.of("roles", List.of("resident"), "version", 0))
                        .status())
                .isEqualTo(200);

        // 4. A course by application, with five sessions and a mentor.
        UUID program = id(asStaff.post(
                base + "/programs",
                Map.of(
                        "title",
                        "SMM for small creative businesses",
                        "kind",
                        "COURSE",
                        "enrolment",
                        "APPLICATION",
                        "mentorHoursCap",
                        6)));
        UUID cohort = id(asStaff.post(
                base + "/programs/" + program + "/cohorts",
                Map.of(
                        "name",
                        "Spring",
                        "startsOn",
                        LocalDate.now().toString(),
                        "endsOn",
                        LocalDate.now().plusMonths(2).toString(),
                        "capacity",
                        15)));
        List<UUID> sessions = new ArrayList<>();
        for (int week = 0; week < 5; week++) {
            sessions.add(id(asStaff.post(
                    base + "/cohorts/" + cohort + "/sessions",
                    Map.of(
                            "title",
                            "Week " + (week + 1),
                            "startsAt",
                            TestLabs.tomorrowAt(15)
                                    .plus(Duration.ofDays(7L * week))
                                    .toString(),
                            "endsAt",
                            TestLabs.tomorrowAt(17)
                                    .plus(Duration.ofDays(7L * week))
                                    .toString()))));
        }
        UUID enrollment = id(asHer.post(
                base + "/cohorts/" + cohort + "/enrollments",
                Map.of("motivation", "I knit and want to sell online from Nookat")));
        assertThat(asStaff.post(
                                base + "/enrollments/" + enrollment + "/decision",
                                Map.of("status", "ENROLLED", "version", 0))
                        .status())
                .isEqualTo(200);
        String mentorUser = TestKeycloak.createUser("mentor");
        UUID mentorMembership = labs.seat(lab, TestAccounts.subject(mentorUser), "mentor");
        Api asMentor = api.as(TestAccounts.tokenOf(mentorUser));
        UUID assignment = id(asStaff.post(
                base + "/cohorts/" + cohort + "/mentors",
                Map.of("mentorMembershipId", mentorMembership, "enrollmentId", enrollment)));
        assertThat(asMentor.post(
                                base + "/mentor-assignments/" + assignment + "/sessions",
                                Map.of(
                                        "heldOn",
                                        LocalDate.now().toString(),
                                        "hours",
                                        2,
                                        "topic",
                                        "Her first price list"))
                        .status())
                .isEqualTo(201);
        for (int week = 0; week < 4; week++) {
            assertThat(asStaff.put(
                                    base + "/program-sessions/" + sessions.get(week) + "/attendance",
                                    Map.of("present", List.of(enrollment)))
                            .status())
                    .isEqualTo(200);
        }
        long trained = facts(lab, "programs.completed");
        assertThat(asStaff.post(base + "/cohorts/" + cohort + "/completion", null)
                        .json()
                        .get("completed")
                        .size())
                .isEqualTo(1);

        // What each of them sees: she her certificate and her mentor's sessions; the mentor her mentoring, not the
        // cohort's list; staff everything about the cohort.
        JsonNode mine = asHer.get(base + "/enrollments/mine").json().get(0);
        assertThat(mine.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(mine.get("certificateNo").asString()).isNotBlank();
        assertThat(asHer.get(base + "/mentoring/mine").body()).contains("Her first price list");
        assertThat(asHer.get(base + "/cohorts/" + cohort + "/enrollments").status())
                .isEqualTo(403);
        assertThat(asMentor.get(base + "/mentoring/mine").json().get("asMentor").size())
                .isEqualTo(1);
        assertThat(asMentor.get(base + "/cohorts/" + cohort + "/enrollments").status())
                .isEqualTo(403);
        assertThat(asMentor.get(base + "/events/" + event + "/registrations").status())
                .isEqualTo(403);
        assertThat(asStaff.get(base + "/cohorts/" + cohort + "/enrollments").body())
                .contains("sell online from Nookat");
        assertThat(facts(lab, "programs.completed")).isEqualTo(trained + 1);

        // 5. A seed-funding call for the course's graduates; she applies; one reviewer declares a conflict, the other
        // reviews blind; she is awarded two tranches, the second after her accepted 6-month report.
        String call = asStaff.post(
                        base + "/funding-calls",
                        Map.of(
                                "title",
                                "Seed grants for graduates",
                                "budgetCeilingKgs",
                                50000,
                                "deadline",
                                java.time.Instant.now()
                                        .plus(Duration.ofDays(20))
                                        .toString(),
                                "eligibleProgramId",
                                program,
                                "rubric",
                                List.of(Map.of("name", "Idea", "weight", 50), Map.of("name", "Budget", "weight", 50))))
                .json()
                .get("id")
                .asString();
        UUID funding = id(asHer.post(
                base + "/funding-calls/" + call + "/applications",
                Map.of(
                        "businessIdea",
                        "Knitted toys from Nookat, sold on Instagram",
                        "budgetLines",
                        List.of(
                                Map.of("item", "Yarn", "amountKgs", 18000),
                                Map.of("item", "Phone", "amountKgs", 17000)))));
        assertThat(asHer.post(base + "/funding-applications/" + funding + "/submit", null)
                        .status())
                .isEqualTo(200);
        String cousinUser = TestKeycloak.createUser("cousin");
        UUID cousin = labs.seat(lab, TestAccounts.subject(cousinUser), "mentor");
        String blindUser = TestKeycloak.createUser("reviewer");
        UUID blind = labs.seat(lab, TestAccounts.subject(blindUser), "mentor");
        UUID herMembership = UUID.fromString(
                asHer.get(base + "/memberships/me").json().get("id").asString());
        for (UUID reviewer : List.of(cousin, blind)) {
            assertThat(asStaff.post(
                                    base + "/funding-applications/" + funding + "/reviewers",
                                    Map.of("reviewerMembershipId", reviewer))
                            .status())
                    .isEqualTo(201);
        }
        Api asCousin = api.as(TestAccounts.tokenOf(cousinUser));
        String cousinReview =
                asCousin.get(base + "/reviews/mine").json().get(0).get("id").asString();
        assertThat(asCousin.get(base + "/reviews/mine").body())
                .as("nothing of the application before the declaration")
                .doesNotContain("Knitted toys");
        asCousin.post(base + "/reviews/" + cousinReview + "/conflict", Map.of("conflict", true, "note", "My cousin"));
        assertThat(asCousin.get(base + "/reviews/mine").body()).doesNotContain("Knitted toys");
        Api asBlind = api.as(TestAccounts.tokenOf(blindUser));
        String blindReview =
                asBlind.get(base + "/reviews/mine").json().get(0).get("id").asString();
        JsonNode declared = asBlind.post(base + "/reviews/" + blindReview + "/conflict", Map.of("conflict", false))
                .json();
        assertThat(declared.toString())
                .contains("Knitted toys")
                .doesNotContain(herMembership.toString(), "Nurzat", TestAccounts.subject(nurzat));
        List<Map<String, Object>> scores = declared.get("rubric")
                .valueStream()
                .map(c -> Map.<String, Object>of("criterionId", c.get("id").asString(), "score", 8))
                .toList();
        assertThat(asBlind.put(base + "/reviews/" + blindReview + "/scores", Map.of("scores", scores))
                        .status())
                .isEqualTo(200);
        JsonNode ranked = asStaff.get(base + "/funding-calls/" + call + "/applications")
                .json()
                .get(0);
        assertThat(ranked.get("averageScore").decimalValue()).isEqualByComparingTo("8.00");
        assertThat(ranked.get("conflictsDeclared").asInt()).isEqualTo(1);
        assertThat(ranked.get("applicantMembershipId").asString()).isEqualTo(herMembership.toString());
        JsonNode award = asStaff.post(
                        base + "/funding-applications/" + funding + "/decision",
                        Map.of(
                                "status",
                                "AWARDED",
                                "amountKgs",
                                35000,
                                "tranches",
                                List.of(
                                        Map.of("amountKgs", 20000),
                                        Map.of("amountKgs", 15000, "requirement", "6-month report accepted"))))
                .json()
                .get("award");
        String firstTranche = award.get("tranches").get(0).get("id").asString();
        String secondTranche = award.get("tranches").get(1).get("id").asString();
        String sixMonths = award.get("reports").get(0).get("id").asString();
        assertThat(asStaff.post(base + "/tranches/" + firstTranche + "/pay", null)
                        .status())
                .isEqualTo(200);
        assertThat(asStaff.post(base + "/tranches/" + secondTranche + "/pay", null)
                        .status())
                .isEqualTo(409);
        assertThat(asHer.put(
                                base + "/outcome-reports/" + sixMonths,
                                Map.of("businessStarted", true, "jobs", 1, "incomeChangeKgs", 6000, "version", 0))
                        .status())
                .isEqualTo(200);
        assertThat(asStaff.post(base + "/outcome-reports/" + sixMonths + "/accept", null)
                        .status())
                .isEqualTo(200);
        assertThat(asStaff.post(base + "/tranches/" + secondTranche + "/requirement-met", null)
                        .status())
                .isEqualTo(200);
        assertThat(asStaff.post(base + "/tranches/" + secondTranche + "/pay", null)
                        .status())
                .isEqualTo(200);
        String hers = asHer.get(base + "/funding-applications/mine").body();
        assertThat(hers).contains("AWARDED", "paidAt");
        assertThat(hers)
                .as("an applicant never sees scores or reviewers")
                .doesNotContain(
                        "score", "My cousin", cousin.toString(), blind.toString(), TestAccounts.subject(blindUser));
        assertThat(asCousin.get(base + "/funding-calls/" + call + "/applications")
                        .status())
                .isEqualTo(403);

        // 6. Erasure (must-show 2): her account here, and on her request her network contact. Every personal field
        // goes; trained, attended, residents and network counts stay.
        assertThat(facts(lab, "grants.disbursed-kgs")).isEqualTo(35000);
        Map<String, Long> counts = Map.of(
                "programs.completed", facts(lab, "programs.completed"),
                "events.attended", facts(lab, "events.attended"),
                "residents.new", facts(lab, "residents.new"),
                "network.new", facts(lab, "network.new"),
                "grants.awarded", facts(lab, "grants.awarded"),
                "grants.disbursed-kgs", facts(lab, "grants.disbursed-kgs"),
                "businesses.started", facts(lab, "businesses.started"));
        assertThat(asHer.get(base + "/memberships/me/export").body())
                .contains("sell online from Nookat", "Her first price list", "Nurzat Toktosunova", "Knitted toys");
        assertThat(asHer.post(base + "/memberships/me/erasure", null).status()).isEqualTo(200);
        UUID contact = UUID.fromString(asStaff.get(base + "/network")
                .json()
                .get("items")
                .get(0)
                .get("id")
                .asString());
        assertThat(api.post(base + "/network/" + contact + "/erasure", null).status())
                .isEqualTo(200);

        for (String personal : List.of(
                "Nurzat",
                "Toktosunova",
                "+996 555 010 203",
                "Nookat",
                "Her first price list",
                "Knitted toys",
                TestAccounts.subject(nurzat))) {
            assertThat(LabDatabase.columnsContaining(lab, personal))
                    .as("columns still holding " + personal)
                    .isEmpty();
        }
        counts.forEach((indicator, count) ->
                assertThat(facts(lab, indicator)).as(indicator).isEqualTo(count));
        assertThat(asStaff.get(base + "/events/" + event + "/attendance")
                        .json()
                        .get("checkedInSeats")
                        .asInt())
                .isEqualTo(1);
        assertThat(LabDatabase.count(lab, "enrollment", "status = 'COMPLETED'")).isEqualTo(1);
    }

    private String member(Lab lab, String role) {
        String user = TestKeycloak.createUser(role);
        labs.seat(lab, TestAccounts.subject(user), role);
        return TestAccounts.tokenOf(user);
    }

    private static long facts(Lab lab, String indicator) {
        return LabDatabase.number(
                "SELECT coalesce(sum(delta), 0) FROM " + lab.schema() + ".indicator_outbox WHERE indicator = ?",
                indicator);
    }

    private static UUID id(Api.Reply created) {
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return UUID.fromString(created.json().get("id").asString());
    }
}
