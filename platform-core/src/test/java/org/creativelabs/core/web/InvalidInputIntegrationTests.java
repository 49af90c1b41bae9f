package org.creativelabs.core.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.creativelabs.core.support.Api;
import org.creativelabs.core.support.LabApiTest;
import org.creativelabs.core.support.LabDatabase;
import org.creativelabs.core.support.TestLabs;
import org.creativelabs.core.tenancy.Lab;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * Must-show 4 (lab issue): invalid input on every write endpoint is a 400 problem that names the field, and nothing is
 * written (every row of every table of the lab is the same before and after). Write endpoints are discovered from the
 * running application; one without cases fails {@link #everyWriteEndpointHasInvalidInputCases()}.
 */
class InvalidInputIntegrationTests extends LabApiTest {

    /** A request that must be refused, and the field the refusal must name. */
    record Bad(String label, Function<Fixture, String> path, Object body, Map<String, String> headers, String field) {

        static Bad json(String label, Function<Fixture, String> path, Object body, String field) {
            return new Bad(label, path, body, Map.of(), field);
        }
    }

    record Fixture(
            Lab lab,
            UUID spaceId,
            UUID membershipId,
            UUID applicantId,
            UUID planId,
            UUID eventId,
            UUID programId,
            UUID cohortId,
            UUID sessionId,
            UUID enrollmentId,
            UUID assignmentId,
            UUID callId,
            UUID draftId) {

        String base() {
            return "/api/labs/" + lab.slug();
        }
    }

    private static final String LONG_121 = "x".repeat(121);
    private static final String TOMORROW_10 = TestLabs.tomorrowAt(10).toString();
    private static final String TOMORROW_11 = TestLabs.tomorrowAt(11).toString();

    private static Map<String, Object> with(Map<String, Object> base, Object... changes) {
        Map<String, Object> body = new HashMap<>(base);
        for (int i = 0; i < changes.length; i += 2) {
            if (changes[i + 1] == null) {
                body.remove((String) changes[i]);
            } else {
                body.put((String) changes[i], changes[i + 1]);
            }
        }
        return body;
    }

    private static final Map<String, Object> SPACE =
            Map.of("name", "Loom room", "kind", "ROOM", "capacity", 4, "version", 0);
    private static final Map<String, Object> BOOKING = Map.of("startsAt", TOMORROW_10, "endsAt", TOMORROW_11);
    private static final Map<String, Object> SERIES =
            Map.of("startsAt", TOMORROW_10, "endsAt", TOMORROW_11, "frequency", "WEEKLY", "occurrences", 3);
    private static final Map<String, Object> BRANDING = Map.of(
            "displayName",
            "Osh",
            "primaryColor",
            "#6B2D5C",
            "accentColor",
            "#F2B134",
            "defaultLanguage",
            "ru",
            "timeZone",
            "Asia/Bishkek",
            "version",
            0);
    private static final Map<String, Object> PLAN = Map.of("name", "Resident", "monthlyBookingHours", 20, "version", 0);
    private static final Map<String, Object> CHANGE =
            Map.of("roles", List.of("resident"), "active", true, "version", 0);

    private static List<Bad> spaceCases(Function<Fixture, String> path) {
        return List.of(
                Bad.json("missing name", path, with(SPACE, "name", null), "name"),
                Bad.json("oversized name", path, with(SPACE, "name", LONG_121), "name"),
                Bad.json("unknown kind", path, with(SPACE, "kind", "CASTLE"), "kind"),
                Bad.json("capacity of the wrong type", path, with(SPACE, "capacity", "many"), "capacity"),
                Bad.json("capacity zero", path, with(SPACE, "capacity", 0), "capacity"),
                Bad.json("an hour that is no time", path, with(SPACE, "opensAt", "25:00"), "opensAt"),
                Bad.json(
                        "closing before opening",
                        path,
                        with(SPACE, "opensAt", "18:00", "closesAt", "09:00"),
                        "openingHours"),
                Bad.json("negative price", path, with(SPACE, "hourlyPriceKgs", -1), "hourlyPriceKgs"),
                Bad.json("oversized description", path, with(SPACE, "description", "d".repeat(2001)), "description"));
    }

    private static final Map<String, Object> EVENT = Map.of(
            "title",
            "Felt crafts open day",
            "startsAt",
            TOMORROW_10,
            "endsAt",
            TOMORROW_11,
            "capacity",
            10,
            "version",
            0);

    private static List<Bad> eventCases(Function<Fixture, String> path) {
        return List.of(
                Bad.json("missing title", path, with(EVENT, "title", null), "title"),
                Bad.json("oversized title", path, with(EVENT, "title", "t".repeat(201)), "title"),
                Bad.json("a start that is no time", path, with(EVENT, "startsAt", "tomorrow"), "startsAt"),
                Bad.json(
                        "ending before it starts",
                        path,
                        with(EVENT, "startsAt", TOMORROW_11, "endsAt", TOMORROW_10),
                        "eventTimes"),
                Bad.json("capacity zero", path, with(EVENT, "capacity", 0), "capacity"),
                Bad.json("capacity of the wrong type", path, with(EVENT, "capacity", "many"), "capacity"),
                Bad.json("groups of 21", path, with(EVENT, "maxGroupSize", 21), "maxGroupSize"),
                Bad.json(
                        "a claim window of a minute", path, with(EVENT, "claimWindowMinutes", 1), "claimWindowMinutes"),
                Bad.json(
                        "a space of no lab",
                        path,
                        with(EVENT, "spaceId", UUID.randomUUID().toString()),
                        "spaceId"));
    }

    private static final Map<String, Object> PROGRAM =
            Map.of("title", "Felt crafts basics", "kind", "COURSE", "enrolment", "DIRECT", "version", 0);
    private static final Map<String, Object> COHORT =
            Map.of("name", "Spring", "startsOn", "2027-03-01", "endsOn", "2027-05-31", "capacity", 20);
    private static final Map<String, Object> SESSION =
            Map.of("title", "Week 1", "startsAt", TOMORROW_10, "endsAt", TOMORROW_11);

    private static List<Bad> programCases(Function<Fixture, String> path) {
        return List.of(
                Bad.json("missing title", path, with(PROGRAM, "title", null), "title"),
                Bad.json("an unknown kind", path, with(PROGRAM, "kind", "SEMINAR"), "kind"),
                Bad.json("missing enrolment", path, with(PROGRAM, "enrolment", null), "enrolment"),
                Bad.json("completion above 100%", path, with(PROGRAM, "completionPercent", 101), "completionPercent"),
                Bad.json("a cap of minutes", path, with(PROGRAM, "mentorHoursCap", 0.1), "mentorHoursCap"));
    }

    private static final Map<String, Object> CALL = Map.of(
            "title",
            "Seed grants",
            "budgetCeilingKgs",
            50000,
            "deadline",
            "2099-01-01T00:00:00Z",
            "rubric",
            List.of(Map.of("name", "Idea", "weight", 1)));

    private static Bad json(String label, String path, Object body, String field) {
        return Bad.json(
                label,
                f -> f.base()
                        + path.replace("{call}", f.callId().toString())
                                .replace("{draft}", f.draftId().toString())
                                .replace("{any}", UUID.randomUUID().toString()),
                body,
                field);
    }

    private static final Map<String, Object> REGISTRATION = Map.of("name", "Nurzat", "contact", "nurzat@example.org");

    private static List<Bad> codeCases(String action) {
        Function<Fixture, String> path = f -> f.base() + "/public/registrations/" + action;
        return List.of(
                Bad.json("missing code", path, Map.of(), "code"),
                Bad.json("a code of no lab", path, Map.of("code", "AAAA.BBBB"), "code"),
                Bad.json("an oversized code", path, Map.of("code", "c".repeat(201)), "code"));
    }

    private static List<Bad> planCases(Function<Fixture, String> path) {
        return List.of(
                Bad.json("missing name", path, with(PLAN, "name", null), "name"),
                Bad.json("negative hours", path, with(PLAN, "monthlyBookingHours", -1), "monthlyBookingHours"),
                Bad.json(
                        "more hours than a month has",
                        path,
                        with(PLAN, "monthlyBookingHours", 745),
                        "monthlyBookingHours"),
                Bad.json("fee of the wrong type", path, with(PLAN, "monthlyFeeKgs", "free"), "monthlyFeeKgs"));
    }

    private static Bad badId(String endpointPath, String variable) {
        return Bad.json(
                variable + " that is no UUID",
                f -> endpointPath
                        .replace("{slug}", f.lab().slug())
                        .replace("{" + variable + "}", "not-a-uuid")
                        .replace("{spaceId}", f.spaceId().toString())
                        .replace("{registrationId}", UUID.randomUUID().toString())
                        .replace("{id}", f.membershipId().toString())
                        .replace("{labId}", f.lab().id().toString()),
                null,
                variable);
    }

    private static final Map<String, List<Bad>> CASES = Map.ofEntries(
            Map.entry(
                    "POST /api/labs/{slug}/funding-calls",
                    List.of(
                            json("missing title", "/funding-calls", with(CALL, "title", null), "title"),
                            json("no ceiling", "/funding-calls", with(CALL, "budgetCeilingKgs", 0), "budgetCeilingKgs"),
                            json(
                                    "a deadline past",
                                    "/funding-calls",
                                    with(CALL, "deadline", "2020-01-01T00:00:00Z"),
                                    "deadline"),
                            json("no rubric", "/funding-calls", with(CALL, "rubric", List.of()), "rubric"),
                            json(
                                    "a criterion of no weight",
                                    "/funding-calls",
                                    with(CALL, "rubric", List.of(Map.of("name", "Idea", "weight", 0))),
                                    "rubric[0].weight"),
                            json(
                                    "a program of no lab",
                                    "/funding-calls",
                                    with(
                                            CALL,
                                            "eligibleProgramId",
                                            UUID.randomUUID().toString()),
                                    "eligibleProgramId"))),
            Map.entry(
                    "POST /api/labs/{slug}/notifications/{id}/read",
                    List.of(badId("/api/labs/{slug}/notifications/{id}/read", "id"))),
            Map.entry(
                    "PUT /api/labs/{slug}/funding-calls/{id}",
                    List.of(
                            json("missing title", "/funding-calls/{call}", with(CALL, "title", null), "title"),
                            json("no deadline", "/funding-calls/{call}", with(CALL, "deadline", null), "deadline"),
                            json(
                                    "a program of no lab",
                                    "/funding-calls/{call}",
                                    with(
                                            CALL,
                                            "eligibleProgramId",
                                            UUID.randomUUID().toString()),
                                    "eligibleProgramId"),
                            badId("/api/labs/{slug}/funding-calls/{id}", "id"))),
            Map.entry(
                    "POST /api/labs/{slug}/funding-calls/{id}/applications",
                    List.of(
                            json(
                                    "a budget line of nothing",
                                    "/funding-calls/{call}/applications",
                                    Map.of("budgetLines", List.of(Map.of("item", "Wool", "amountKgs", 0))),
                                    "budgetLines[0].amountKgs"),
                            json(
                                    "an oversized idea",
                                    "/funding-calls/{call}/applications",
                                    Map.of("businessIdea", "i".repeat(4001)),
                                    "businessIdea"),
                            badId("/api/labs/{slug}/funding-calls/{id}/applications", "id"))),
            Map.entry(
                    "PUT /api/labs/{slug}/funding-applications/{id}",
                    List.of(
                            json(
                                    "a budget line without an item",
                                    "/funding-applications/{draft}",
                                    Map.of("budgetLines", List.of(Map.of("amountKgs", 10)), "version", 0),
                                    "budgetLines[0].item"),
                            badId("/api/labs/{slug}/funding-applications/{id}", "id"))),
            Map.entry(
                    "POST /api/labs/{slug}/funding-applications/{id}/attachments",
                    List.of(
                            new Bad(
                                    "a text file",
                                    f -> f.base() + "/funding-applications/" + f.draftId() + "/attachments",
                                    "plain words".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                                    Map.of("Content-Type", "text/plain"),
                                    "Content-Type"),
                            new Bad(
                                    "a PNG that is not one",
                                    f -> f.base() + "/funding-applications/" + f.draftId() + "/attachments",
                                    "%PDF-1.4".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                                    Map.of("Content-Type", "image/png"),
                                    "body"),
                            badId("/api/labs/{slug}/funding-applications/{id}/attachments", "id"))),
            Map.entry(
                    "POST /api/labs/{slug}/funding-applications/{id}/submit",
                    List.of(
                            json("a budget of no lines", "/funding-applications/{draft}/submit", null, "budgetLines"),
                            badId("/api/labs/{slug}/funding-applications/{id}/submit", "id"))),
            Map.entry(
                    "POST /api/labs/{slug}/funding-applications/{id}/request-info",
                    List.of(
                            json("no question", "/funding-applications/{draft}/request-info", Map.of(), "question"),
                            badId("/api/labs/{slug}/funding-applications/{id}/request-info", "id"))),
            Map.entry(
                    "POST /api/labs/{slug}/funding-applications/{id}/reviewers",
                    List.of(
                            json(
                                    "no reviewer",
                                    "/funding-applications/{draft}/reviewers",
                                    Map.of(),
                                    "reviewerMembershipId"),
                            json(
                                    "a fourth round",
                                    "/funding-applications/{draft}/reviewers",
                                    Map.of(
                                            "reviewerMembershipId",
                                            UUID.randomUUID().toString(),
                                            "round",
                                            4),
                                    "round"),
                            badId("/api/labs/{slug}/funding-applications/{id}/reviewers", "id"))),
            Map.entry(
                    "POST /api/labs/{slug}/funding-applications/{id}/decision",
                    List.of(
                            json(
                                    "a decision that is none",
                                    "/funding-applications/{draft}/decision",
                                    Map.of("status", "DRAFT"),
                                    "status"),
                            json("no decision", "/funding-applications/{draft}/decision", Map.of(), "status"),
                            json(
                                    "a third decimal",
                                    "/funding-applications/{draft}/decision",
                                    Map.of("status", "AWARDED", "amountKgs", 10.005),
                                    "amountKgs"),
                            badId("/api/labs/{slug}/funding-applications/{id}/decision", "id"))),
            Map.entry(
                    "POST /api/labs/{slug}/reviews/{id}/conflict",
                    List.of(
                            json("no declaration", "/reviews/{any}/conflict", Map.of(), "conflict"),
                            badId("/api/labs/{slug}/reviews/{id}/conflict", "id"))),
            Map.entry(
                    "PUT /api/labs/{slug}/reviews/{id}/scores",
                    List.of(
                            json("no scores", "/reviews/{any}/scores", Map.of("scores", List.of()), "scores"),
                            json(
                                    "eleven of ten",
                                    "/reviews/{any}/scores",
                                    Map.of(
                                            "scores",
                                            List.of(Map.of(
                                                    "criterionId",
                                                    UUID.randomUUID().toString(),
                                                    "score",
                                                    11))),
                                    "scores[0].score"),
                            badId("/api/labs/{slug}/reviews/{id}/scores", "id"))),
            Map.entry(
                    "POST /api/labs/{slug}/tranches/{id}/requirement-met",
                    List.of(badId("/api/labs/{slug}/tranches/{id}/requirement-met", "id"))),
            Map.entry(
                    "POST /api/labs/{slug}/tranches/{id}/pay",
                    List.of(badId("/api/labs/{slug}/tranches/{id}/pay", "id"))),
            Map.entry(
                    "PUT /api/labs/{slug}/outcome-reports/{id}",
                    List.of(
                            json(
                                    "jobs lost below zero",
                                    "/outcome-reports/{any}",
                                    Map.of("businessStarted", true, "jobs", -1, "version", 0),
                                    "jobs"),
                            json(
                                    "no version",
                                    "/outcome-reports/{any}",
                                    Map.of("businessStarted", true, "jobs", 1),
                                    "version"),
                            badId("/api/labs/{slug}/outcome-reports/{id}", "id"))),
            Map.entry(
                    "POST /api/labs/{slug}/outcome-reports/{id}/accept",
                    List.of(badId("/api/labs/{slug}/outcome-reports/{id}/accept", "id"))),
            Map.entry(
                    "POST /api/labs/{slug}/finance/charges/run",
                    List.of(
                            Bad.json("missing month", f -> f.base() + "/finance/charges/run", Map.of(), "month"),
                            Bad.json(
                                    "a thirteenth month",
                                    f -> f.base() + "/finance/charges/run",
                                    Map.of("month", "2026-13"),
                                    "month"))),
            Map.entry(
                    "POST /api/labs/{slug}/finance/charges",
                    List.of(
                            Bad.json(
                                    "nothing to charge",
                                    f -> f.base() + "/finance/charges",
                                    Map.of(
                                            "membershipId",
                                            UUID.randomUUID().toString(),
                                            "month",
                                            "2026-12",
                                            "amountKgs",
                                            0,
                                            "description",
                                            "x"),
                                    "amountKgs"),
                            Bad.json(
                                    "a third decimal",
                                    f -> f.base() + "/finance/charges",
                                    Map.of(
                                            "membershipId",
                                            UUID.randomUUID().toString(),
                                            "month",
                                            "2026-12",
                                            "amountKgs",
                                            1.005,
                                            "description",
                                            "x"),
                                    "amountKgs"),
                            Bad.json(
                                    "a membership of nobody",
                                    f -> f.base() + "/finance/charges",
                                    Map.of(
                                            "membershipId",
                                            UUID.randomUUID().toString(),
                                            "month",
                                            "2026-12",
                                            "amountKgs",
                                            5,
                                            "description",
                                            "x"),
                                    "membershipId"),
                            Bad.json(
                                    "missing description",
                                    f -> f.base() + "/finance/charges",
                                    Map.of(
                                            "membershipId",
                                            UUID.randomUUID().toString(),
                                            "month",
                                            "2026-12",
                                            "amountKgs",
                                            5),
                                    "description"))),
            Map.entry(
                    "POST /api/labs/{slug}/finance/payments",
                    List.of(
                            Bad.json(
                                    "paid in bitcoin",
                                    f -> f.base() + "/finance/payments",
                                    Map.of(
                                            "membershipId",
                                            UUID.randomUUID().toString(),
                                            "amountKgs",
                                            5,
                                            "method",
                                            "BITCOIN",
                                            "receiptNo",
                                            "R1",
                                            "paidOn",
                                            "2026-11-30"),
                                    "method"),
                            Bad.json(
                                    "paid in the future",
                                    f -> f.base() + "/finance/payments",
                                    Map.of(
                                            "membershipId",
                                            UUID.randomUUID().toString(),
                                            "amountKgs",
                                            5,
                                            "method",
                                            "CASH",
                                            "receiptNo",
                                            "R1",
                                            "paidOn",
                                            "2099-01-01"),
                                    "paidOn"),
                            Bad.json(
                                    "missing receipt",
                                    f -> f.base() + "/finance/payments",
                                    Map.of(
                                            "membershipId",
                                            UUID.randomUUID().toString(),
                                            "amountKgs",
                                            5,
                                            "method",
                                            "CASH",
                                            "paidOn",
                                            "2026-11-30"),
                                    "receiptNo"),
                            Bad.json(
                                    "a negative amount",
                                    f -> f.base() + "/finance/payments",
                                    Map.of(
                                            "membershipId",
                                            UUID.randomUUID().toString(),
                                            "amountKgs",
                                            -5,
                                            "method",
                                            "CASH",
                                            "receiptNo",
                                            "R1",
                                            "paidOn",
                                            "2026-11-30"),
                                    "amountKgs"))),
            Map.entry(
                    "POST /api/labs/{slug}/finance/subsidies",
                    List.of(
                            Bad.json(
                                    "missing amount",
                                    f -> f.base() + "/finance/subsidies",
                                    Map.of("membershipId", UUID.randomUUID().toString(), "grantedOn", "2026-11-30"),
                                    "amountKgs"),
                            Bad.json(
                                    "a membership of nobody",
                                    f -> f.base() + "/finance/subsidies",
                                    Map.of(
                                            "membershipId",
                                            UUID.randomUUID().toString(),
                                            "amountKgs",
                                            5,
                                            "grantedOn",
                                            "2026-11-30"),
                                    "membershipId"))),
            Map.entry(
                    "POST /api/labs/{slug}/finance/costs",
                    List.of(
                            Bad.json(
                                    "a party",
                                    f -> f.base() + "/finance/costs",
                                    Map.of("month", "2026-12", "category", "PARTY", "amountKgs", 5),
                                    "category"),
                            Bad.json(
                                    "missing month",
                                    f -> f.base() + "/finance/costs",
                                    Map.of("category", "RENT", "amountKgs", 5),
                                    "month"))),
            Map.entry("POST /api/labs/{slug}/programs", programCases(f -> f.base() + "/programs")),
            Map.entry(
                    "PUT /api/labs/{slug}/programs/{id}",
                    java.util.stream.Stream.concat(
                                    programCases(f -> f.base() + "/programs/" + f.programId()).stream(),
                                    java.util.stream.Stream.of(badId("/api/labs/{slug}/programs/{id}", "id")))
                            .toList()),
            Map.entry(
                    "POST /api/labs/{slug}/programs/{id}/cohorts",
                    List.of(
                            Bad.json(
                                    "missing name",
                                    f -> f.base() + "/programs/" + f.programId() + "/cohorts",
                                    with(COHORT, "name", null),
                                    "name"),
                            Bad.json(
                                    "ending before it starts",
                                    f -> f.base() + "/programs/" + f.programId() + "/cohorts",
                                    with(COHORT, "endsOn", "2027-02-01"),
                                    "cohortDates"),
                            Bad.json(
                                    "a day that is no date",
                                    f -> f.base() + "/programs/" + f.programId() + "/cohorts",
                                    with(COHORT, "startsOn", "spring"),
                                    "startsOn"),
                            Bad.json(
                                    "no seats",
                                    f -> f.base() + "/programs/" + f.programId() + "/cohorts",
                                    with(COHORT, "capacity", 0),
                                    "capacity"),
                            badId("/api/labs/{slug}/programs/{id}/cohorts", "id"))),
            Map.entry(
                    "POST /api/labs/{slug}/cohorts/{id}/sessions",
                    List.of(
                            Bad.json(
                                    "missing title",
                                    f -> f.base() + "/cohorts/" + f.cohortId() + "/sessions",
                                    with(SESSION, "title", null),
                                    "title"),
                            Bad.json(
                                    "ending before it starts",
                                    f -> f.base() + "/cohorts/" + f.cohortId() + "/sessions",
                                    with(SESSION, "startsAt", TOMORROW_11, "endsAt", TOMORROW_10),
                                    "sessionTimes"),
                            Bad.json(
                                    "a space of no lab",
                                    f -> f.base() + "/cohorts/" + f.cohortId() + "/sessions",
                                    with(SESSION, "spaceId", UUID.randomUUID().toString()),
                                    "spaceId"),
                            badId("/api/labs/{slug}/cohorts/{id}/sessions", "id"))),
            Map.entry(
                    "POST /api/labs/{slug}/cohorts/{id}/enrollments",
                    List.of(
                            Bad.json(
                                    "an oversized motivation",
                                    f -> f.base() + "/cohorts/" + f.cohortId() + "/enrollments",
                                    Map.of("motivation", "m".repeat(2001)),
                                    "motivation"),
                            badId("/api/labs/{slug}/cohorts/{id}/enrollments", "id"))),
            Map.entry(
                    "POST /api/labs/{slug}/enrollments/{id}/decision",
                    List.of(
                            Bad.json(
                                    "a decision that is no decision",
                                    f -> f.base() + "/enrollments/" + f.enrollmentId() + "/decision",
                                    Map.of("status", "COMPLETED", "version", 0),
                                    "status"),
                            Bad.json(
                                    "missing version",
                                    f -> f.base() + "/enrollments/" + f.enrollmentId() + "/decision",
                                    Map.of("status", "ENROLLED"),
                                    "version"),
                            badId("/api/labs/{slug}/enrollments/{id}/decision", "id"))),
            Map.entry(
                    "PUT /api/labs/{slug}/program-sessions/{id}/attendance",
                    List.of(
                            Bad.json(
                                    "missing present",
                                    f -> f.base() + "/program-sessions/" + f.sessionId() + "/attendance",
                                    Map.of(),
                                    "present"),
                            Bad.json(
                                    "someone not in the cohort",
                                    f -> f.base() + "/program-sessions/" + f.sessionId() + "/attendance",
                                    Map.of("present", List.of(UUID.randomUUID().toString())),
                                    "present"),
                            badId("/api/labs/{slug}/program-sessions/{id}/attendance", "id"))),
            Map.entry(
                    "POST /api/labs/{slug}/cohorts/{id}/completion",
                    List.of(badId("/api/labs/{slug}/cohorts/{id}/completion", "id"))),
            Map.entry(
                    "POST /api/labs/{slug}/cohorts/{id}/mentors",
                    List.of(
                            Bad.json(
                                    "missing enrolment",
                                    f -> f.base() + "/cohorts/" + f.cohortId() + "/mentors",
                                    Map.of(
                                            "mentorMembershipId",
                                            UUID.randomUUID().toString()),
                                    "enrollmentId"),
                            Bad.json(
                                    "a membership of no mentor",
                                    f -> f.base() + "/cohorts/" + f.cohortId() + "/mentors",
                                    Map.of(
                                            "mentorMembershipId",
                                            UUID.randomUUID().toString(),
                                            "enrollmentId",
                                            UUID.randomUUID().toString()),
                                    "mentorMembershipId"),
                            badId("/api/labs/{slug}/cohorts/{id}/mentors", "id"))),
            Map.entry(
                    "POST /api/labs/{slug}/mentor-assignments/{id}/sessions",
                    List.of(
                            Bad.json(
                                    "no hours",
                                    f -> f.base() + "/mentor-assignments/" + f.assignmentId() + "/sessions",
                                    Map.of("heldOn", "2026-01-10", "hours", 0),
                                    "hours"),
                            Bad.json(
                                    "a day still to come",
                                    f -> f.base() + "/mentor-assignments/" + f.assignmentId() + "/sessions",
                                    Map.of("heldOn", "2099-01-10", "hours", 1),
                                    "heldOn"),
                            Bad.json(
                                    "an oversized topic",
                                    f -> f.base() + "/mentor-assignments/" + f.assignmentId() + "/sessions",
                                    Map.of("heldOn", "2026-01-10", "hours", 1, "topic", "t".repeat(501)),
                                    "topic"),
                            badId("/api/labs/{slug}/mentor-assignments/{id}/sessions", "id"))),
            Map.entry(
                    "POST /api/labs/{slug}/event-formats",
                    List.of(
                            Bad.json(
                                    "missing name",
                                    f -> f.base() + "/event-formats",
                                    Map.of("durationMinutes", 60, "capacity", 10),
                                    "name"),
                            Bad.json(
                                    "five minutes long",
                                    f -> f.base() + "/event-formats",
                                    Map.of("name", "Talk", "durationMinutes", 5, "capacity", 10),
                                    "durationMinutes"),
                            Bad.json(
                                    "missing capacity",
                                    f -> f.base() + "/event-formats",
                                    Map.of("name", "Talk", "durationMinutes", 60),
                                    "capacity"))),
            Map.entry(
                    "POST /api/labs/{slug}/public/events/{id}/registrations",
                    List.of(
                            Bad.json(
                                    "missing name",
                                    f -> f.base() + "/public/events/" + f.eventId() + "/registrations",
                                    with(REGISTRATION, "name", null),
                                    "name"),
                            Bad.json(
                                    "oversized name",
                                    f -> f.base() + "/public/events/" + f.eventId() + "/registrations",
                                    with(REGISTRATION, "name", LONG_121),
                                    "name"),
                            Bad.json(
                                    "a contact that is neither e-mail nor phone",
                                    f -> f.base() + "/public/events/" + f.eventId() + "/registrations",
                                    with(REGISTRATION, "contact", "call me"),
                                    "contact"),
                            Bad.json(
                                    "negative companions",
                                    f -> f.base() + "/public/events/" + f.eventId() + "/registrations",
                                    with(REGISTRATION, "companions", -1),
                                    "companions"),
                            Bad.json(
                                    "more companions than the event takes",
                                    f -> f.base() + "/public/events/" + f.eventId() + "/registrations",
                                    with(REGISTRATION, "companions", 9),
                                    "companions"),
                            Bad.json(
                                    "oversized consent wording",
                                    f -> f.base() + "/public/events/" + f.eventId() + "/registrations",
                                    with(REGISTRATION, "joinNetwork", true, "consentWording", "w".repeat(41)),
                                    "consentWording"),
                            badId("/api/labs/{slug}/public/events/{id}/registrations", "id"))),
            Map.entry("POST /api/labs/{slug}/public/registrations/lookup", codeCases("lookup")),
            Map.entry("POST /api/labs/{slug}/public/registrations/cancel", codeCases("cancel")),
            Map.entry("POST /api/labs/{slug}/public/registrations/claim", codeCases("claim")),
            Map.entry("POST /api/labs/{slug}/public/registrations/erase", codeCases("erase")),
            Map.entry("POST /api/labs/{slug}/public/registrations/qr", codeCases("qr")),
            Map.entry(
                    "POST /api/labs/{slug}/events/{id}/registrations/{registrationId}/erasure",
                    List.of(
                            badId("/api/labs/{slug}/events/{id}/registrations/{registrationId}/erasure", "id"),
                            badId(
                                    "/api/labs/{slug}/events/{id}/registrations/{registrationId}/erasure",
                                    "registrationId"))),
            Map.entry("POST /api/labs/{slug}/events", eventCases(f -> f.base() + "/events")),
            Map.entry(
                    "PUT /api/labs/{slug}/events/{id}",
                    java.util.stream.Stream.concat(
                                    eventCases(f -> f.base() + "/events/" + f.eventId()).stream(),
                                    java.util.stream.Stream.of(
                                            Bad.json(
                                                    "fewer seats than are held",
                                                    f -> f.base() + "/events/" + f.eventId(),
                                                    with(EVENT, "capacity", 2),
                                                    "capacity"),
                                            badId("/api/labs/{slug}/events/{id}", "id")))
                            .toList()),
            Map.entry(
                    "POST /api/labs/{slug}/events/{id}/cancel",
                    List.of(badId("/api/labs/{slug}/events/{id}/cancel", "id"))),
            Map.entry(
                    "POST /api/labs/{slug}/events/{id}/registrations/{registrationId}/cancel",
                    List.of(
                            badId("/api/labs/{slug}/events/{id}/registrations/{registrationId}/cancel", "id"),
                            badId(
                                    "/api/labs/{slug}/events/{id}/registrations/{registrationId}/cancel",
                                    "registrationId"))),
            Map.entry(
                    "POST /api/labs/{slug}/events/{id}/check-ins",
                    List.of(
                            Bad.json(
                                    "no scans",
                                    f -> f.base() + "/events/" + f.eventId() + "/check-ins",
                                    Map.of("scans", List.of()),
                                    "scans"),
                            Bad.json(
                                    "a scan with a code and a registration",
                                    f -> f.base() + "/events/" + f.eventId() + "/check-ins",
                                    Map.of(
                                            "scans",
                                            List.of(Map.of(
                                                    "code",
                                                    "x",
                                                    "registrationId",
                                                    UUID.randomUUID().toString()))),
                                    "scans[0]"),
                            Bad.json(
                                    "a scan time that is no time",
                                    f -> f.base() + "/events/" + f.eventId() + "/check-ins",
                                    Map.of("scans", List.of(Map.of("code", "x", "scannedAt", "at the door"))),
                                    "scans"),
                            Bad.json(
                                    "an oversized device name",
                                    f -> f.base() + "/events/" + f.eventId() + "/check-ins",
                                    Map.of("device", "d".repeat(81), "scans", List.of(Map.of("code", "x"))),
                                    "device"),
                            badId("/api/labs/{slug}/events/{id}/check-ins", "id"))),
            Map.entry(
                    "PUT /api/labs/{slug}/network/{id}/ambassador",
                    List.of(
                            Bad.json(
                                    "missing version",
                                    f -> f.base() + "/network/" + UUID.randomUUID() + "/ambassador",
                                    Map.of("role", "Ambassador"),
                                    "version"),
                            Bad.json(
                                    "oversized role",
                                    f -> f.base() + "/network/" + UUID.randomUUID() + "/ambassador",
                                    Map.of("role", LONG_121, "version", 0),
                                    "role"),
                            badId("/api/labs/{slug}/network/{id}/ambassador", "id"))),
            Map.entry(
                    "POST /api/labs/{slug}/network/{id}/erasure",
                    List.of(badId("/api/labs/{slug}/network/{id}/erasure", "id"))),
            Map.entry("POST /api/labs/{slug}/spaces", spaceCases(f -> f.base() + "/spaces")),
            Map.entry("PUT /api/labs/{slug}/spaces/{id}", spaceCases(f -> f.base() + "/spaces/" + f.spaceId())),
            Map.entry("DELETE /api/labs/{slug}/spaces/{id}", List.of(badId("/api/labs/{slug}/spaces/{id}", "id"))),
            Map.entry(
                    "POST /api/labs/{slug}/spaces/{spaceId}/bookings",
                    List.of(
                            Bad.json(
                                    "missing end",
                                    f -> f.base() + "/spaces/" + f.spaceId() + "/bookings",
                                    with(BOOKING, "endsAt", null),
                                    "endsAt"),
                            Bad.json(
                                    "a start that is no time",
                                    f -> f.base() + "/spaces/" + f.spaceId() + "/bookings",
                                    with(BOOKING, "startsAt", "tomorrow"),
                                    "startsAt"),
                            Bad.json(
                                    "ending before it starts",
                                    f -> f.base() + "/spaces/" + f.spaceId() + "/bookings",
                                    with(
                                            BOOKING,
                                            "endsAt",
                                            TestLabs.tomorrowAt(9).toString()),
                                    "slot"),
                            Bad.json(
                                    "longer than 12 hours",
                                    f -> f.base() + "/spaces/" + f.spaceId() + "/bookings",
                                    with(
                                            BOOKING,
                                            "endsAt",
                                            TestLabs.tomorrowAt(10)
                                                    .plusSeconds(13 * 3600)
                                                    .toString()),
                                    "slot"),
                            Bad.json(
                                    "oversized note",
                                    f -> f.base() + "/spaces/" + f.spaceId() + "/bookings",
                                    with(BOOKING, "note", "n".repeat(501)),
                                    "note"),
                            badId("/api/labs/{slug}/spaces/{spaceId}/bookings", "spaceId"))),
            Map.entry(
                    "POST /api/labs/{slug}/spaces/{spaceId}/booking-series",
                    List.of(
                            Bad.json(
                                    "one occurrence",
                                    f -> f.base() + "/spaces/" + f.spaceId() + "/booking-series",
                                    with(SERIES, "occurrences", 1),
                                    "occurrences"),
                            Bad.json(
                                    "27 occurrences",
                                    f -> f.base() + "/spaces/" + f.spaceId() + "/booking-series",
                                    with(SERIES, "occurrences", 27),
                                    "occurrences"),
                            Bad.json(
                                    "unknown frequency",
                                    f -> f.base() + "/spaces/" + f.spaceId() + "/booking-series",
                                    with(SERIES, "frequency", "HOURLY"),
                                    "frequency"),
                            Bad.json(
                                    "missing frequency",
                                    f -> f.base() + "/spaces/" + f.spaceId() + "/booking-series",
                                    with(SERIES, "frequency", null),
                                    "frequency"),
                            Bad.json(
                                    "ending before it starts",
                                    f -> f.base() + "/spaces/" + f.spaceId() + "/booking-series",
                                    with(
                                            SERIES,
                                            "endsAt",
                                            TestLabs.tomorrowAt(9).toString()),
                                    "slot"))),
            Map.entry(
                    "POST /api/labs/{slug}/bookings/{id}/cancel",
                    List.of(badId("/api/labs/{slug}/bookings/{id}/cancel", "id"))),
            Map.entry(
                    "POST /api/labs/{slug}/booking-series/{id}/cancel",
                    List.of(badId("/api/labs/{slug}/booking-series/{id}/cancel", "id"))),
            Map.entry(
                    "POST /api/labs/{slug}/memberships",
                    List.of(
                            Bad.json(
                                    "unknown role",
                                    f -> f.base() + "/memberships",
                                    Map.of("subject", "x", "roles", List.of("queen")),
                                    "roles"),
                            Bad.json(
                                    "blank subject",
                                    f -> f.base() + "/memberships",
                                    Map.of("subject", "", "roles", List.of("resident")),
                                    "subject"),
                            Bad.json(
                                    "oversized subject",
                                    f -> f.base() + "/memberships",
                                    Map.of("subject", "s".repeat(256), "roles", List.of("resident")),
                                    "subject"),
                            Bad.json(
                                    "no roles",
                                    f -> f.base() + "/memberships",
                                    Map.of("subject", "x", "roles", List.of()),
                                    "roles"))),
            Map.entry(
                    "PUT /api/labs/{slug}/memberships/{id}",
                    List.of(
                            Bad.json(
                                    "no roles",
                                    f -> f.base() + "/memberships/" + f.membershipId(),
                                    with(CHANGE, "roles", List.of()),
                                    "roles"),
                            Bad.json(
                                    "missing active",
                                    f -> f.base() + "/memberships/" + f.membershipId(),
                                    with(CHANGE, "active", null),
                                    "active"),
                            Bad.json(
                                    "version of the wrong type",
                                    f -> f.base() + "/memberships/" + f.membershipId(),
                                    with(CHANGE, "version", "latest"),
                                    "version"),
                            Bad.json(
                                    "a plan that is no UUID",
                                    f -> f.base() + "/memberships/" + f.membershipId(),
                                    with(CHANGE, "planId", "gold"),
                                    "planId"),
                            Bad.json(
                                    "a plan that does not exist",
                                    f -> f.base() + "/memberships/" + f.membershipId(),
                                    with(CHANGE, "planId", UUID.randomUUID().toString()),
                                    "planId"))),
            Map.entry(
                    "POST /api/labs/{slug}/memberships/{id}/approve",
                    List.of(
                            Bad.json(
                                    "granting staff duties",
                                    f -> f.base() + "/memberships/" + f.applicantId() + "/approve",
                                    Map.of("roles", List.of("staff"), "version", 0),
                                    "roles"),
                            Bad.json(
                                    "missing version",
                                    f -> f.base() + "/memberships/" + f.applicantId() + "/approve",
                                    Map.of("roles", List.of("resident")),
                                    "version"))),
            Map.entry(
                    "POST /api/labs/{slug}/memberships/{id}/decline",
                    List.of(
                            Bad.json(
                                    "missing version",
                                    f -> f.base() + "/memberships/" + f.applicantId() + "/decline",
                                    Map.of(),
                                    "version"),
                            badId("/api/labs/{slug}/memberships/{id}/decline", "id"))),
            Map.entry(
                    "POST /api/labs/{slug}/memberships/{id}/erasure",
                    List.of(badId("/api/labs/{slug}/memberships/{id}/erasure", "id"))),
            // Erasing oneself and applying take no input at all: a body is ignored, so there is nothing to get wrong.
            Map.entry("POST /api/labs/{slug}/memberships/me/erasure", List.of()),
            Map.entry("POST /api/labs/{slug}/membership-requests", List.of()),
            Map.entry(
                    "PUT /api/labs/{slug}/profiles/me",
                    List.of(
                            Bad.json(
                                    "missing display name",
                                    f -> f.base() + "/profiles/me",
                                    Map.of("craft", "felt"),
                                    "displayName"),
                            Bad.json(
                                    "oversized display name",
                                    f -> f.base() + "/profiles/me",
                                    Map.of("displayName", LONG_121),
                                    "displayName"),
                            Bad.json(
                                    "an e-mail that is none",
                                    f -> f.base() + "/profiles/me",
                                    Map.of("displayName", "Aida", "email", "not-an-email"),
                                    "email"),
                            Bad.json(
                                    "a phone that is none",
                                    f -> f.base() + "/profiles/me",
                                    Map.of("displayName", "Aida", "phone", "call me"),
                                    "phone"),
                            Bad.json(
                                    "oversized bio",
                                    f -> f.base() + "/profiles/me",
                                    Map.of("displayName", "Aida", "bio", "b".repeat(2001)),
                                    "bio"),
                            Bad.json(
                                    "unknown visibility",
                                    f -> f.base() + "/profiles/me",
                                    Map.of("displayName", "Aida", "visibility", "EVERYONE"),
                                    "visibility"))),
            Map.entry(
                    "POST /api/labs/{slug}/profiles/me/consents",
                    List.of(
                            Bad.json(
                                    "no fields",
                                    f -> f.base() + "/profiles/me/consents",
                                    Map.of("fields", List.of(), "values", Map.of()),
                                    "fields"),
                            Bad.json(
                                    "an unknown field",
                                    f -> f.base() + "/profiles/me/consents",
                                    Map.of("fields", List.of("religion"), "values", Map.of()),
                                    "fields"),
                            Bad.json(
                                    "a value without consent",
                                    f -> f.base() + "/profiles/me/consents",
                                    Map.of(
                                            "fields",
                                            List.of("gender"),
                                            "values",
                                            Map.of("gender", "woman", "income", "no-income")),
                                    "values"),
                            Bad.json(
                                    "an answer the field does not take",
                                    f -> f.base() + "/profiles/me/consents",
                                    Map.of("fields", List.of("gender"), "values", Map.of("gender", "unknown")),
                                    "values"),
                            Bad.json(
                                    "missing values",
                                    f -> f.base() + "/profiles/me/consents",
                                    Map.of("fields", List.of("gender")),
                                    "values"))),
            Map.entry(
                    "POST /api/labs/{slug}/profiles/me/consents/{id}/withdraw",
                    List.of(badId("/api/labs/{slug}/profiles/me/consents/{id}/withdraw", "id"))),
            Map.entry("POST /api/labs/{slug}/plans", planCases(f -> f.base() + "/plans")),
            Map.entry("PUT /api/labs/{slug}/plans/{id}", planCases(f -> f.base() + "/plans/" + f.planId())),
            Map.entry(
                    "PUT /api/labs/{slug}/branding",
                    List.of(
                            Bad.json(
                                    "a colour that is none",
                                    f -> f.base() + "/branding",
                                    with(BRANDING, "primaryColor", "red"),
                                    "primaryColor"),
                            Bad.json(
                                    "an unknown language",
                                    f -> f.base() + "/branding",
                                    with(BRANDING, "defaultLanguage", "fr"),
                                    "defaultLanguage"),
                            Bad.json(
                                    "an unknown time zone",
                                    f -> f.base() + "/branding",
                                    with(BRANDING, "timeZone", "Mars/Olympus"),
                                    "knownTimeZone"),
                            Bad.json(
                                    "oversized display name",
                                    f -> f.base() + "/branding",
                                    with(BRANDING, "displayName", LONG_121),
                                    "displayName"),
                            Bad.json(
                                    "missing version",
                                    f -> f.base() + "/branding",
                                    with(BRANDING, "version", null),
                                    "version"))),
            Map.entry(
                    "PUT /api/labs/{slug}/branding/logo",
                    List.of(
                            new Bad(
                                    "an SVG",
                                    f -> f.base() + "/branding/logo",
                                    "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"
                                            .getBytes(),
                                    Map.of("Content-Type", "image/svg+xml"),
                                    "logo"),
                            new Bad(
                                    "an SVG sent as PNG",
                                    f -> f.base() + "/branding/logo",
                                    "<svg xmlns=\"http://www.w3.org/2000/svg\"/>".getBytes(),
                                    Map.of(),
                                    "logo"),
                            new Bad(
                                    "text, not an image",
                                    f -> f.base() + "/branding/logo",
                                    "hello".getBytes(),
                                    Map.of(),
                                    "logo"),
                            // Larger than 512 KB is a 413 before anything is read: RequestBodyLimitsIntegrationTests.
                            new Bad("empty", f -> f.base() + "/branding/logo", new byte[0], Map.of(), "logo"))),
            Map.entry(
                    "POST /internal/tenants",
                    List.of(
                            Bad.json(
                                    "a bad slug",
                                    f -> "/internal/tenants",
                                    Map.of("labId", UUID.randomUUID(), "slug", "Osh Lab!"),
                                    "slug"),
                            Bad.json(
                                    "a reserved slug",
                                    f -> "/internal/tenants",
                                    Map.of("labId", UUID.randomUUID(), "slug", "admin"),
                                    "slug"),
                            Bad.json(
                                    "a lab id that is no UUID",
                                    f -> "/internal/tenants",
                                    Map.of("labId", "osh", "slug", "osh-two"),
                                    "labId"))),
            Map.entry(
                    "POST /internal/tenants/{labId}/members",
                    List.of(
                            Bad.json(
                                    "unknown role",
                                    f -> "/internal/tenants/" + f.lab().id() + "/members",
                                    Map.of("subject", "x", "roles", List.of("queen")),
                                    "roles"),
                            badId("/internal/tenants/{labId}/members", "labId"))),
            Map.entry(
                    "POST /internal/tenants/{labId}/migrate",
                    List.of(badId("/internal/tenants/{labId}/migrate", "labId"))),
            Map.entry(
                    "POST /internal/tenants/{labId}/resume",
                    List.of(badId("/internal/tenants/{labId}/resume", "labId"))),
            Map.entry(
                    "POST /internal/tenants/{labId}/suspend",
                    List.of(badId("/internal/tenants/{labId}/suspend", "labId"))),
            Map.entry(
                    "POST /internal/tenants/{labId}/archive",
                    List.of(badId("/internal/tenants/{labId}/archive", "labId"))),
            Map.entry("DELETE /internal/tenants/{labId}", List.of(badId("/internal/tenants/{labId}", "labId"))),
            Map.entry(
                    "POST /internal/tenants/{labId}/template",
                    List.of(
                            Bad.json(
                                    "an unknown section",
                                    f -> "/internal/tenants/" + f.lab().id() + "/template",
                                    Map.of("castles", List.of()),
                                    "castles"),
                            Bad.json(
                                    "a space without capacity",
                                    f -> "/internal/tenants/" + f.lab().id() + "/template",
                                    Map.of("spaces", List.of(Map.of("name", "Loom", "kind", "ROOM"))),
                                    "spaces[0].capacity"),
                            Bad.json(
                                    "a plan of the wrong shape",
                                    f -> "/internal/tenants/" + f.lab().id() + "/template",
                                    Map.of("plans", List.of("Resident")),
                                    "plans[0]"),
                            Bad.json(
                                    "a colour that is none",
                                    f -> "/internal/tenants/" + f.lab().id() + "/template",
                                    Map.of("branding", Map.of("primaryColor", "red")),
                                    "branding.primaryColor"),
                            badId("/internal/tenants/{labId}/template", "labId"))),
            Map.entry(
                    "POST /internal/tenants/{labId}/exports",
                    List.of(badId("/internal/tenants/{labId}/exports", "labId"))),
            Map.entry(
                    "POST /internal/tenants/{labId}/restore",
                    List.of(
                            Bad.json(
                                    "missing export id",
                                    f -> "/internal/tenants/" + f.lab().id() + "/restore",
                                    Map.of(),
                                    "exportId"),
                            Bad.json(
                                    "an export id that is no UUID",
                                    f -> "/internal/tenants/" + f.lab().id() + "/restore",
                                    Map.of("exportId", "../../etc"),
                                    "exportId"),
                            badId("/internal/tenants/{labId}/restore", "labId"))),
            // Migrating every lab takes no input.
            Map.entry("POST /internal/tenants/migrate", List.of()));

    @Autowired
    @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;

    Fixture fixture;

    @BeforeEach
    void setUp() {
        Lab lab = labs.createServing("invalid");
        UUID space = labs.createSpace(lab, "Felt studio");
        UUID member = labs.seat(lab, "member-" + UUID.randomUUID(), "resident");
        UUID applicant = labs.seat(lab, "applicant-" + UUID.randomUUID(), "applicant");
        Api.Reply plan = api.post("/api/labs/" + lab.slug() + "/plans", Map.of("name", "Resident"));
        assertThat(plan.status()).as(plan.toString()).isEqualTo(201);
        // An event with three seats held, so fewer seats than that is refused.
        Api.Reply event = api.post("/api/labs/" + lab.slug() + "/events", with(EVENT, "version", null));
        assertThat(event.status()).as(event.toString()).isEqualTo(201);
        UUID eventId = UUID.fromString(event.json().get("id").asString());
        assertThat(api.anonymous()
                        .post(
                                "/api/labs/" + lab.slug() + "/public/events/" + eventId + "/registrations",
                                with(REGISTRATION, "companions", 2))
                        .status())
                .isEqualTo(201);
        String base = "/api/labs/" + lab.slug();
        UUID program = created(api.post(base + "/programs", with(PROGRAM, "version", null)));
        UUID cohort = created(api.post(base + "/programs/" + program + "/cohorts", COHORT));
        UUID session = created(api.post(base + "/cohorts/" + cohort + "/sessions", SESSION));
        UUID enrollment = created(api.post(base + "/cohorts/" + cohort + "/enrollments", Map.of()));
        UUID mentor = labs.seat(lab, "mentor-" + UUID.randomUUID(), "mentor");
        UUID assignment = created(api.post(
                base + "/cohorts/" + cohort + "/mentors",
                Map.of("mentorMembershipId", mentor, "enrollmentId", enrollment)));
        UUID call = created(api.post(base + "/funding-calls", CALL));
        UUID draft =
                created(api.post(base + "/funding-calls/" + call + "/applications", Map.of("businessIdea", "Bags")));
        fixture = new Fixture(
                lab,
                space,
                member,
                applicant,
                UUID.fromString(plan.json().get("id").asString()),
                eventId,
                program,
                cohort,
                session,
                enrollment,
                assignment,
                call,
                draft);
    }

    private static UUID created(Api.Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return UUID.fromString(reply.json().get("id").asString());
    }

    @Test
    void everyWriteEndpointHasInvalidInputCases() {
        assertThat(CASES.keySet())
                .as("invalid-input cases; add them for each new write endpoint")
                .containsAll(writeEndpoints());
    }

    @TestFactory
    Stream<DynamicTest> invalidInputIsA400NamingTheFieldAndWritesNothing() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String endpoint : writeEndpoints()) {
            String method = endpoint.substring(0, endpoint.indexOf(' '));
            for (Bad bad : CASES.getOrDefault(endpoint, List.of())) {
                tests.add(DynamicTest.dynamicTest(endpoint + ": " + bad.label(), () -> {
                    Map<String, String> before = LabDatabase.fingerprint(fixture.lab());
                    Map<String, String> headers = new HashMap<>(bad.headers());
                    headers.put("Idempotency-Key", "invalid-" + UUID.randomUUID());
                    Api.Reply reply = api.send(method, bad.path().apply(fixture), bad.body(), headers);
                    assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
                    assertThat(reply.isProblem()).isTrue();
                    assertThat(fieldsNamed(reply.json())).as(reply.toString()).anyMatch(f -> f.startsWith(bad.field()));
                    assertThat(LabDatabase.fingerprint(fixture.lab()))
                            .as("nothing written")
                            .isEqualTo(before);
                }));
            }
        }
        assertThat(tests).hasSizeGreaterThan(60);
        return tests.stream();
    }

    private static Set<String> fieldsNamed(JsonNode problem) {
        Set<String> fields = new TreeSet<>();
        if (problem.has("field")) {
            fields.add(problem.get("field").asString());
        }
        if (problem.has("errors")) {
            problem.get("errors").forEach(e -> fields.add(e.get("field").asString()));
        }
        return fields;
    }

    private Set<String> writeEndpoints() {
        Set<String> endpoints = new TreeSet<>();
        mappings.getHandlerMethods()
                .keySet()
                .forEach(info -> info.getPatternValues().stream()
                        .filter(p -> p.startsWith("/api/") || p.startsWith("/internal/"))
                        .forEach(p -> info.getMethodsCondition().getMethods().stream()
                                .filter(m -> !m.name().equals("GET"))
                                .forEach(m -> endpoints.add(m.name() + " " + p))));
        return endpoints;
    }
}
