package org.creativelabs.core.programs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
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
import tools.jackson.databind.JsonNode;

/**
 * Training and mentoring (issue 11, "Training and mentoring"): cohorts never hold more than their seats, applications
 * are decided by staff, completion follows the program's attendance rule with a certificate, completions count once
 * (by consented gender and age band), mentors log sessions within the program's cap, and erasure keeps the counts.
 */
class ProgramIntegrationTests extends LabApiTest {

    Lab lab;
    String base;

    @BeforeEach
    void setUp() {
        lab = labs.createServing("programs");
        base = "/api/labs/" + lab.slug();
    }

    @Test
    void aDirectCohortNeverHoldsMoreThanItsSeatsUnderConcurrentEnrolment() throws Exception {
        UUID cohort = cohort(program("Felt crafts basics", "COURSE", "DIRECT", Map.of()), 5);
        List<String> residents = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            residents.add(member("resident"));
        }
        List<Api.Reply> replies = Concurrently.send(
                12, i -> () -> api.as(residents.get(i)).post(base + "/cohorts/" + cohort + "/enrollments", Map.of()));
        assertThat(replies.stream().filter(r -> r.status() == 201)).hasSize(5);
        assertThat(replies.stream().filter(r -> r.status() == 409))
                .allSatisfy(r -> assertThat(r.body()).contains("urn:problem:cohort-full"))
                .hasSize(7);
        assertThat(api.get(base + "/cohorts/" + cohort)
                        .json()
                        .get("cohort")
                        .get("seatsLeft")
                        .asInt())
                .isZero();
    }

    @Test
    void anApplicantIsEnrolledByStaffCompletesByAttendanceAndCountsOnceAsTrained() {
        UUID program = program("SMM for creative businesses", "COURSE", "APPLICATION", Map.of("completionPercent", 75));
        UUID cohort = cohort(program, 10);
        List<UUID> sessions = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Api.Reply planned = api.post(
                    base + "/cohorts/" + cohort + "/sessions",
                    Map.of(
                            "title",
                            "Week " + (i + 1),
                            "startsAt",
                            TestLabs.tomorrowAt(10)
                                    .plus(java.time.Duration.ofDays(7L * i))
                                    .toString(),
                            "endsAt",
                            TestLabs.tomorrowAt(12)
                                    .plus(java.time.Duration.ofDays(7L * i))
                                    .toString(),
                            "place",
                            "Osh State University, room 12"));
            assertThat(planned.status()).as(planned.toString()).isEqualTo(201);
            sessions.add(id(planned));
        }
        String aida = TestKeycloak.createUser("aida");
        labs.seat(lab, TestAccounts.subject(aida), "resident");
        Api asAida = api.as(TestAccounts.tokenOf(aida));
        assertThat(asAida.post(
                                base + "/profiles/me/consents",
                                Map.of(
                                        "fields",
                                        List.of("gender", "age-band"),
                                        "values",
                                        Map.of("gender", "woman", "age-band", "18-24")))
                        .status())
                .isEqualTo(201);
        String bermet = member("resident");

        Api.Reply applied = asAida.post(
                base + "/cohorts/" + cohort + "/enrollments",
                Map.of("motivation", "I sell felt slippers on Instagram"));
        assertThat(applied.json().get("status").asString()).isEqualTo("APPLIED");
        UUID bermetEnrollment = id(api.as(bermet).post(base + "/cohorts/" + cohort + "/enrollments", Map.of()));
        assertThat(api.as(bermet)
                        .post(base + "/cohorts/" + cohort + "/enrollments", Map.of())
                        .status())
                .isEqualTo(409);
        assertThat(asAida.get(base + "/cohorts/" + cohort + "/enrollments").status())
                .as("a resident does not see the cohort's list")
                .isEqualTo(403);
        Api.Reply enrolled = api.post(
                base + "/enrollments/" + id(applied) + "/decision", Map.of("status", "ENROLLED", "version", 0));
        assertThat(enrolled.json().get("status").asString()).isEqualTo("ENROLLED");
        assertThat(api.post(
                                base + "/enrollments/" + bermetEnrollment + "/decision",
                                Map.of("status", "ENROLLED", "version", 0))
                        .status())
                .isEqualTo(200);

        // Aida attends 3 of 4 sessions (75%: completes), Bermet 2 of 4 (does not yet).
        for (int i = 0; i < 4; i++) {
            List<String> present = new ArrayList<>();
            if (i < 3) {
                present.add(id(applied).toString());
            }
            if (i < 2) {
                present.add(bermetEnrollment.toString());
            }
            Api.Reply recorded =
                    api.put(base + "/program-sessions/" + sessions.get(i) + "/attendance", Map.of("present", present));
            assertThat(recorded.status()).as(recorded.toString()).isEqualTo(200);
        }
        Api.Reply stranger = api.put(
                base + "/program-sessions/" + sessions.get(0) + "/attendance",
                Map.of("present", List.of(UUID.randomUUID().toString())));
        assertThat(stranger.status()).isEqualTo(400);
        assertThat(stranger.body()).contains("present");

        long trainedBefore = facts("programs.completed", "woman", "18-24");
        JsonNode completion =
                api.post(base + "/cohorts/" + cohort + "/completion", null).json();
        assertThat(completion.get("completed").size()).isEqualTo(1);
        assertThat(completion.get("notYet").size()).isEqualTo(1);
        JsonNode mine = asAida.get(base + "/enrollments/mine").json().get(0);
        assertThat(mine.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(mine.get("sessionsAttended").asInt()).isEqualTo(3);
        assertThat(mine.get("certificateNo").asString()).endsWith("-001");
        assertThat(facts("programs.completed", "woman", "18-24")).isEqualTo(trainedBefore + 1);

        // Running it again completes nobody twice; Bermet completes once she has attended enough.
        assertThat(api.post(base + "/cohorts/" + cohort + "/completion", null)
                        .json()
                        .get("completed")
                        .size())
                .isZero();
        api.put(
                base + "/program-sessions/" + sessions.get(2) + "/attendance",
                Map.of("present", List.of(id(applied).toString(), bermetEnrollment.toString())));
        JsonNode again =
                api.post(base + "/cohorts/" + cohort + "/completion", null).json();
        assertThat(again.get("completed").get(0).get("certificateNo").asString())
                .endsWith("-002");
        assertThat(LabDatabase.number("SELECT coalesce(sum(delta), 0) FROM " + lab.schema()
                        + ".indicator_outbox WHERE indicator = 'programs.completed'"))
                .isEqualTo(2);

        // Erasure: her motivation goes, her completion stays counted.
        assertThat(asAida.get(base + "/memberships/me/export").body()).contains("felt slippers");
        assertThat(asAida.post(base + "/memberships/me/erasure", null).status()).isEqualTo(200);
        assertThat(LabDatabase.columnsContaining(lab, "felt slippers")).isEmpty();
        assertThat(LabDatabase.columnsContaining(lab, TestAccounts.subject(aida)))
                .isEmpty();
        assertThat(LabDatabase.count(lab, "enrollment", "status = 'COMPLETED'")).isEqualTo(2);
        assertThat(facts("programs.completed", "woman", "18-24")).isEqualTo(trainedBefore + 1);
    }

    @Test
    void aMentorLogsSessionsWithinTheProgramsCapAndOnlyTheirOwn() {
        UUID program = program("Mentoring for first sales", "MENTORING", "DIRECT", Map.of("mentorHoursCap", 4));
        UUID cohort = cohort(program, 10);
        String mentee = member("resident");
        UUID enrollment = id(api.as(mentee).post(base + "/cohorts/" + cohort + "/enrollments", Map.of()));
        String mentorUser = TestKeycloak.createUser("mentor");
        UUID mentorMembership = labs.seat(lab, TestAccounts.subject(mentorUser), "mentor");
        String mentor = TestAccounts.tokenOf(mentorUser);
        String otherMentor = member("mentor");

        Api.Reply notAMentor = api.post(
                base + "/cohorts/" + cohort + "/mentors",
                Map.of(
                        "mentorMembershipId",
                        labs.seat(lab, "r-" + UUID.randomUUID(), "resident"),
                        "enrollmentId",
                        enrollment));
        assertThat(notAMentor.status()).isEqualTo(400);
        assertThat(notAMentor.body()).contains("mentorMembershipId");
        UUID assignment = id(api.post(
                base + "/cohorts/" + cohort + "/mentors",
                Map.of("mentorMembershipId", mentorMembership, "enrollmentId", enrollment)));

        String sessions = base + "/mentor-assignments/" + assignment + "/sessions";
        Map<String, Object> twoHours =
                new HashMap<>(Map.of("heldOn", LocalDate.now().toString(), "hours", 2.5, "topic", "Pricing felt bags"));
        assertThat(api.as(mentor).post(sessions, twoHours).status()).isEqualTo(201);
        assertThat(api.as(otherMentor).post(sessions, twoHours).status())
                .as("another mentor's mentee")
                .isEqualTo(403);
        Api.Reply overCap = api.as(mentor).post(sessions, twoHours);
        assertThat(overCap.status()).as(overCap.toString()).isEqualTo(409);
        assertThat(overCap.body()).contains("urn:problem:mentor-hours-cap");
        twoHours.put("hours", 1.5);
        assertThat(api.as(mentor).post(sessions, twoHours).status()).isEqualTo(201);

        JsonNode asMentee = api.as(mentee).get(base + "/mentoring/mine").json();
        assertThat(asMentee.get("asMentee").get(0).get("hoursLogged").asDouble())
                .isEqualTo(4.0);
        assertThat(asMentee.get("sessions").size()).isEqualTo(2);
        assertThat(api.as(mentor)
                        .get(base + "/mentoring/mine")
                        .json()
                        .get("asMentor")
                        .size())
                .isEqualTo(1);
    }

    private UUID program(String title, String kind, String enrolment, Map<String, Object> more) {
        Map<String, Object> body = new HashMap<>(Map.of("title", title, "kind", kind, "enrolment", enrolment));
        body.putAll(more);
        return id(api.post(base + "/programs", body));
    }

    private UUID cohort(UUID program, int capacity) {
        return id(api.post(
                base + "/programs/" + program + "/cohorts",
                Map.of(
                        "name",
                        "Spring " + UUID.randomUUID().toString().substring(0, 4),
                        "startsOn",
                        LocalDate.now().toString(),
                        "endsOn",
                        LocalDate.now().plusMonths(2).toString(),
                        "capacity",
                        capacity)));
    }

    private String member(String role) {
        String user = TestKeycloak.createUser(role);
        labs.seat(lab, TestAccounts.subject(user), role);
        return TestAccounts.tokenOf(user);
    }

    private long facts(String indicator, String gender, String ageBand) {
        return LabDatabase.number(
                "SELECT coalesce(sum(delta), 0) FROM " + lab.schema()
                        + ".indicator_outbox WHERE indicator = ? AND gender = ? AND age_band = ?",
                indicator,
                gender,
                ageBand);
    }

    private static UUID id(Api.Reply created) {
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return UUID.fromString(created.json().get("id").asString());
    }
}
