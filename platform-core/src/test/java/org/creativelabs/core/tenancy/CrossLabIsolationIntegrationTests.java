package org.creativelabs.core.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.creativelabs.core.support.Api;
import org.creativelabs.core.support.LabApiTest;
import org.creativelabs.core.support.LabDatabase;
import org.creativelabs.core.support.TestAccounts;
import org.creativelabs.core.support.TestLabs;
import org.creativelabs.devstack.TestKeycloak;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;
import org.springframework.data.repository.CrudRepository;
import org.springframework.data.repository.support.Repositories;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * Must-show 1: what is written in lab A is invisible from lab B, through every lab endpoint and every
 * repository. Both lists are discovered from the running application, so a new endpoint or repository
 * without a case here fails {@link #everyLabEndpointHasACrossLabCase()} / {@link #everyRepositoryHasAFixture()}.
 */
class CrossLabIsolationIntegrationTests extends LabApiTest {

    /** Per endpoint: given lab A (holding one space and one member), lab B and A's ids, call B and check A stays unseen. */
    private static final Map<String, Case> ENDPOINTS = Map.ofEntries(
            Map.entry("GET /api/labs/{slug}/spaces", (t, a) -> {
                assertThat(t.api.get(t.path(t.b, "/spaces"))
                                .json()
                                .get("totalItems")
                                .asInt())
                        .isZero();
                assertThat(t.api.get(t.path(t.a, "/spaces"))
                                .json()
                                .get("totalItems")
                                .asInt())
                        .isEqualTo(1);
            }),
            Map.entry("POST /api/labs/{slug}/spaces", (t, a) -> {
                // The same name in another lab is no conflict: the labs share nothing.
                Api.Reply created = t.api.post(
                        t.path(t.b, "/spaces"), Map.of("name", "Studio of A", "kind", "ROOM", "capacity", 2));
                assertThat(created.status()).isEqualTo(201);
                assertThat(t.api.get(t.path(t.a, "/spaces"))
                                .json()
                                .get("totalItems")
                                .asInt())
                        .isEqualTo(1);
                assertThat(t.api.get(t.path(
                                        t.a,
                                        "/spaces/" + created.json().get("id").asString()))
                                .status())
                        .isEqualTo(404);
            }),
            Map.entry("GET /api/labs/{slug}/spaces/{id}", (t, a) -> {
                assertThat(t.api.get(t.path(t.b, "/spaces/" + a.spaceId())).status())
                        .isEqualTo(404);
                assertThat(t.api.get(t.path(t.a, "/spaces/" + a.spaceId())).status())
                        .isEqualTo(200);
            }),
            Map.entry("PUT /api/labs/{slug}/spaces/{id}", (t, a) -> {
                Api.Reply put = t.api.put(
                        t.path(t.b, "/spaces/" + a.spaceId()),
                        Map.of("name", "Taken over", "kind", "ROOM", "capacity", 1, "version", 0));
                assertThat(put.status()).isEqualTo(404);
                assertThat(t.api.get(t.path(t.a, "/spaces/" + a.spaceId()))
                                .json()
                                .get("name")
                                .asString())
                        .isEqualTo("Studio of A");
            }),
            Map.entry("DELETE /api/labs/{slug}/spaces/{id}", (t, a) -> {
                assertThat(t.api.delete(t.path(t.b, "/spaces/" + a.spaceId())).status())
                        .isEqualTo(404);
                assertThat(t.api.get(t.path(t.a, "/spaces/" + a.spaceId())).status())
                        .isEqualTo(200);
            }),
            Map.entry("GET /api/labs/{slug}/memberships", (t, a) -> {
                assertThat(t.api.get(t.path(t.b, "/memberships")).body())
                        .doesNotContain(a.memberSubject(), a.membershipId().toString());
                assertThat(t.api.get(t.path(t.a, "/memberships")).body()).contains(a.memberSubject());
            }),
            Map.entry("GET /api/labs/{slug}/memberships/me", (t, a) -> {
                String inA = t.api.get(t.path(t.a, "/memberships/me"))
                        .json()
                        .get("id")
                        .asString();
                String inB = t.api.get(t.path(t.b, "/memberships/me"))
                        .json()
                        .get("id")
                        .asString();
                assertThat(inB).isNotEqualTo(inA);
            }),
            Map.entry("POST /api/labs/{slug}/memberships", (t, a) -> {
                String newcomer = "newcomer-" + UUID.randomUUID();
                assertThat(t.api.post(
                                        t.path(t.b, "/memberships"),
                                        Map.of("subject", newcomer, "roles", List.of("resident")))
                                .status())
                        .isEqualTo(201);
                assertThat(t.api.get(t.path(t.a, "/memberships")).body()).doesNotContain(newcomer);
            }),
            Map.entry("PUT /api/labs/{slug}/memberships/{id}", (t, a) -> {
                Api.Reply put = t.api.put(
                        t.path(t.b, "/memberships/" + a.membershipId()),
                        Map.of("roles", List.of("lab-admin"), "active", true, "version", 0));
                assertThat(put.status()).isEqualTo(404);
                assertThat(t.api.get(t.path(t.a, "/memberships")).body()).contains("\"resident\"");
            }),
            Map.entry("GET /api/labs/{slug}/spaces/{spaceId}/bookings", (t, a) -> {
                assertThat(t.api.get(t.path(t.b, "/spaces/" + a.spaceId() + "/bookings"))
                                .status())
                        .isEqualTo(404);
                assertThat(t.api.get(t.path(t.a, "/spaces/" + a.spaceId() + "/bookings"))
                                .json()
                                .size())
                        .isEqualTo(3);
            }),
            Map.entry("POST /api/labs/{slug}/spaces/{spaceId}/bookings", (t, a) -> {
                Api.Reply booked = t.api.post(
                        t.path(t.b, "/spaces/" + a.spaceId() + "/bookings"),
                        Map.of(
                                "startsAt",
                                TestLabs.tomorrowAt(14).toString(),
                                "endsAt",
                                TestLabs.tomorrowAt(15).toString()));
                assertThat(booked.status()).isEqualTo(404);
                assertThat(t.api.get(t.path(t.a, "/spaces/" + a.spaceId() + "/bookings"))
                                .json()
                                .size())
                        .isEqualTo(3);
            }),
            Map.entry("POST /api/labs/{slug}/bookings/{id}/cancel", (t, a) -> {
                assertThat(t.api.post(t.path(t.b, "/bookings/" + a.bookingId() + "/cancel"), null)
                                .status())
                        .isEqualTo(404);
                assertThat(t.api.get(t.path(t.a, "/spaces/" + a.spaceId() + "/bookings"))
                                .json()
                                .get(0)
                                .get("status")
                                .asString())
                        .isEqualTo("CONFIRMED");
            }),
            Map.entry("POST /api/labs/{slug}/finance/charges/run", (t, a) -> {
                a.withFinance();
                assertThat(t.api.post(t.path(t.b, "/finance/charges/run"), Map.of("month", "2026-12"))
                                .status())
                        .isEqualTo(200);
                assertThat(t.balancesOf(t.a)).isEqualTo(2);
            }),
            Map.entry("POST /api/labs/{slug}/finance/charges", (t, a) -> {
                a.withFinance();
                Api.Reply charged = t.api.post(
                        t.path(t.b, "/finance/charges"),
                        Map.of(
                                "membershipId",
                                a.membershipId(),
                                "month",
                                "2026-12",
                                "amountKgs",
                                5,
                                "description",
                                "x"));
                assertThat(charged.status()).isEqualTo(400);
                assertThat(charged.body()).contains("membershipId");
                assertThat(t.balancesOf(t.b)).isZero();
            }),
            Map.entry("POST /api/labs/{slug}/finance/payments", (t, a) -> {
                a.withFinance();
                assertThat(t.api.post(
                                        t.path(t.b, "/finance/payments"),
                                        Map.of(
                                                "membershipId",
                                                a.membershipId(),
                                                "amountKgs",
                                                5,
                                                "method",
                                                "CASH",
                                                "receiptNo",
                                                "A-1",
                                                "paidOn",
                                                "2026-11-30"))
                                .status())
                        .isEqualTo(400);
                // The receipt number lab A used is free in lab B: the labs share nothing.
                assertThat(t.api.post(
                                        t.path(t.b, "/finance/payments"),
                                        Map.of(
                                                "membershipId",
                                                t.adminMembershipIn(t.b),
                                                "amountKgs",
                                                5,
                                                "method",
                                                "CASH",
                                                "receiptNo",
                                                "A-1",
                                                "paidOn",
                                                "2026-11-30"))
                                .status())
                        .isEqualTo(201);
            }),
            Map.entry("POST /api/labs/{slug}/finance/subsidies", (t, a) -> {
                a.withFinance();
                assertThat(t.api.post(
                                        t.path(t.b, "/finance/subsidies"),
                                        Map.of(
                                                "membershipId",
                                                a.membershipId(),
                                                "amountKgs",
                                                5,
                                                "grantedOn",
                                                "2026-11-30"))
                                .status())
                        .isEqualTo(400);
                assertThat(t.balancesOf(t.b)).isZero();
            }),
            Map.entry("POST /api/labs/{slug}/finance/costs", (t, a) -> {
                a.withFinance();
                assertThat(t.api.post(
                                        t.path(t.b, "/finance/costs"),
                                        Map.of("month", "2026-12", "category", "RENT", "amountKgs", 777))
                                .status())
                        .isEqualTo(201);
                assertThat(t.api.get(t.path(t.a, "/finance/self-financing?from=2026-12&to=2026-12"))
                                .json()
                                .get("costsKgs")
                                .decimalValue())
                        .isEqualByComparingTo("1000");
            }),
            Map.entry("GET /api/labs/{slug}/finance/balances", (t, a) -> {
                a.withFinance();
                assertThat(t.api.get(t.path(t.b, "/finance/balances")).body())
                        .doesNotContain(a.membershipId().toString());
                assertThat(t.api.get(t.path(t.a, "/finance/balances")).body())
                        .contains(a.membershipId().toString());
            }),
            Map.entry("GET /api/labs/{slug}/finance/mine", (t, a) -> {
                a.withFinance();
                assertThat(t.api.get(t.path(t.b, "/finance/mine"))
                                .json()
                                .get("entries")
                                .size())
                        .isZero();
                assertThat(t.api.get(t.path(t.a, "/finance/mine"))
                                .json()
                                .get("entries")
                                .size())
                        .isEqualTo(1);
            }),
            Map.entry("GET /api/labs/{slug}/finance/self-financing", (t, a) -> {
                a.withFinance();
                assertThat(t.api.get(t.path(t.b, "/finance/self-financing?from=2026-12&to=2026-12"))
                                .json()
                                .get("incomeKgs")
                                .decimalValue())
                        .isEqualByComparingTo("0");
                assertThat(t.api.get(t.path(t.a, "/finance/self-financing?from=2026-12&to=2026-12"))
                                .json()
                                .get("incomeKgs")
                                .decimalValue())
                        .isEqualByComparingTo("1500");
            }),
            Map.entry("GET /api/labs/{slug}/funding-calls", (t, a) -> {
                assertThat(t.api.get(t.path(t.b, "/funding-calls")).body())
                        .doesNotContain(a.funding().callId().toString());
                assertThat(t.api.get(t.path(t.a, "/funding-calls")).body())
                        .contains(a.funding().callId().toString());
            }),
            Map.entry("POST /api/labs/{slug}/funding-calls", (t, a) -> {
                a.funding();
                assertThat(t.api.post(t.path(t.b, "/funding-calls"), callBody("Seed grants of A"))
                                .status())
                        .as("the same title in another lab is no conflict")
                        .isEqualTo(201);
                assertThat(t.api.get(t.path(t.a, "/funding-calls")).json().size())
                        .isEqualTo(1);
            }),
            Map.entry("GET /api/labs/{slug}/notifications/mine", (t, a) -> {
                a.funding();
                assertThat(t.api.get(t.path(t.b, "/notifications/mine")).json().size())
                        .isZero();
                assertThat(t.api.get(t.path(t.a, "/notifications/mine")).body()).contains("application-decided");
            }),
            Map.entry("POST /api/labs/{slug}/notifications/{id}/read", (t, a) -> {
                a.funding();
                String inA = t.api.get(t.path(t.a, "/notifications/mine"))
                        .json()
                        .get(0)
                        .get("id")
                        .asString();
                assertThat(t.api.post(t.path(t.b, "/notifications/" + inA + "/read"), null)
                                .status())
                        .isEqualTo(404);
                assertThat(t.api.get(t.path(t.a, "/notifications/mine"))
                                .json()
                                .get(0)
                                .has("readAt"))
                        .isFalse();
            }),
            Map.entry("PUT /api/labs/{slug}/funding-calls/{id}", (t, a) -> {
                Map<String, Object> renamed = new java.util.HashMap<>(callBody("Taken over"));
                renamed.put("version", 0);
                assertThat(t.api.put(t.path(t.b, "/funding-calls/" + a.funding().callId()), renamed)
                                .status())
                        .isEqualTo(404);
                assertThat(t.api.get(t.path(t.a, "/funding-calls")).body()).doesNotContain("Taken over");
            }),
            Map.entry("POST /api/labs/{slug}/funding-calls/{id}/applications", (t, a) -> {
                assertThat(t.api.send(
                                        "POST",
                                        t.path(
                                                t.b,
                                                "/funding-calls/" + a.funding().callId() + "/applications"),
                                        Map.of("businessIdea", "x"),
                                        Map.of())
                                .status())
                        .isEqualTo(404);
                assertThat(t.api.get(t.path(t.b, "/funding-applications/mine"))
                                .json()
                                .size())
                        .isZero();
            }),
            Map.entry("PUT /api/labs/{slug}/funding-applications/{id}", (t, a) -> {
                assertThat(t.api.send(
                                        "PUT",
                                        t.path(
                                                t.b,
                                                "/funding-applications/"
                                                        + a.funding().applicationId()),
                                        Map.of("businessIdea", "Taken over", "version", 0),
                                        Map.of())
                                .status())
                        .isEqualTo(404);
                assertThat(t.api.get(t.path(t.a, "/funding-applications/mine")).body())
                        .doesNotContain("Taken over");
            }),
            Map.entry("POST /api/labs/{slug}/funding-applications/{id}/attachments", (t, a) -> {
                assertThat(t.api.send(
                                        "POST",
                                        t.path(
                                                t.b,
                                                "/funding-applications/"
                                                        + a.funding().applicationId() + "/attachments"),
                                        TestLabs.png(16),
                                        Map.of())
                                .status())
                        .isEqualTo(404);
            }),
            Map.entry("POST /api/labs/{slug}/funding-applications/{id}/submit", (t, a) -> {
                assertThat(t.api.send(
                                        "POST",
                                        t.path(
                                                t.b,
                                                "/funding-applications/"
                                                        + a.funding().applicationId() + "/submit"),
                                        null,
                                        Map.of())
                                .status())
                        .isEqualTo(404);
            }),
            Map.entry("GET /api/labs/{slug}/funding-applications/mine", (t, a) -> {
                a.funding();
                assertThat(t.api.get(t.path(t.b, "/funding-applications/mine"))
                                .json()
                                .size())
                        .isZero();
                assertThat(t.api.get(t.path(t.a, "/funding-applications/mine"))
                                .json()
                                .size())
                        .isEqualTo(1);
            }),
            Map.entry("GET /api/labs/{slug}/funding-calls/{id}/applications", (t, a) -> {
                assertThat(t.api.send(
                                        "GET",
                                        t.path(
                                                t.b,
                                                "/funding-calls/" + a.funding().callId() + "/applications"),
                                        null,
                                        Map.of())
                                .status())
                        .isEqualTo(404);
                assertThat(t.api.get(t.path(t.a, "/funding-calls/" + a.funding().callId() + "/applications"))
                                .json()
                                .size())
                        .isEqualTo(1);
            }),
            Map.entry("POST /api/labs/{slug}/funding-applications/{id}/request-info", (t, a) -> {
                assertThat(t.api.send(
                                        "POST",
                                        t.path(
                                                t.b,
                                                "/funding-applications/"
                                                        + a.funding().applicationId() + "/request-info"),
                                        Map.of("question", "x"),
                                        Map.of())
                                .status())
                        .isEqualTo(404);
            }),
            Map.entry("POST /api/labs/{slug}/funding-applications/{id}/reviewers", (t, a) -> {
                assertThat(t.api.send(
                                        "POST",
                                        t.path(
                                                t.b,
                                                "/funding-applications/"
                                                        + a.funding().applicationId() + "/reviewers"),
                                        Map.of("reviewerMembershipId", t.adminMembershipIn(t.b)),
                                        Map.of())
                                .status())
                        .isEqualTo(404);
            }),
            Map.entry("POST /api/labs/{slug}/funding-applications/{id}/decision", (t, a) -> {
                assertThat(t.api.send(
                                        "POST",
                                        t.path(
                                                t.b,
                                                "/funding-applications/"
                                                        + a.funding().applicationId() + "/decision"),
                                        Map.of("status", "DECLINED"),
                                        Map.of())
                                .status())
                        .isEqualTo(404);
                assertThat(t.api.get(t.path(t.a, "/funding-applications/mine")).body())
                        .contains("AWARDED");
            }),
            Map.entry("GET /api/labs/{slug}/reviews/mine", (t, a) -> {
                assertThat(t.api.get(t.path(t.b, "/reviews/mine")).json().size())
                        .isZero();
            }),
            Map.entry("POST /api/labs/{slug}/reviews/{id}/conflict", (t, a) -> {
                assertThat(t.api.send(
                                        "POST",
                                        t.path(t.b, "/reviews/" + a.funding().reviewId() + "/conflict"),
                                        Map.of("conflict", true),
                                        Map.of())
                                .status())
                        .isEqualTo(404);
            }),
            Map.entry("PUT /api/labs/{slug}/reviews/{id}/scores", (t, a) -> {
                assertThat(t.api.send(
                                        "PUT",
                                        t.path(t.b, "/reviews/" + a.funding().reviewId() + "/scores"),
                                        Map.of("scores", List.of(Map.of("criterionId", UUID.randomUUID(), "score", 1))),
                                        Map.of())
                                .status())
                        .isEqualTo(404);
            }),
            Map.entry("POST /api/labs/{slug}/tranches/{id}/requirement-met", (t, a) -> {
                assertThat(t.api.send(
                                        "POST",
                                        t.path(t.b, "/tranches/" + a.funding().secondTranche() + "/requirement-met"),
                                        null,
                                        Map.of())
                                .status())
                        .isEqualTo(404);
                assertThat(t.api.post(t.path(t.a, "/tranches/" + a.funding().secondTranche() + "/pay"), null)
                                .status())
                        .as("still waiting in lab A")
                        .isEqualTo(409);
            }),
            Map.entry("POST /api/labs/{slug}/tranches/{id}/pay", (t, a) -> {
                assertThat(t.api.send(
                                        "POST",
                                        t.path(t.b, "/tranches/" + a.funding().firstTranche() + "/pay"),
                                        null,
                                        Map.of())
                                .status())
                        .isEqualTo(404);
                assertThat(t.api.get(t.path(t.a, "/funding-applications/mine")).body())
                        .doesNotContain("paidAt");
            }),
            Map.entry("PUT /api/labs/{slug}/outcome-reports/{id}", (t, a) -> {
                assertThat(t.api.send(
                                        "PUT",
                                        t.path(
                                                t.b,
                                                "/outcome-reports/"
                                                        + a.funding().reportId()),
                                        Map.of("businessStarted", true, "jobs", 1, "version", 0),
                                        Map.of())
                                .status())
                        .isEqualTo(404);
            }),
            Map.entry("POST /api/labs/{slug}/outcome-reports/{id}/accept", (t, a) -> {
                assertThat(t.api.send(
                                        "POST",
                                        t.path(
                                                t.b,
                                                "/outcome-reports/"
                                                        + a.funding().reportId() + "/accept"),
                                        null,
                                        Map.of())
                                .status())
                        .isEqualTo(404);
            }),
            Map.entry("GET /api/labs/{slug}/outcome-reports/late", (t, a) -> {
                LabDatabase.update(
                        t.a,
                        "outcome_report",
                        "due_on = current_date - 1",
                        "id = ?::uuid",
                        a.funding().reportId());
                assertThat(t.api.get(t.path(t.b, "/outcome-reports/late"))
                                .json()
                                .size())
                        .isZero();
                assertThat(t.api.get(t.path(t.a, "/outcome-reports/late")).body())
                        .contains(a.funding().reportId().toString());
            }),
            Map.entry("GET /api/labs/{slug}/programs", (t, a) -> {
                assertThat(t.api.get(t.path(t.b, "/programs")).body())
                        .doesNotContain(a.programs().programId().toString());
                assertThat(t.api.get(t.path(t.a, "/programs")).body())
                        .contains(a.programs().programId().toString());
            }),
            Map.entry("POST /api/labs/{slug}/programs", (t, a) -> {
                a.programs();
                // The same title in another lab is no conflict.
                assertThat(t.api.post(
                                        t.path(t.b, "/programs"),
                                        Map.of("title", "Program of A", "kind", "COURSE", "enrolment", "DIRECT"))
                                .status())
                        .isEqualTo(201);
                assertThat(t.api.get(t.path(t.a, "/programs"))
                                .json()
                                .get("totalItems")
                                .asInt())
                        .isEqualTo(1);
            }),
            Map.entry("PUT /api/labs/{slug}/programs/{id}", (t, a) -> {
                assertThat(t.api.put(
                                        t.path(t.b, "/programs/" + a.programs().programId()),
                                        Map.of(
                                                "title",
                                                "Taken over",
                                                "kind",
                                                "COURSE",
                                                "enrolment",
                                                "DIRECT",
                                                "version",
                                                0))
                                .status())
                        .isEqualTo(404);
                assertThat(t.api.get(t.path(t.a, "/programs")).body()).contains("Program of A");
            }),
            Map.entry("POST /api/labs/{slug}/programs/{id}/cohorts", (t, a) -> {
                assertThat(t.api.post(
                                        t.path(t.b, "/programs/" + a.programs().programId() + "/cohorts"),
                                        cohortBody("Intruders"))
                                .status())
                        .isEqualTo(404);
                assertThat(t.api.get(t.path(t.a, "/programs")).body()).doesNotContain("Intruders");
            }),
            Map.entry("GET /api/labs/{slug}/cohorts/{id}", (t, a) -> {
                assertThat(t.api.get(t.path(t.b, "/cohorts/" + a.programs().cohortId()))
                                .status())
                        .isEqualTo(404);
                assertThat(t.api.get(t.path(t.a, "/cohorts/" + a.programs().cohortId()))
                                .status())
                        .isEqualTo(200);
            }),
            Map.entry("POST /api/labs/{slug}/cohorts/{id}/sessions", (t, a) -> {
                assertThat(t.api.post(t.path(t.b, "/cohorts/" + a.programs().cohortId() + "/sessions"), sessionBody())
                                .status())
                        .isEqualTo(404);
                assertThat(t.api.get(t.path(t.a, "/cohorts/" + a.programs().cohortId()))
                                .json()
                                .get("sessions")
                                .size())
                        .isEqualTo(1);
            }),
            Map.entry("POST /api/labs/{slug}/cohorts/{id}/enrollments", (t, a) -> {
                assertThat(t.api.post(t.path(t.b, "/cohorts/" + a.programs().cohortId() + "/enrollments"), Map.of())
                                .status())
                        .isEqualTo(404);
                assertThat(t.enrollmentsOfA(a)).isEqualTo(1);
            }),
            Map.entry("GET /api/labs/{slug}/cohorts/{id}/enrollments", (t, a) -> {
                assertThat(t.api.get(t.path(t.b, "/cohorts/" + a.programs().cohortId() + "/enrollments"))
                                .status())
                        .isEqualTo(404);
                assertThat(t.enrollmentsOfA(a)).isEqualTo(1);
            }),
            Map.entry("POST /api/labs/{slug}/enrollments/{id}/decision", (t, a) -> {
                assertThat(t.api.post(
                                        t.path(
                                                t.b,
                                                "/enrollments/" + a.programs().enrollmentId() + "/decision"),
                                        Map.of("status", "DECLINED", "version", 0))
                                .status())
                        .isEqualTo(404);
                assertThat(t.api.get(t.path(t.a, "/enrollments/mine")).body()).contains("ENROLLED");
            }),
            Map.entry("GET /api/labs/{slug}/enrollments/mine", (t, a) -> {
                a.programs();
                assertThat(t.api.get(t.path(t.b, "/enrollments/mine")).json().size())
                        .isZero();
                assertThat(t.api.get(t.path(t.a, "/enrollments/mine")).json().size())
                        .isEqualTo(1);
            }),
            Map.entry("PUT /api/labs/{slug}/program-sessions/{id}/attendance", (t, a) -> {
                assertThat(t.api.put(
                                        t.path(
                                                t.b,
                                                "/program-sessions/"
                                                        + a.programs().sessionId() + "/attendance"),
                                        Map.of("present", List.of(a.programs().enrollmentId())))
                                .status())
                        .isEqualTo(404);
                assertThat(t.api.get(t.path(t.a, "/enrollments/mine"))
                                .json()
                                .get(0)
                                .get("sessionsAttended")
                                .asInt())
                        .isZero();
            }),
            Map.entry("POST /api/labs/{slug}/cohorts/{id}/completion", (t, a) -> {
                assertThat(t.api.post(t.path(t.b, "/cohorts/" + a.programs().cohortId() + "/completion"), null)
                                .status())
                        .isEqualTo(404);
                assertThat(t.api.get(t.path(t.a, "/enrollments/mine")).body()).doesNotContain("COMPLETED");
            }),
            Map.entry("POST /api/labs/{slug}/cohorts/{id}/mentors", (t, a) -> {
                UUID mentorInB = t.labs.seat(t.b, "mentor-" + UUID.randomUUID(), "mentor");
                assertThat(t.api.post(
                                        t.path(t.b, "/cohorts/" + a.programs().cohortId() + "/mentors"),
                                        Map.of(
                                                "mentorMembershipId",
                                                mentorInB,
                                                "enrollmentId",
                                                a.programs().enrollmentId()))
                                .status())
                        .isEqualTo(404);
            }),
            Map.entry("POST /api/labs/{slug}/mentor-assignments/{id}/sessions", (t, a) -> {
                assertThat(t.api.post(
                                        t.path(
                                                t.b,
                                                "/mentor-assignments/"
                                                        + a.programs().assignmentId() + "/sessions"),
                                        Map.of(
                                                "heldOn",
                                                java.time.LocalDate.now().toString(),
                                                "hours",
                                                1))
                                .status())
                        .isEqualTo(404);
                assertThat(t.api.get(t.path(t.a, "/mentoring/mine"))
                                .json()
                                .get("sessions")
                                .size())
                        .as("the one session logged in lab A")
                        .isEqualTo(1);
            }),
            Map.entry("GET /api/labs/{slug}/mentoring/mine", (t, a) -> {
                a.programs();
                assertThat(t.api.get(t.path(t.b, "/mentoring/mine"))
                                .json()
                                .get("asMentee")
                                .size())
                        .isZero();
                assertThat(t.api.get(t.path(t.a, "/mentoring/mine"))
                                .json()
                                .get("asMentee")
                                .size())
                        .isEqualTo(1);
            }),
            Map.entry("GET /api/labs/{slug}/event-formats", (t, a) -> {
                t.anEventFormat(t.a);
                assertThat(t.api.get(t.path(t.b, "/event-formats")).json().size())
                        .isZero();
                assertThat(t.api.get(t.path(t.a, "/event-formats")).json().size())
                        .isEqualTo(1);
            }),
            Map.entry("POST /api/labs/{slug}/event-formats", (t, a) -> {
                t.anEventFormat(t.a);
                // The same name in another lab is no conflict.
                t.anEventFormat(t.b);
                assertThat(t.api.get(t.path(t.a, "/event-formats")).json().size())
                        .isEqualTo(1);
            }),
            // The portal's pages: lab B's never show lab A (its address, its spaces, its events).
            Map.entry("GET /api/labs/{slug}", page("")),
            Map.entry("GET /api/labs/{slug}/", page("/")),
            Map.entry("GET /api/labs/{slug}/portal/theme.css", (t, a) -> {
                assertThat(t.api.anonymous()
                                .get(t.path(t.b, "/portal/theme.css"))
                                .body())
                        .startsWith(":root{");
                assertThat(t.api.anonymous()
                                .get(t.path(t.a, "/portal/theme.css"))
                                .status())
                        .isEqualTo(200);
            }),
            Map.entry("GET /api/labs/{slug}/portal/events", (t, a) -> {
                page("/portal/events").check(t, a);
                assertThat(t.api.get(t.path(t.b, "/portal/events")).body())
                        .doesNotContain(a.event().eventId().toString());
                assertThat(t.api.get(t.path(t.a, "/portal/events")).body())
                        .contains(a.event().eventId().toString());
            }),
            Map.entry("GET /api/labs/{slug}/portal/events/{id}", (t, a) -> {
                String event = "/portal/events/" + a.event().eventId();
                assertThat(t.api.get(t.path(t.b, event)).status()).isEqualTo(404);
                assertThat(t.api.get(t.path(t.a, event)).status()).isEqualTo(200);
            }),
            Map.entry("GET /api/labs/{slug}/portal/staff/events", (t, a) -> {
                page("/portal/staff/events").check(t, a);
                assertThat(t.api.get(t.path(t.b, "/portal/staff/events")).body())
                        .doesNotContain(a.event().eventId().toString());
                assertThat(t.api.get(t.path(t.a, "/portal/staff/events")).body())
                        .contains(a.event().eventId().toString());
            }),
            Map.entry("GET /api/labs/{slug}/portal/staff/events/{id}/check-in", (t, a) -> {
                String checkIn = "/portal/staff/events/" + a.event().eventId() + "/check-in";
                assertThat(t.api.get(t.path(t.b, checkIn)).status()).isEqualTo(404);
                assertThat(t.api.get(t.path(t.a, checkIn)).status()).isEqualTo(200);
            }),
            Map.entry("POST /api/labs/{slug}/public/registrations/qr", (t, a) -> {
                // Only a code signed by the lab's own key is drawn.
                assertThat(t.api.anonymous()
                                .post(
                                        t.path(t.b, "/public/registrations/qr"),
                                        Map.of("code", a.event().code()))
                                .status())
                        .isEqualTo(400);
                assertThat(t.api.anonymous()
                                .post(
                                        t.path(t.a, "/public/registrations/qr"),
                                        Map.of("code", a.event().code()))
                                .body())
                        .startsWith("<svg");
            }),
            Map.entry("GET /api/labs/{slug}/portal/book", (t, a) -> {
                page("/portal/book").check(t, a);
                assertThat(t.api.get(t.path(t.b, "/portal/book")).body()).doesNotContain("Studio of A");
                assertThat(t.api.get(t.path(t.a, "/portal/book")).body()).contains("Studio of A");
            }),
            Map.entry("GET /api/labs/{slug}/portal/bookings", page("/portal/bookings")),
            Map.entry("GET /api/labs/{slug}/portal/funding", page("/portal/funding")),
            Map.entry("GET /api/labs/{slug}/portal/programs", page("/portal/programs")),
            Map.entry("GET /api/labs/{slug}/portal/reviews", page("/portal/reviews")),
            Map.entry("GET /api/labs/{slug}/portal/staff/funding", page("/portal/staff/funding")),
            Map.entry("GET /api/labs/{slug}/portal/staff/members", (t, a) -> {
                page("/portal/staff/members").check(t, a);
                assertThat(t.api.get(t.path(t.b, "/portal/staff/members")).body())
                        .doesNotContain(a.applicantId().toString());
                assertThat(t.api.get(t.path(t.a, "/portal/staff/members")).body())
                        .contains(a.applicantId().toString());
            }),
            Map.entry("GET /api/labs/{slug}/portal/join", page("/portal/join")),
            Map.entry("GET /api/labs/{slug}/portal/staff/spaces", (t, a) -> {
                page("/portal/staff/spaces").check(t, a);
                assertThat(t.api.get(t.path(t.a, "/portal/staff/spaces")).body())
                        .contains("Studio of A");
            }),
            Map.entry("GET /api/labs/{slug}/portal/staff/programs", page("/portal/staff/programs")),
            Map.entry("GET /api/labs/{slug}/portal/staff/plans", page("/portal/staff/plans")),
            Map.entry("GET /api/labs/{slug}/portal/staff/finance", (t, a) -> {
                page("/portal/staff/finance").check(t, a);
                assertThat(t.api.get(t.path(t.b, "/portal/staff/finance")).body())
                        .doesNotContain(a.membershipId().toString().substring(0, 8));
            }),
            Map.entry("GET /api/labs/{slug}/portal/staff/indicators", page("/portal/staff/indicators")),
            Map.entry("GET /api/labs/{slug}/portal/staff/branding", (t, a) -> {
                page("/portal/staff/branding").check(t, a);
                assertThat(t.api.get(t.path(t.b, "/portal/staff/branding")).body())
                        .doesNotContain("Lab " + t.a.slug());
            }),
            Map.entry("GET /api/labs/{slug}/portal/my-data", page("/portal/my-data")),
            Map.entry("GET /api/labs/{slug}/public/events", (t, a) -> {
                assertThat(t.api.anonymous().get(t.path(t.b, "/public/events")).body())
                        .doesNotContain(a.event().eventId().toString());
                assertThat(t.api.anonymous().get(t.path(t.a, "/public/events")).body())
                        .contains(a.event().eventId().toString());
            }),
            Map.entry("GET /api/labs/{slug}/public/events/{id}", (t, a) -> {
                String event = "/public/events/" + a.event().eventId();
                assertThat(t.api.anonymous().get(t.path(t.b, event)).status()).isEqualTo(404);
                assertThat(t.api.anonymous().get(t.path(t.a, event)).status()).isEqualTo(200);
            }),
            Map.entry("POST /api/labs/{slug}/public/events/{id}/registrations", (t, a) -> {
                Api.Reply registered = t.api.anonymous()
                        .post(
                                t.path(t.b, "/public/events/" + a.event().eventId() + "/registrations"),
                                Map.of("name", "Intruder", "contact", "intruder@example.org"));
                assertThat(registered.status()).isEqualTo(404);
                assertThat(t.eventRegistrations(t.a, a)).isEqualTo(1);
            }),
            Map.entry("POST /api/labs/{slug}/public/registrations/lookup", (t, a) -> {
                // Codes are signed with each lab's own key: lab A's code means nothing in lab B.
                Api.Reply lookup = t.api.anonymous()
                        .post(
                                t.path(t.b, "/public/registrations/lookup"),
                                Map.of("code", a.event().code()));
                assertThat(lookup.status()).isEqualTo(400);
                assertThat(lookup.body()).doesNotContain("Visitor of " + t.a.slug());
            }),
            Map.entry("POST /api/labs/{slug}/public/registrations/cancel", (t, a) -> {
                t.anEventWithACode(t.b);
                assertThat(t.api.anonymous()
                                .post(
                                        t.path(t.b, "/public/registrations/cancel"),
                                        Map.of("code", a.event().code()))
                                .status())
                        .isEqualTo(400);
                assertThat(t.registrationStatus(t.a, a)).isEqualTo("CONFIRMED");
            }),
            Map.entry("POST /api/labs/{slug}/public/registrations/claim", (t, a) -> {
                t.anEventWithACode(t.b);
                assertThat(t.api.anonymous()
                                .post(
                                        t.path(t.b, "/public/registrations/claim"),
                                        Map.of("code", a.event().code()))
                                .status())
                        .isEqualTo(400);
                assertThat(t.registrationStatus(t.a, a)).isEqualTo("CONFIRMED");
            }),
            Map.entry("POST /api/labs/{slug}/public/registrations/erase", (t, a) -> {
                t.anEventWithACode(t.b);
                assertThat(t.api.anonymous()
                                .post(
                                        t.path(t.b, "/public/registrations/erase"),
                                        Map.of("code", a.event().code()))
                                .status())
                        .isEqualTo(400);
                assertThat(t.api.get(t.path(t.a, "/events/" + a.event().eventId() + "/registrations"))
                                .body())
                        .contains("Visitor of " + t.a.slug());
            }),
            Map.entry("POST /api/labs/{slug}/events/{id}/registrations/{registrationId}/erasure", (t, a) -> {
                assertThat(t.api.post(
                                        t.path(
                                                t.b,
                                                "/events/" + a.event().eventId() + "/registrations/"
                                                        + a.event().registrationId() + "/erasure"),
                                        null)
                                .status())
                        .isEqualTo(404);
                assertThat(t.api.get(t.path(t.a, "/events/" + a.event().eventId() + "/registrations"))
                                .body())
                        .contains("Visitor of " + t.a.slug());
            }),
            Map.entry("GET /api/labs/{slug}/events/registrations/mine", (t, a) -> {
                assertThat(t.api.post(
                                        t.path(
                                                t.a,
                                                "/public/events/" + a.event().eventId() + "/registrations"),
                                        Map.of("name", "Admin of A"))
                                .status())
                        .isEqualTo(201);
                assertThat(t.api.get(t.path(t.b, "/events/registrations/mine"))
                                .json()
                                .size())
                        .isZero();
                assertThat(t.api.get(t.path(t.a, "/events/registrations/mine"))
                                .json()
                                .size())
                        .isEqualTo(1);
            }),
            Map.entry("GET /api/labs/{slug}/events", (t, a) -> {
                assertThat(t.api.get(t.path(t.b, "/events")).body())
                        .doesNotContain(a.event().eventId().toString());
                assertThat(t.api.get(t.path(t.a, "/events")).body())
                        .contains(a.event().eventId().toString());
            }),
            Map.entry("POST /api/labs/{slug}/events", (t, a) -> {
                UUID inB = created(t.api.post(t.path(t.b, "/events"), eventBody("Event of B", null)));
                assertThat(t.api.get(t.path(t.a, "/events")).body()).doesNotContain(inB.toString());
                assertThat(t.api.anonymous()
                                .get(t.path(t.a, "/public/events/" + inB))
                                .status())
                        .isEqualTo(404);
            }),
            Map.entry("PUT /api/labs/{slug}/events/{id}", (t, a) -> {
                assertThat(t.api.put(t.path(t.b, "/events/" + a.event().eventId()), eventBody("Taken over", 0L))
                                .status())
                        .isEqualTo(404);
                assertThat(t.api.get(t.path(t.a, "/events")).body())
                        .contains("Event of A")
                        .doesNotContain("Taken over");
            }),
            Map.entry("POST /api/labs/{slug}/events/{id}/cancel", (t, a) -> {
                assertThat(t.api.post(t.path(t.b, "/events/" + a.event().eventId() + "/cancel"), null)
                                .status())
                        .isEqualTo(404);
                assertThat(t.api.anonymous()
                                .get(t.path(t.a, "/public/events/" + a.event().eventId()))
                                .json()
                                .get("status")
                                .asString())
                        .isEqualTo("SCHEDULED");
            }),
            Map.entry("GET /api/labs/{slug}/events/{id}/registrations", (t, a) -> {
                Api.Reply list = t.api.get(t.path(t.b, "/events/" + a.event().eventId() + "/registrations"));
                assertThat(list.status()).isEqualTo(404);
                assertThat(list.body()).doesNotContain("Visitor of " + t.a.slug());
            }),
            Map.entry("POST /api/labs/{slug}/events/{id}/registrations/{registrationId}/cancel", (t, a) -> {
                assertThat(t.api.post(
                                        t.path(
                                                t.b,
                                                "/events/" + a.event().eventId() + "/registrations/"
                                                        + a.event().registrationId() + "/cancel"),
                                        null)
                                .status())
                        .isEqualTo(404);
                assertThat(t.registrationStatus(t.a, a)).isEqualTo("CONFIRMED");
            }),
            Map.entry("GET /api/labs/{slug}/events/{id}/roster", (t, a) -> {
                Api.Reply roster = t.api.get(t.path(t.b, "/events/" + a.event().eventId() + "/roster"));
                assertThat(roster.status()).isEqualTo(404);
                assertThat(roster.body()).doesNotContain("Visitor of " + t.a.slug());
            }),
            Map.entry("POST /api/labs/{slug}/events/{id}/check-ins", (t, a) -> {
                Map<String, Object> scan =
                        Map.of("scans", List.of(Map.of("code", a.event().code())));
                assertThat(t.api.post(t.path(t.b, "/events/" + a.event().eventId() + "/check-ins"), scan)
                                .status())
                        .isEqualTo(404);
                UUID inB = t.anEventWithACode(t.b);
                Api.Reply scanned = t.api.post(t.path(t.b, "/events/" + inB + "/check-ins"), scan);
                assertThat(scanned.json().get("checkedIn").asInt()).isZero();
                assertThat(scanned.json().get("rejected").toString()).contains("invalid-code");
                assertThat(t.api.get(t.path(t.a, "/events/" + a.event().eventId() + "/attendance"))
                                .json()
                                .get("checkedInRegistrations")
                                .asInt())
                        .isZero();
            }),
            Map.entry("GET /api/labs/{slug}/events/{id}/attendance", (t, a) -> {
                assertThat(t.api.get(t.path(t.b, "/events/" + a.event().eventId() + "/attendance"))
                                .status())
                        .isEqualTo(404);
                assertThat(t.eventRegistrations(t.a, a)).isEqualTo(1);
            }),
            Map.entry("GET /api/labs/{slug}/network", (t, a) -> {
                a.event();
                assertThat(t.api.get(t.path(t.b, "/network")).body()).doesNotContain("Visitor of " + t.a.slug());
                assertThat(t.api.get(t.path(t.a, "/network")).body()).contains("Visitor of " + t.a.slug());
            }),
            Map.entry("PUT /api/labs/{slug}/network/{id}/ambassador", (t, a) -> {
                assertThat(t.api.put(
                                        t.path(t.b, "/network/" + a.event().contactId() + "/ambassador"),
                                        Map.of("role", "Ambassador", "version", 0))
                                .status())
                        .isEqualTo(404);
                assertThat(t.api.get(t.path(t.a, "/network?ambassadors=true"))
                                .json()
                                .get("totalItems")
                                .asInt())
                        .isZero();
            }),
            Map.entry("POST /api/labs/{slug}/network/{id}/erasure", (t, a) -> {
                assertThat(t.api.post(t.path(t.b, "/network/" + a.event().contactId() + "/erasure"), null)
                                .status())
                        .isEqualTo(404);
                assertThat(t.api.get(t.path(t.a, "/network")).body()).contains("Visitor of " + t.a.slug());
            }),
            Map.entry("GET /api/labs/{slug}/public/branding", (t, a) -> {
                t.rename(t.a, "Women Creative Lab A");
                assertThat(t.api.anonymous()
                                .get(t.path(t.b, "/public/branding"))
                                .json()
                                .get("displayName")
                                .asString())
                        .isNotEqualTo("Women Creative Lab A");
            }),
            Map.entry("GET /api/labs/{slug}/public/branding/logo", (t, a) -> {
                assertThat(t.api.put(t.path(t.a, "/branding/logo"), TestLabs.png(64))
                                .status())
                        .isEqualTo(200);
                assertThat(t.api.anonymous()
                                .get(t.path(t.b, "/public/branding/logo"))
                                .status())
                        .isEqualTo(404);
            }),
            Map.entry("PUT /api/labs/{slug}/branding", (t, a) -> {
                t.rename(t.b, "Lab B renamed");
                assertThat(t.api.get(t.path(t.a, "/public/branding"))
                                .json()
                                .get("displayName")
                                .asString())
                        .isNotEqualTo("Lab B renamed");
            }),
            Map.entry("PUT /api/labs/{slug}/branding/logo", (t, a) -> {
                assertThat(t.api.put(t.path(t.b, "/branding/logo"), TestLabs.png(64))
                                .status())
                        .isEqualTo(200);
                assertThat(t.api.get(t.path(t.a, "/public/branding")).json().has("logoUrl"))
                        .isFalse();
            }),
            Map.entry("POST /api/labs/{slug}/memberships/{id}/approve", (t, a) -> {
                assertThat(t.api.post(
                                        t.path(t.b, "/memberships/" + a.applicantId() + "/approve"),
                                        Map.of("roles", List.of("resident"), "version", 0))
                                .status())
                        .isEqualTo(404);
                assertThat(t.api.get(t.path(t.a, "/memberships?role=applicant"))
                                .json()
                                .get("totalItems")
                                .asInt())
                        .isEqualTo(1);
            }),
            Map.entry("POST /api/labs/{slug}/memberships/{id}/decline", (t, a) -> {
                assertThat(t.api.post(t.path(t.b, "/memberships/" + a.applicantId() + "/decline"), Map.of("version", 0))
                                .status())
                        .isEqualTo(404);
                assertThat(t.api.get(t.path(t.a, "/memberships?active=false"))
                                .json()
                                .get("totalItems")
                                .asInt())
                        .isZero();
            }),
            Map.entry("GET /api/labs/{slug}/profiles", (t, a) -> {
                assertThat(t.api.get(t.path(t.b, "/profiles")).body()).doesNotContain("Admin of A");
                assertThat(t.api.get(t.path(t.a, "/profiles")).body()).contains("Admin of A");
            }),
            Map.entry("GET /api/labs/{slug}/profiles/me", (t, a) -> {
                assertThat(t.api.get(t.path(t.b, "/profiles/me")).status()).isEqualTo(404);
                assertThat(t.api.get(t.path(t.a, "/profiles/me"))
                                .json()
                                .get("displayName")
                                .asString())
                        .isEqualTo("Admin of A");
            }),
            Map.entry("PUT /api/labs/{slug}/profiles/me", (t, a) -> {
                assertThat(t.api.put(t.path(t.b, "/profiles/me"), Map.of("displayName", "Admin of B"))
                                .status())
                        .isEqualTo(200);
                assertThat(t.api.get(t.path(t.a, "/profiles/me"))
                                .json()
                                .get("displayName")
                                .asString())
                        .isEqualTo("Admin of A");
            }),
            Map.entry("GET /api/labs/{slug}/memberships/{id}/profile", (t, a) -> {
                assertThat(t.api.get(t.path(t.b, "/memberships/" + a.adminMembershipId() + "/profile"))
                                .status())
                        .isEqualTo(404);
                assertThat(t.api.get(t.path(t.a, "/memberships/" + a.adminMembershipId() + "/profile"))
                                .status())
                        .isEqualTo(200);
            }),
            Map.entry("GET /api/labs/{slug}/profiles/me/sensitive", (t, a) -> {
                assertThat(t.api.get(t.path(t.b, "/profiles/me/sensitive")).body())
                        .doesNotContain("Osh city", a.consentId().toString());
                assertThat(t.api.get(t.path(t.a, "/profiles/me/sensitive")).body())
                        .contains("Osh city");
            }),
            Map.entry("POST /api/labs/{slug}/profiles/me/consents", (t, a) -> {
                assertThat(t.api.post(
                                        t.path(t.b, "/profiles/me/consents"),
                                        Map.of(
                                                "fields",
                                                List.of("district"),
                                                "values",
                                                Map.of("district", "Batken town")))
                                .status())
                        .isEqualTo(201);
                assertThat(t.api.get(t.path(t.a, "/profiles/me/sensitive")).body())
                        .contains("Osh city")
                        .doesNotContain("Batken town");
            }),
            Map.entry("POST /api/labs/{slug}/profiles/me/consents/{id}/withdraw", (t, a) -> {
                assertThat(t.api.post(t.path(t.b, "/profiles/me/consents/" + a.consentId() + "/withdraw"), null)
                                .status())
                        .isEqualTo(404);
                assertThat(t.api.get(t.path(t.a, "/profiles/me/sensitive")).body())
                        .contains("Osh city");
            }),
            Map.entry("GET /api/labs/{slug}/memberships/me/export", (t, a) -> {
                assertThat(t.api.get(t.path(t.b, "/memberships/me/export")).body())
                        .doesNotContain("Admin of A", "Osh city", a.bookingId().toString());
                assertThat(t.api.get(t.path(t.a, "/memberships/me/export")).body())
                        .contains("Admin of A", a.bookingId().toString());
            }),
            Map.entry("POST /api/labs/{slug}/memberships/me/erasure", (t, a) -> {
                // A person in both labs erases themself from B: A keeps them, and their profile.
                String both = TestKeycloak.createUser("both");
                t.labs.seat(t.a, TestAccounts.subject(both), "resident");
                t.labs.seat(t.b, TestAccounts.subject(both), "resident");
                Api asBoth = t.api.as(TestAccounts.tokenOf(both));
                assertThat(asBoth.put(t.path(t.a, "/profiles/me"), Map.of("displayName", "In both"))
                                .status())
                        .isEqualTo(200);
                assertThat(asBoth.post(t.path(t.b, "/memberships/me/erasure"), null)
                                .status())
                        .isEqualTo(200);
                assertThat(asBoth.get(t.path(t.a, "/profiles/me"))
                                .json()
                                .get("displayName")
                                .asString())
                        .isEqualTo("In both");
            }),
            Map.entry("POST /api/labs/{slug}/memberships/{id}/erasure", (t, a) -> {
                assertThat(t.api.post(t.path(t.b, "/memberships/" + a.membershipId() + "/erasure"), null)
                                .status())
                        .isEqualTo(404);
                assertThat(t.api.get(t.path(t.a, "/memberships")).body()).contains(a.memberSubject());
            }),
            Map.entry("GET /api/labs/{slug}/indicators", (t, a) -> {
                // Bookings are not counts of people, so never suppressed: A's show in A and nowhere else.
                String year = "?year="
                        + TestLabs.tomorrowAt(10).atZone(TestLabs.BISHKEK).getYear();
                assertThat(bookingsToDate(t.api.get(t.path(t.b, "/indicators" + year))))
                        .isZero();
                assertThat(bookingsToDate(t.api.get(t.path(t.a, "/indicators" + year))))
                        .isPositive();
            }),
            Map.entry("GET /api/labs/{slug}/plans", (t, a) -> {
                assertThat(t.api.get(t.path(t.b, "/plans"))
                                .json()
                                .get("totalItems")
                                .asInt())
                        .isZero();
                assertThat(t.api.get(t.path(t.a, "/plans"))
                                .json()
                                .get("totalItems")
                                .asInt())
                        .isEqualTo(1);
            }),
            Map.entry("POST /api/labs/{slug}/plans", (t, a) -> {
                assertThat(t.api.post(t.path(t.b, "/plans"), Map.of("name", "Resident of A"))
                                .status())
                        .isEqualTo(201);
                assertThat(t.api.get(t.path(t.a, "/plans"))
                                .json()
                                .get("totalItems")
                                .asInt())
                        .isEqualTo(1);
            }),
            Map.entry("PUT /api/labs/{slug}/plans/{id}", (t, a) -> {
                assertThat(t.api.put(t.path(t.b, "/plans/" + a.planId()), Map.of("name", "Taken over", "version", 0))
                                .status())
                        .isEqualTo(404);
                assertThat(t.api.get(t.path(t.a, "/plans")).body())
                        .contains("Resident of A")
                        .doesNotContain("Taken over");
            }),
            Map.entry("POST /api/labs/{slug}/spaces/{spaceId}/booking-series", (t, a) -> {
                assertThat(t.api.post(
                                        t.path(t.b, "/spaces/" + a.spaceId() + "/booking-series"),
                                        Map.of(
                                                "startsAt",
                                                TestLabs.tomorrowAt(15).toString(),
                                                "endsAt",
                                                TestLabs.tomorrowAt(16).toString(),
                                                "frequency",
                                                "DAILY",
                                                "occurrences",
                                                2))
                                .status())
                        .isEqualTo(404);
                assertThat(t.api.get(t.path(t.a, "/spaces/" + a.spaceId() + "/bookings"))
                                .json()
                                .size())
                        .isEqualTo(3);
            }),
            Map.entry("POST /api/labs/{slug}/booking-series/{id}/cancel", (t, a) -> {
                assertThat(t.api.post(t.path(t.b, "/booking-series/" + a.seriesId() + "/cancel"), null)
                                .status())
                        .isEqualTo(404);
                assertThat(LabDatabase.count(t.a, "booking", "series_id = ? AND status = 'CONFIRMED'", a.seriesId()))
                        .isEqualTo(2);
            }),
            Map.entry("GET /api/labs/{slug}/bookings/mine", (t, a) -> {
                String month = TestLabs.tomorrowAt(10)
                        .atZone(TestLabs.BISHKEK)
                        .toString()
                        .substring(0, 7);
                assertThat(t.api.get(t.path(t.b, "/bookings/mine?month=" + month))
                                .json()
                                .get("bookings")
                                .size())
                        .isZero();
                assertThat(t.api.get(t.path(t.a, "/bookings/mine?month=" + month))
                                .body())
                        .contains(a.bookingId().toString());
            }),
            Map.entry("POST /api/labs/{slug}/membership-requests", (t, a) -> {
                // A member of A applies to B: an application in B, nothing changes in A.
                String member = TestKeycloak.createUser("wanderer");
                t.labs.seat(t.a, TestAccounts.subject(member), "resident");
                Api.Reply applied =
                        t.api.as(TestAccounts.tokenOf(member)).post(t.path(t.b, "/membership-requests"), null);
                assertThat(applied.status()).isEqualTo(201);
                assertThat(applied.json().get("roles").get(0).asString()).isEqualTo("applicant");
                assertThat(t.api.as(TestAccounts.tokenOf(member))
                                .get(t.path(t.a, "/memberships/me"))
                                .json()
                                .get("roles")
                                .get(0)
                                .asString())
                        .isEqualTo("resident");
            }));

    /** Per entity: how to create (or mark) one in a lab through the API, and how to recognise it afterwards. */
    private static final Map<String, BiFunction<CrossLabIsolationIntegrationTests, Lab, Predicate<Object>>> FIXTURES =
            Map.ofEntries(
                    Map.entry("Space", (t, lab) -> t.hasId(t.labs.createSpace(lab, "Studio of " + lab.slug()))),
                    Map.entry("LabEvent", (t, lab) -> t.hasId(t.anEventWithACode(lab))),
                    Map.entry("Program", (t, lab) -> t.hasId(t.programsOf(lab).programId())),
                    Map.entry("Cohort", (t, lab) -> t.hasId(t.programsOf(lab).cohortId())),
                    Map.entry(
                            "ProgramSession",
                            (t, lab) -> t.hasId(t.programsOf(lab).sessionId())),
                    Map.entry(
                            "Enrollment", (t, lab) -> t.hasId(t.programsOf(lab).enrollmentId())),
                    Map.entry(
                            "MentorAssignment",
                            (t, lab) -> t.hasId(t.programsOf(lab).assignmentId())),
                    Map.entry("EventFormat", (t, lab) -> t.hasId(t.anEventFormat(lab))),
                    Map.entry("Registration", (t, lab) -> {
                        UUID event = t.anEventWithACode(lab);
                        String id = t.api.get(t.path(lab, "/events/" + event + "/registrations"))
                                .json()
                                .get("items")
                                .get(0)
                                .get("id")
                                .asString();
                        return t.hasId(UUID.fromString(id));
                    }),
                    Map.entry("NetworkContact", (t, lab) -> {
                        t.anEventWithACode(lab);
                        String marker = "Visitor of " + lab.slug();
                        return entity -> marker.equals(ReflectionTestUtils.getField(entity, "displayName"));
                    }),
                    Map.entry(
                            "Membership",
                            (t, lab) -> t.hasId(t.labs.seat(lab, "member-" + UUID.randomUUID(), "resident"))),
                    Map.entry(
                            "Booking",
                            (t, lab) -> t.hasId(
                                    t.labs.book(lab, t.labs.createSpace(lab, "Booked " + UUID.randomUUID()), 10))),
                    // One row per lab, with the same key everywhere: recognised by what lab A wrote into it.
                    Map.entry("Branding", (t, lab) -> {
                        String marker = "Branding of " + lab.slug();
                        t.rename(lab, marker);
                        return entity -> marker.equals(ReflectionTestUtils.getField(entity, "displayName"));
                    }),
                    Map.entry("MemberProfile", (t, lab) -> {
                        String marker = "Profile in " + lab.slug();
                        assertThat(t.api.put(t.path(lab, "/profiles/me"), Map.of("displayName", marker))
                                        .status())
                                .isEqualTo(200);
                        return entity -> marker.equals(ReflectionTestUtils.getField(entity, "displayName"));
                    }),
                    Map.entry(
                            "Consent",
                            (t, lab) -> t.hasId(created(t.api.post(
                                    t.path(lab, "/profiles/me/consents"),
                                    Map.of("fields", List.of("gender"), "values", Map.of("gender", "woman")))))),
                    Map.entry(
                            "MembershipPlan",
                            (t, lab) -> t.hasId(created(
                                    t.api.post(t.path(lab, "/plans"), Map.of("name", "Plan of " + lab.slug()))))),
                    Map.entry(
                            "BookingSeries",
                            (t, lab) -> t.hasId(created(t.api.post(
                                    t.path(
                                            lab,
                                            "/spaces/" + t.labs.createSpace(lab, "Series " + UUID.randomUUID())
                                                    + "/booking-series"),
                                    Map.of(
                                            "startsAt",
                                            TestLabs.tomorrowAt(10).toString(),
                                            "endsAt",
                                            TestLabs.tomorrowAt(11).toString(),
                                            "frequency",
                                            "DAILY",
                                            "occurrences",
                                            2))))));

    @Autowired
    ApplicationContext context;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;

    Lab a;
    Lab b;

    @BeforeEach
    void setUp() {
        a = labs.createServing("lab-a");
        b = labs.createServing("lab-b");
    }

    @Test
    void everyLabEndpointHasACrossLabCase() {
        assertThat(labEndpoints()).isNotEmpty();
        assertThat(ENDPOINTS.keySet())
                .as("cross-lab cases; add one for each new lab endpoint")
                .containsAll(labEndpoints());
    }

    @TestFactory
    Stream<DynamicTest> labBNeverSeesLabAThroughAnyEndpoint() {
        return labEndpoints().stream()
                .filter(ENDPOINTS::containsKey)
                .map(endpoint -> DynamicTest.dynamicTest(endpoint, () -> {
                    // The portal's pages only read: they share one pair of labs (a fresh pair costs about 2 s).
                    boolean page = endpoint.contains("/portal/")
                            || endpoint.endsWith("{slug}")
                            || endpoint.endsWith("{slug}/");
                    if (page && pagesOfA != null) {
                        a = pagesA;
                        b = pagesB;
                        ENDPOINTS.get(endpoint).check(this, pagesOfA);
                        return;
                    }
                    a = labs.createServing("lab-a");
                    b = labs.createServing("lab-b");
                    UUID space = UUID.fromString(
                            api.post(path(a, "/spaces"), Map.of("name", "Studio of A", "kind", "STUDIO", "capacity", 6))
                                    .json()
                                    .get("id")
                                    .asString());
                    String subject = "member-of-a-" + UUID.randomUUID();
                    UUID membership = labs.seat(a, subject, "resident");
                    UUID booking = labs.book(a, space, 10);
                    UUID applicant = labs.seat(a, "applicant-of-a-" + UUID.randomUUID(), "applicant");
                    assertThat(api.put(
                                            path(a, "/profiles/me"),
                                            Map.of("displayName", "Admin of A", "visibility", "MEMBERS"))
                                    .status())
                            .isEqualTo(200);
                    UUID adminMembership = UUID.fromString(
                            api.get(path(a, "/memberships/me")).json().get("id").asString());
                    UUID consent = created(api.post(
                            path(a, "/profiles/me/consents"),
                            Map.of("fields", List.of("district"), "values", Map.of("district", "Osh city"))));
                    UUID plan = created(
                            api.post(path(a, "/plans"), Map.of("name", "Resident of A", "monthlyBookingHours", 20)));
                    UUID series = created(api.post(
                            path(a, "/spaces/" + space + "/booking-series"),
                            Map.of(
                                    "startsAt",
                                    TestLabs.tomorrowAt(12).toString(),
                                    "endsAt",
                                    TestLabs.tomorrowAt(13).toString(),
                                    "frequency",
                                    "WEEKLY",
                                    "occurrences",
                                    2)));
                    InLabA inLabA = new InLabA(
                            space,
                            membership,
                            subject,
                            booking,
                            applicant,
                            adminMembership,
                            consent,
                            plan,
                            series,
                            once(() -> eventOf(a)),
                            once(() -> programsOf(a)),
                            once(() -> fundingOf(a)),
                            once(() -> {
                                financeOf(a, membership, adminMembership);
                                return true;
                            }));
                    if (page) {
                        pagesA = a;
                        pagesB = b;
                        pagesOfA = inLabA;
                    }
                    ENDPOINTS.get(endpoint).check(this, inLabA);
                }));
    }

    /** The labs the page cases share, and what lab A holds. */
    Lab pagesA;

    Lab pagesB;
    InLabA pagesOfA;

    /** Tables the code reaches with plain JDBC, not through a repository: isolated by the same binding. */
    private static final List<String> PLAIN_JDBC_TABLES = List.of(
            "idempotency_key", "sensitive_attribute", "personal_data_audit", "registration_change", "check_in_key");

    @TestFactory
    Stream<DynamicTest> labBNeverSeesLabAThroughTablesReachedWithPlainJdbc() {
        // Lab A gets a row in each: a creating request with a key, a consented sensitive value, a registration (its
        // change and the lab's check-in key), a staff read of a
        // profile.
        String resident = org.creativelabs.devstack.TestKeycloak.createUser("resident");
        UUID membership = labs.seat(a, TestAccounts.subject(resident), "resident");
        Api asResident = api.as(TestAccounts.tokenOf(resident));
        assertThat(asResident
                        .put(path(a, "/profiles/me"), Map.of("displayName", "Aida"))
                        .status())
                .isEqualTo(200);
        assertThat(asResident
                        .post(
                                path(a, "/profiles/me/consents"),
                                Map.of("fields", List.of("age-band"), "values", Map.of("age-band", "25-28")),
                                Map.of("Idempotency-Key", "plain-jdbc-" + UUID.randomUUID()))
                        .status())
                .isEqualTo(201);
        assertThat(api.get(path(a, "/memberships/" + membership + "/profile")).status())
                .isEqualTo(200);
        anEventWithACode(a);
        financeOf(a, membership, adminMembershipIn(a));
        fundingWithEveryRow(a);
        ProgramsOf programs = programsOf(a);
        assertThat(api.put(
                                path(a, "/program-sessions/" + programs.sessionId() + "/attendance"),
                                Map.of("present", List.of(programs.enrollmentId())))
                        .status())
                .isEqualTo(200);
        List<DynamicTest> tests = new ArrayList<>();
        for (String table : PLAIN_JDBC_TABLES) {
            tests.add(DynamicTest.dynamicTest(table, () -> {
                assertThat(rowsSeenIn(a, table)).as("lab A's own rows").isGreaterThan(0);
                assertThat(rowsSeenIn(b, table))
                        .as("lab B sees only its own rows")
                        .isEqualTo(LabDatabase.count(b, table, "true"));
                assertThatThrownBy(() -> TenantContext.runAs(
                                b,
                                () -> transactions.executeWithoutResult(status -> jdbc.queryForObject(
                                        "SELECT count(*) FROM \"" + a.schema() + "\"." + table, Long.class))))
                        .as("lab A's table, named from lab B")
                        .hasStackTraceContaining("permission denied");
            }));
        }
        return tests.stream();
    }

    private long rowsSeenIn(Lab lab, String table) {
        return TenantContext.callAs(
                lab,
                () -> transactions.execute(status -> jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class)));
    }

    @Test
    void everyRepositoryHasAFixture() {
        assertThat(entityNames()).isNotEmpty();
        assertThat(FIXTURES.keySet())
                .as("repository fixtures; add one for each new entity")
                .containsAll(entityNames());
    }

    @TestFactory
    Stream<DynamicTest> labBNeverSeesLabAThroughAnyRepository() {
        Repositories repositories = new Repositories(context);
        List<DynamicTest> tests = new ArrayList<>();
        for (Class<?> domainType : repositories) {
            String name = domainType.getSimpleName();
            if (!FIXTURES.containsKey(name)) {
                continue;
            }
            @SuppressWarnings("unchecked")
            CrudRepository<Object, Object> repository = (CrudRepository<Object, Object>)
                    repositories.getRepositoryFor(domainType).orElseThrow();
            tests.add(DynamicTest.dynamicTest(name, () -> {
                Predicate<Object> writtenInA = FIXTURES.get(name).apply(this, a);
                TenantContext.runAs(a, () -> assertThat(repository.findAll()).anyMatch(writtenInA));
                TenantContext.runAs(b, () -> assertThat(repository.findAll()).noneMatch(writtenInA));
            }));
        }
        return tests.stream();
    }

    private Set<String> labEndpoints() {
        Set<String> endpoints = new TreeSet<>();
        mappings.getHandlerMethods()
                .keySet()
                .forEach(info -> info.getPatternValues().stream()
                        .filter(pattern -> pattern.startsWith("/api/labs/{slug}"))
                        .forEach(pattern -> info.getMethodsCondition()
                                .getMethods()
                                .forEach(method -> endpoints.add(method.name() + " " + pattern))));
        return endpoints;
    }

    private Set<String> entityNames() {
        Set<String> names = new TreeSet<>();
        new Repositories(context).forEach(type -> names.add(type.getSimpleName()));
        return names;
    }

    String path(Lab lab, String rest) {
        return "/api/labs/" + lab.slug() + rest;
    }

    private Predicate<Object> hasId(UUID id) {
        var units =
                context.getBean(jakarta.persistence.EntityManagerFactory.class).getPersistenceUnitUtil();
        return entity -> id.equals(units.getIdentifier(entity));
    }

    void rename(Lab lab, String displayName) {
        long version =
                api.get(path(lab, "/public/branding")).json().get("version").asLong();
        Api.Reply renamed = api.put(
                path(lab, "/branding"),
                Map.of(
                        "displayName",
                        displayName,
                        "primaryColor",
                        "#6B2D5C",
                        "accentColor",
                        "#F2B134",
                        "defaultLanguage",
                        "ky",
                        "timeZone",
                        "Asia/Bishkek",
                        "version",
                        version));
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
    }

    /** A page of lab B answers for lab B only: its links name B, nothing names A; A's own page names A. */
    static Case page(String page) {
        return (t, a) -> {
            Api.Reply inB = t.api.get(t.path(t.b, page));
            assertThat(inB.status()).as(inB.toString()).isEqualTo(200);
            assertThat(inB.body())
                    .contains("/api/labs/" + t.b.slug() + "/")
                    .doesNotContain(t.a.slug())
                    .doesNotContain("Studio of A");
            assertThat(t.api.get(t.path(t.a, page)).body()).contains("/api/labs/" + t.a.slug() + "/");
        };
    }

    record InLabA(
            UUID spaceId,
            UUID membershipId,
            String memberSubject,
            UUID bookingId,
            UUID applicantId,
            UUID adminMembershipId,
            UUID consentId,
            UUID planId,
            UUID seriesId,
            java.util.function.Supplier<EventOfA> eventOfA,
            java.util.function.Supplier<ProgramsOf> programsOfA,
            java.util.function.Supplier<FundingOf> fundingOfA,
            java.util.function.Supplier<Boolean> financeOfA) {

        // Made on first use: each case pays only for the fixtures it reads.
        EventOfA event() {
            return eventOfA.get();
        }

        ProgramsOf programs() {
            return programsOfA.get();
        }

        FundingOf funding() {
            return fundingOfA.get();
        }

        /** Lab A's money (charges, a payment, a subsidy, a cost), for the cases that read it. */
        InLabA withFinance() {
            financeOfA.get();
            return this;
        }
    }

    private static <T> java.util.function.Supplier<T> once(java.util.function.Supplier<T> make) {
        java.util.concurrent.atomic.AtomicReference<T> made = new java.util.concurrent.atomic.AtomicReference<>();
        return () -> {
            if (made.get() == null) {
                made.set(make.get());
            }
            return made.get();
        };
    }

    /** A call of the lab, the lab admin's application to it (submitted, reviewed, awarded in two tranches). */
    record FundingOf(
            UUID callId, UUID applicationId, UUID reviewId, UUID firstTranche, UUID secondTranche, UUID reportId) {}

    FundingOf fundingOf(Lab lab) {
        UUID call = created(api.post(path(lab, "/funding-calls"), callBody("Seed grants of A")));
        UUID application = created(api.post(
                path(lab, "/funding-calls/" + call + "/applications"),
                Map.of(
                        "businessIdea",
                        "Felt bags of A",
                        "budgetLines",
                        List.of(Map.of("item", "Wool", "amountKgs", 500)))));
        assertThat(api.post(path(lab, "/funding-applications/" + application + "/submit"), null)
                        .status())
                .isEqualTo(200);
        UUID reviewer = labs.seat(lab, "reviewer-" + UUID.randomUUID(), "mentor");
        UUID review = created(api.post(
                path(lab, "/funding-applications/" + application + "/reviewers"),
                Map.of("reviewerMembershipId", reviewer)));
        JsonNode award = api.post(
                        path(lab, "/funding-applications/" + application + "/decision"),
                        Map.of(
                                "status",
                                "AWARDED",
                                "amountKgs",
                                500,
                                "tranches",
                                List.of(Map.of("amountKgs", 300), Map.of("amountKgs", 200, "requirement", "A report"))))
                .json()
                .get("award");
        // An attachment, a score and a conflict declaration are written by their own tests; here the plain tables get
        // rows through the award.
        return new FundingOf(
                call,
                application,
                review,
                UUID.fromString(award.get("tranches").get(0).get("id").asString()),
                UUID.fromString(award.get("tranches").get(1).get("id").asString()),
                UUID.fromString(award.get("reports").get(0).get("id").asString()));
    }

    /** Lab A's funding with a row in every table: an attachment, a declared and scored review, an award. */
    void fundingWithEveryRow(Lab lab) {
        UUID call = created(api.post(path(lab, "/funding-calls"), callBody("Seed grants " + UUID.randomUUID())));
        String applicantUser = TestKeycloak.createUser("applicant");
        labs.seat(lab, TestAccounts.subject(applicantUser), "resident");
        Api applicant = api.as(TestAccounts.tokenOf(applicantUser));
        UUID application = created(applicant.post(
                path(lab, "/funding-calls/" + call + "/applications"),
                Map.of("businessIdea", "Bags", "budgetLines", List.of(Map.of("item", "Wool", "amountKgs", 500)))));
        assertThat(applicant
                        .send(
                                "POST",
                                path(lab, "/funding-applications/" + application + "/attachments"),
                                "%PDF-1.4".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                                Map.of("Content-Type", "application/pdf"))
                        .status())
                .isEqualTo(200);
        assertThat(applicant
                        .post(path(lab, "/funding-applications/" + application + "/submit"), null)
                        .status())
                .isEqualTo(200);
        UUID review = created(api.post(
                path(lab, "/funding-applications/" + application + "/reviewers"),
                Map.of("reviewerMembershipId", adminMembershipIn(lab))));
        api.post(path(lab, "/reviews/" + review + "/conflict"), Map.of("conflict", false));
        String criterion = api.get(path(lab, "/funding-calls"))
                .json()
                .valueStream()
                .filter(c -> c.get("id").asString().equals(call.toString()))
                .findFirst()
                .orElseThrow()
                .get("rubric")
                .get(0)
                .get("id")
                .asString();
        assertThat(api.put(
                                path(lab, "/reviews/" + review + "/scores"),
                                Map.of("scores", List.of(Map.of("criterionId", criterion, "score", 7))))
                        .status())
                .isEqualTo(200);
        assertThat(api.post(
                                path(lab, "/funding-applications/" + application + "/decision"),
                                Map.of("status", "AWARDED", "amountKgs", 500))
                        .status())
                .isEqualTo(200);
    }

    static Map<String, Object> callBody(String title) {
        return Map.of(
                "title",
                title,
                "budgetCeilingKgs",
                50000,
                "deadline",
                java.time.Instant.now().plus(java.time.Duration.ofDays(30)).toString(),
                "rubric",
                List.of(Map.of("name", "Idea", "weight", 1)));
    }

    /** A program of the lab with a cohort, a session, the lab admin's enrolment, a mentor assigned to it. */
    record ProgramsOf(UUID programId, UUID cohortId, UUID sessionId, UUID enrollmentId, UUID assignmentId) {}

    ProgramsOf programsOf(Lab lab) {
        UUID program = created(api.post(
                path(lab, "/programs"),
                Map.of("title", "Program of A " + UUID.randomUUID(), "kind", "COURSE", "enrolment", "DIRECT")));
        UUID cohort = created(api.post(path(lab, "/programs/" + program + "/cohorts"), cohortBody("Spring")));
        UUID session = created(api.post(path(lab, "/cohorts/" + cohort + "/sessions"), sessionBody()));
        UUID enrollment = created(api.post(path(lab, "/cohorts/" + cohort + "/enrollments"), Map.of()));
        UUID mentor = labs.seat(lab, "mentor-" + UUID.randomUUID(), "mentor");
        UUID assignment = created(api.post(
                path(lab, "/cohorts/" + cohort + "/mentors"),
                Map.of("mentorMembershipId", mentor, "enrollmentId", enrollment)));
        // One session logged by staff and one attendance, so the plain-JDBC tables have rows.
        created(api.post(
                path(lab, "/mentor-assignments/" + assignment + "/sessions"),
                Map.of("heldOn", java.time.LocalDate.now().toString(), "hours", 1)));
        return new ProgramsOf(program, cohort, session, enrollment, assignment);
    }

    /**
     * Lab A's money: a one-off charge to its resident and to its admin, a payment by the resident (receipt A-1) and a
     * cost of the month.
     */
    void financeOf(Lab lab, UUID resident, UUID admin) {
        for (UUID member : List.of(resident, admin)) {
            created(api.post(
                    path(lab, "/finance/charges"),
                    Map.of("membershipId", member, "month", "2026-12", "amountKgs", 250, "description", "Felt")));
        }
        created(api.post(
                path(lab, "/finance/payments"),
                Map.of(
                        "membershipId",
                        resident,
                        "amountKgs",
                        1500,
                        "method",
                        "TRANSFER",
                        "receiptNo",
                        "A-1",
                        "paidOn",
                        "2026-12-01")));
        created(api.post(
                path(lab, "/finance/subsidies"),
                Map.of("membershipId", resident, "amountKgs", 100, "grantedOn", "2026-12-01")));
        created(api.post(
                path(lab, "/finance/costs"), Map.of("month", "2026-12", "category", "RENT", "amountKgs", 1000)));
    }

    long balancesOf(Lab lab) {
        return api.get(path(lab, "/finance/balances")).json().size();
    }

    UUID adminMembershipIn(Lab lab) {
        return UUID.fromString(
                api.get(path(lab, "/memberships/me")).json().get("id").asString());
    }

    long enrollmentsOfA(InLabA a) {
        return api.get(path(this.a, "/cohorts/" + a.programs().cohortId() + "/enrollments"))
                .json()
                .get("totalItems")
                .asLong();
    }

    static Map<String, Object> cohortBody(String name) {
        return Map.of(
                "name",
                name,
                "startsOn",
                java.time.LocalDate.now().toString(),
                "endsOn",
                java.time.LocalDate.now().plusMonths(1).toString(),
                "capacity",
                10);
    }

    static Map<String, Object> sessionBody() {
        return Map.of(
                "title",
                "Week 1",
                "startsAt",
                TestLabs.tomorrowAt(10).toString(),
                "endsAt",
                TestLabs.tomorrowAt(12).toString());
    }

    /** An event of lab A with one registration (a visitor who joined the network) and its code. */
    record EventOfA(UUID eventId, UUID registrationId, String code, UUID contactId) {}

    UUID anEventFormat(Lab lab) {
        return created(api.post(
                path(lab, "/event-formats"), Map.of("name", "Open day", "durationMinutes", 180, "capacity", 30)));
    }

    /** An event in the lab with a visitor registered who joined the network; returns the event. */
    UUID anEventWithACode(Lab lab) {
        return eventOf(lab).eventId();
    }

    private EventOfA eventOf(Lab lab) {
        UUID event = created(api.post(path(lab, "/events"), eventBody("Event of A", null)));
        Api.Reply registered = api.anonymous()
                .post(
                        path(lab, "/public/events/" + event + "/registrations"),
                        Map.of(
                                "name",
                                "Visitor of " + lab.slug(),
                                "contact",
                                "visitor-" + UUID.randomUUID() + "@example.org",
                                "joinNetwork",
                                true,
                                "consentWording",
                                "network-2026"));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        String contact = api.get(path(lab, "/events/" + event + "/registrations"))
                .json()
                .get("items")
                .get(0)
                .get("networkContactId")
                .asString();
        return new EventOfA(
                event,
                UUID.fromString(registered.json().get("id").asString()),
                registered.json().get("checkInCode").asString(),
                UUID.fromString(contact));
    }

    long eventRegistrations(Lab lab, InLabA a) {
        return api.get(path(lab, "/events/" + a.event().eventId() + "/attendance"))
                .json()
                .get("registrations")
                .asLong();
    }

    String registrationStatus(Lab lab, InLabA a) {
        return api.anonymous()
                .post(
                        path(lab, "/public/registrations/lookup"),
                        Map.of("code", a.event().code()))
                .json()
                .get("status")
                .asString();
    }

    static Map<String, Object> eventBody(String title, Long version) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of(
                "title",
                title,
                "startsAt",
                TestLabs.tomorrowAt(15).toString(),
                "endsAt",
                TestLabs.tomorrowAt(17).toString(),
                "capacity",
                10));
        if (version != null) {
            body.put("version", version);
        }
        return body;
    }

    private static long bookingsToDate(Api.Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json()
                .get("indicators")
                .valueStream()
                .filter(i -> i.get("indicator").asString().equals("bookings"))
                .findFirst()
                .orElseThrow()
                .get("toDate")
                .asLong();
    }

    private static UUID created(Api.Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return UUID.fromString(reply.json().get("id").asString());
    }

    @FunctionalInterface
    interface Case {
        void check(CrossLabIsolationIntegrationTests test, InLabA inLabA);
    }
}
