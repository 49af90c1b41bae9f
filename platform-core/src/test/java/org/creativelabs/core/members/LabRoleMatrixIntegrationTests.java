package org.creativelabs.core.members;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.creativelabs.core.support.Api;
import org.creativelabs.core.support.LabApiTest;
import org.creativelabs.core.support.TestAccounts;
import org.creativelabs.core.support.TestLabs;
import org.creativelabs.core.tenancy.Lab;
import org.creativelabs.devstack.TestKeycloak;
import org.creativelabs.realm.CreativeLabsRealm;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * Must-shows 1 and 3 (identity), over every endpoint of the running application: who may call what. A new endpoint
 * without a rule here fails {@link #everyEndpointHasARule()}. Each cell expects one exact status: an allowed persona the
 * rule's status for the fixture's data (e.g. 409 for a stale version), a denied one a 403 problem, no token a 401.
 */
class LabRoleMatrixIntegrationTests extends LabApiTest {

    enum Persona {
        LAB_ADMIN,
        STAFF,
        MENTOR,
        RESIDENT,
        APPLICANT,
        NON_MEMBER,
        MEMBER_OF_OTHER_LAB,
        COORDINATOR,
        UNDP_VIEWER
    }

    /** Approved members: an applicant is not one yet. */
    private static final Set<Persona> ANY_MEMBER =
            EnumSet.of(Persona.LAB_ADMIN, Persona.STAFF, Persona.MENTOR, Persona.RESIDENT);
    /** Calls about the caller's own record (their application, profile, consents, data): members and applicants. */
    private static final Set<Persona> OWN_RECORD =
            EnumSet.of(Persona.LAB_ADMIN, Persona.STAFF, Persona.MENTOR, Persona.RESIDENT, Persona.APPLICANT);

    private static final Set<Persona> MANAGERS = EnumSet.of(Persona.LAB_ADMIN, Persona.STAFF);
    private static final Set<Persona> ADMINS = EnumSet.of(Persona.LAB_ADMIN);
    private static final Set<Persona> BOOKERS =
            EnumSet.of(Persona.LAB_ADMIN, Persona.STAFF, Persona.MENTOR, Persona.RESIDENT);
    /** Public flow: any personal account; platform accounts (coordinator, UNDP viewer) do not join labs. */
    private static final Set<Persona> ANY_PERSON = EnumSet.of(
            Persona.LAB_ADMIN,
            Persona.STAFF,
            Persona.MENTOR,
            Persona.RESIDENT,
            Persona.APPLICANT,
            Persona.NON_MEMBER,
            Persona.MEMBER_OF_OTHER_LAB);

    /**
     * {@code status}: what an allowed persona gets (the exact status, for the fixture's data); {@code except}: personas
     * allowed with another status. {@code ownData}: the call changes the caller's own membership (applying, erasure), so
     * each persona makes it with a fresh account of its kind and the shared accounts keep their roles for the other rules.
     */
    record Rule(
            Set<Persona> allowed,
            int status,
            Function<Fixture, String> path,
            Function<Fixture, Object> body,
            boolean ownData,
            Map<Persona, Integer> except,
            int withoutToken) {

        Rule(
                Set<Persona> allowed,
                int status,
                Function<Fixture, String> path,
                Function<Fixture, Object> body,
                boolean ownData,
                Map<Persona, Integer> except) {
            this(allowed, status, path, body, ownData, except, 401);
        }

        Rule(Set<Persona> allowed, int status, Function<Fixture, String> path, Function<Fixture, Object> body) {
            this(allowed, status, path, body, false, Map.of());
        }

        /** A lab's public page: open to everyone, with or without a token. */
        static Rule open(Function<Fixture, String> path) {
            return new Rule(EnumSet.allOf(Persona.class), 200, path, f -> null, false, Map.of(), 200);
        }

        /**
         * A public flow (registering for an event, acting on a registration by its code): anyone without a token and
         * any personal account; platform accounts do not take part in a lab's life.
         */
        static Rule publicFlow(int status, Function<Fixture, String> path, Function<Fixture, Object> body) {
            return new Rule(ANY_PERSON, status, path, body, false, Map.of(), status);
        }

        int expectedFor(Persona persona) {
            return !allowed.contains(persona) ? 403 : except.getOrDefault(persona, status);
        }
    }

    /**
     * What every cell may read; no cell changes what another cell reads: the booking and series are cancelled again
     * (still 200), bookings go to a day of their own, {@code erasable} is a membership only the erasure cell uses.
     */
    record Fixture(
            Lab lab,
            UUID spaceId,
            UUID membershipId,
            UUID erasable,
            UUID bookingId,
            UUID seriesId,
            UUID planId,
            Events events,
            Programs programs,
            Funding funding) {}

    /**
     * Someone's draft (nobody else may touch it, staff may not decide it) and someone's awarded application with a
     * review assigned, a first tranche without and a second with a requirement, and its 6-month report.
     */
    record Funding(UUID callId, UUID draftId, UUID reviewId, UUID firstTranche, UUID secondTranche, UUID reportId) {}

    /**
     * A direct program with a cohort of 50 seats (every persona may join it once), a session, someone's enrolment and
     * a mentor assigned to it (the mentor is none of the personas).
     */
    record Programs(UUID programId, UUID cohortId, UUID sessionId, UUID enrollmentId, UUID assignmentId) {}

    /**
     * An event with registrations for each kind of cell: one only looked up, one cancelled by its code, one confirmed
     * and checked in (claiming it again changes nothing), one cancelled by staff; a second event only cancelled; a
     * network contact only erased.
     */
    record Events(
            UUID eventId,
            UUID cancellableEvent,
            String lookupCode,
            String cancelCode,
            String confirmedCode,
            UUID staffCancels,
            UUID contactId,
            String eraseCode,
            UUID staffErases) {}

    /** A different day for each booking a cell makes, so cells never compete for a slot. */
    private static final java.util.concurrent.atomic.AtomicInteger DAYS =
            new java.util.concurrent.atomic.AtomicInteger(2);

    private static Map<String, Object> slotOnADayOfItsOwn(int hour, Object... more) {
        java.time.Duration days = java.time.Duration.ofDays(DAYS.getAndIncrement());
        Map<String, Object> body = new java.util.HashMap<>(Map.of(
                "startsAt",
                TestLabs.tomorrowAt(hour).plus(days).toString(),
                "endsAt",
                TestLabs.tomorrowAt(hour + 1).plus(days).toString()));
        for (int i = 0; i < more.length; i += 2) {
            body.put((String) more[i], more[i + 1]);
        }
        return body;
    }

    private static final Map<String, Rule> RULES = Map.ofEntries(
            Map.entry("GET /api/labs/{slug}/spaces", new Rule(ANY_MEMBER, 200, f -> lab(f) + "/spaces", f -> null)),
            Map.entry(
                    "GET /api/labs/{slug}/spaces/{id}",
                    new Rule(ANY_MEMBER, 200, f -> lab(f) + "/spaces/" + f.spaceId(), f -> null)),
            Map.entry(
                    "POST /api/labs/{slug}/spaces",
                    new Rule(
                            MANAGERS,
                            201,
                            f -> lab(f) + "/spaces",
                            f -> Map.of("name", "Room " + UUID.randomUUID(), "kind", "ROOM", "capacity", 3))),
            // A stale version: authorised, then refused for its data.
            Map.entry(
                    "PUT /api/labs/{slug}/spaces/{id}",
                    new Rule(
                            MANAGERS,
                            409,
                            f -> lab(f) + "/spaces/" + f.spaceId(),
                            f -> Map.of(
                                    "name",
                                    "Renamed " + UUID.randomUUID(),
                                    "kind",
                                    "ROOM",
                                    "capacity",
                                    3,
                                    "version",
                                    99))),
            Map.entry(
                    "DELETE /api/labs/{slug}/spaces/{id}",
                    new Rule(MANAGERS, 404, f -> lab(f) + "/spaces/" + UUID.randomUUID(), f -> null)),
            Map.entry(
                    "GET /api/labs/{slug}/memberships",
                    new Rule(MANAGERS, 200, f -> lab(f) + "/memberships", f -> null)),
            Map.entry(
                    "GET /api/labs/{slug}/memberships/me",
                    new Rule(OWN_RECORD, 200, f -> lab(f) + "/memberships/me", f -> null)),
            Map.entry(
                    "POST /api/labs/{slug}/memberships",
                    new Rule(
                            ADMINS,
                            201,
                            f -> lab(f) + "/memberships",
                            f -> Map.of("subject", "s-" + UUID.randomUUID(), "roles", List.of("resident")))),
            Map.entry(
                    "PUT /api/labs/{slug}/memberships/{id}",
                    new Rule(
                            ADMINS,
                            409,
                            f -> lab(f) + "/memberships/" + f.membershipId(),
                            f -> Map.of("roles", List.of("resident"), "active", true, "version", 99))),
            Map.entry(
                    "GET /api/labs/{slug}/spaces/{spaceId}/bookings",
                    new Rule(ANY_MEMBER, 200, f -> lab(f) + "/spaces/" + f.spaceId() + "/bookings", f -> null)),
            Map.entry(
                    "POST /api/labs/{slug}/spaces/{spaceId}/bookings",
                    new Rule(
                            BOOKERS,
                            201,
                            f -> lab(f) + "/spaces/" + f.spaceId() + "/bookings",
                            f -> slotOnADayOfItsOwn(12))),
            // Its owner (here the lab admin) or staff; cancelling again changes nothing.
            Map.entry(
                    "POST /api/labs/{slug}/bookings/{id}/cancel",
                    new Rule(MANAGERS, 200, f -> lab(f) + "/bookings/" + f.bookingId() + "/cancel", f -> null)),
            Map.entry(
                    "GET /api/labs/{slug}/event-formats",
                    new Rule(MANAGERS, 200, f -> lab(f) + "/event-formats", f -> null)),
            Map.entry(
                    "POST /api/labs/{slug}/event-formats",
                    new Rule(
                            MANAGERS,
                            201,
                            f -> lab(f) + "/event-formats",
                            f -> Map.of(
                                    "name", "Open day " + UUID.randomUUID(), "durationMinutes", 180, "capacity", 30))),
            Map.entry("GET /api/labs/{slug}/programs", new Rule(ANY_MEMBER, 200, f -> lab(f) + "/programs", f -> null)),
            Map.entry(
                    "POST /api/labs/{slug}/programs",
                    new Rule(
                            MANAGERS,
                            201,
                            f -> lab(f) + "/programs",
                            f -> Map.of(
                                    "title", "Course " + UUID.randomUUID(), "kind", "COURSE", "enrolment", "DIRECT"))),
            Map.entry(
                    "PUT /api/labs/{slug}/programs/{id}",
                    new Rule(
                            MANAGERS,
                            409,
                            f -> lab(f) + "/programs/" + f.programs().programId(),
                            f -> Map.of("title", "Renamed", "kind", "COURSE", "enrolment", "DIRECT", "version", 99))),
            Map.entry(
                    "POST /api/labs/{slug}/programs/{id}/cohorts",
                    new Rule(
                            MANAGERS,
                            201,
                            f -> lab(f) + "/programs/" + f.programs().programId() + "/cohorts",
                            f -> cohortBody(10))),
            Map.entry(
                    "GET /api/labs/{slug}/cohorts/{id}",
                    new Rule(
                            ANY_MEMBER,
                            200,
                            f -> lab(f) + "/cohorts/" + f.programs().cohortId(),
                            f -> null)),
            Map.entry(
                    "POST /api/labs/{slug}/cohorts/{id}/sessions",
                    new Rule(
                            MANAGERS,
                            201,
                            f -> lab(f) + "/cohorts/" + f.programs().cohortId() + "/sessions",
                            f -> sessionBody())),
            Map.entry(
                    "POST /api/labs/{slug}/cohorts/{id}/enrollments",
                    new Rule(
                            ANY_MEMBER,
                            201,
                            f -> lab(f) + "/cohorts/" + f.programs().cohortId() + "/enrollments",
                            f -> Map.of())),
            Map.entry(
                    "GET /api/labs/{slug}/cohorts/{id}/enrollments",
                    new Rule(
                            MANAGERS,
                            200,
                            f -> lab(f) + "/cohorts/" + f.programs().cohortId() + "/enrollments",
                            f -> null)),
            Map.entry(
                    "POST /api/labs/{slug}/enrollments/{id}/decision",
                    new Rule(
                            MANAGERS,
                            409,
                            f -> lab(f) + "/enrollments/" + f.programs().enrollmentId() + "/decision",
                            f -> Map.of("status", "ENROLLED", "version", 99))),
            Map.entry(
                    "GET /api/labs/{slug}/enrollments/mine",
                    new Rule(ANY_MEMBER, 200, f -> lab(f) + "/enrollments/mine", f -> null)),
            Map.entry(
                    "PUT /api/labs/{slug}/program-sessions/{id}/attendance",
                    new Rule(
                            MANAGERS,
                            200,
                            f -> lab(f) + "/program-sessions/" + f.programs().sessionId() + "/attendance",
                            f -> Map.of("present", List.of(f.programs().enrollmentId())))),
            Map.entry(
                    "POST /api/labs/{slug}/cohorts/{id}/completion",
                    new Rule(
                            MANAGERS,
                            200,
                            f -> lab(f) + "/cohorts/" + f.programs().cohortId() + "/completion",
                            f -> null)),
            // Authorised, then refused for its data: the membership is nobody's.
            Map.entry(
                    "POST /api/labs/{slug}/cohorts/{id}/mentors",
                    new Rule(
                            MANAGERS,
                            400,
                            f -> lab(f) + "/cohorts/" + f.programs().cohortId() + "/mentors",
                            f -> Map.of(
                                    "mentorMembershipId",
                                    UUID.randomUUID(),
                                    "enrollmentId",
                                    f.programs().enrollmentId()))),
            // The assigned mentor (none of the personas) or staff.
            Map.entry(
                    "POST /api/labs/{slug}/mentor-assignments/{id}/sessions",
                    new Rule(
                            MANAGERS,
                            201,
                            f -> lab(f) + "/mentor-assignments/" + f.programs().assignmentId() + "/sessions",
                            f -> Map.of("heldOn", java.time.LocalDate.now().toString(), "hours", 1))),
            Map.entry(
                    "GET /api/labs/{slug}/mentoring/mine",
                    new Rule(ANY_MEMBER, 200, f -> lab(f) + "/mentoring/mine", f -> null)),
            Map.entry(
                    "POST /api/labs/{slug}/finance/charges/run",
                    new Rule(MANAGERS, 200, f -> lab(f) + "/finance/charges/run", f -> Map.of("month", "2026-12"))),
            Map.entry(
                    "POST /api/labs/{slug}/finance/charges",
                    new Rule(
                            MANAGERS,
                            201,
                            f -> lab(f) + "/finance/charges",
                            f -> Map.of(
                                    "membershipId",
                                    f.membershipId(),
                                    "month",
                                    "2026-12",
                                    "amountKgs",
                                    250,
                                    "description",
                                    "Felt and dyes"))),
            Map.entry(
                    "POST /api/labs/{slug}/finance/payments",
                    new Rule(
                            MANAGERS,
                            201,
                            f -> lab(f) + "/finance/payments",
                            f -> Map.of(
                                    "membershipId",
                                    f.membershipId(),
                                    "amountKgs",
                                    100,
                                    "method",
                                    "CASH",
                                    "receiptNo",
                                    "R-" + UUID.randomUUID().toString().substring(0, 8),
                                    "paidOn",
                                    "2026-11-30"))),
            Map.entry(
                    "POST /api/labs/{slug}/finance/subsidies",
                    new Rule(
                            MANAGERS,
                            201,
                            f -> lab(f) + "/finance/subsidies",
                            f -> Map.of(
                                    "membershipId", f.membershipId(), "amountKgs", 100, "grantedOn", "2026-11-30"))),
            Map.entry(
                    "POST /api/labs/{slug}/finance/costs",
                    new Rule(
                            MANAGERS,
                            201,
                            f -> lab(f) + "/finance/costs",
                            f -> Map.of("month", "2026-12", "category", "RENT", "amountKgs", 20000))),
            Map.entry(
                    "GET /api/labs/{slug}/finance/balances",
                    new Rule(MANAGERS, 200, f -> lab(f) + "/finance/balances", f -> null)),
            Map.entry(
                    "GET /api/labs/{slug}/finance/mine",
                    new Rule(ANY_MEMBER, 200, f -> lab(f) + "/finance/mine", f -> null)),
            Map.entry(
                    "GET /api/labs/{slug}/finance/self-financing",
                    new Rule(MANAGERS, 200, f -> lab(f) + "/finance/self-financing", f -> null)),
            Map.entry(
                    "GET /api/labs/{slug}/funding-calls",
                    new Rule(ANY_MEMBER, 200, f -> lab(f) + "/funding-calls", f -> null)),
            Map.entry(
                    "POST /api/labs/{slug}/funding-calls",
                    new Rule(MANAGERS, 201, f -> lab(f) + "/funding-calls", f -> callBody())),
            Map.entry(
                    "GET /api/labs/{slug}/notifications/mine",
                    new Rule(OWN_RECORD, 200, f -> lab(f) + "/notifications/mine", f -> null)),
            // Someone else's (or nobody's) notification: as if it did not exist.
            Map.entry(
                    "POST /api/labs/{slug}/notifications/{id}/read",
                    new Rule(
                            OWN_RECORD, 404, f -> lab(f) + "/notifications/" + UUID.randomUUID() + "/read", f -> null)),
            Map.entry(
                    "PUT /api/labs/{slug}/funding-calls/{id}",
                    new Rule(
                            MANAGERS,
                            409,
                            f -> lab(f) + "/funding-calls/" + f.funding().callId(),
                            f -> withVersion(callBody(), 99))),
            Map.entry(
                    "POST /api/labs/{slug}/funding-calls/{id}/applications",
                    new Rule(
                            ANY_MEMBER,
                            201,
                            f -> lab(f) + "/funding-calls/" + f.funding().callId() + "/applications",
                            f -> Map.of("businessIdea", "Felt slippers"))),
            // Another person's application: as if it did not exist.
            Map.entry(
                    "PUT /api/labs/{slug}/funding-applications/{id}",
                    new Rule(
                            ANY_MEMBER,
                            404,
                            f -> lab(f) + "/funding-applications/" + f.funding().draftId(),
                            f -> Map.of("businessIdea", "Taken over", "version", 0))),
            Map.entry(
                    "POST /api/labs/{slug}/funding-applications/{id}/attachments",
                    new Rule(
                            ANY_MEMBER,
                            404,
                            f -> lab(f) + "/funding-applications/" + f.funding().draftId() + "/attachments",
                            f -> TestLabs.png(16))),
            Map.entry(
                    "POST /api/labs/{slug}/funding-applications/{id}/submit",
                    new Rule(
                            ANY_MEMBER,
                            404,
                            f -> lab(f) + "/funding-applications/" + f.funding().draftId() + "/submit",
                            f -> null)),
            Map.entry(
                    "GET /api/labs/{slug}/funding-applications/mine",
                    new Rule(ANY_MEMBER, 200, f -> lab(f) + "/funding-applications/mine", f -> null)),
            Map.entry(
                    "GET /api/labs/{slug}/funding-calls/{id}/applications",
                    new Rule(
                            MANAGERS,
                            200,
                            f -> lab(f) + "/funding-calls/" + f.funding().callId() + "/applications",
                            f -> null)),
            // A draft is not under consideration: authorised, then refused for its state.
            Map.entry(
                    "POST /api/labs/{slug}/funding-applications/{id}/request-info",
                    new Rule(
                            MANAGERS,
                            409,
                            f -> lab(f) + "/funding-applications/" + f.funding().draftId() + "/request-info",
                            f -> Map.of("question", "Who sews?"))),
            Map.entry(
                    "POST /api/labs/{slug}/funding-applications/{id}/reviewers",
                    new Rule(
                            MANAGERS,
                            400,
                            f -> lab(f) + "/funding-applications/" + f.funding().draftId() + "/reviewers",
                            f -> Map.of("reviewerMembershipId", UUID.randomUUID()))),
            Map.entry(
                    "POST /api/labs/{slug}/funding-applications/{id}/decision",
                    new Rule(
                            MANAGERS,
                            409,
                            f -> lab(f) + "/funding-applications/" + f.funding().draftId() + "/decision",
                            f -> Map.of("status", "DECLINED"))),
            Map.entry(
                    "GET /api/labs/{slug}/reviews/mine",
                    new Rule(ANY_MEMBER, 200, f -> lab(f) + "/reviews/mine", f -> null)),
            // Another reviewer's review: as if it did not exist.
            Map.entry(
                    "POST /api/labs/{slug}/reviews/{id}/conflict",
                    new Rule(
                            ANY_MEMBER,
                            404,
                            f -> lab(f) + "/reviews/" + f.funding().reviewId() + "/conflict",
                            f -> Map.of("conflict", false))),
            Map.entry(
                    "PUT /api/labs/{slug}/reviews/{id}/scores",
                    new Rule(
                            ANY_MEMBER,
                            404,
                            f -> lab(f) + "/reviews/" + f.funding().reviewId() + "/scores",
                            f -> Map.of("scores", List.of(Map.of("criterionId", UUID.randomUUID(), "score", 5))))),
            Map.entry(
                    "POST /api/labs/{slug}/tranches/{id}/requirement-met",
                    new Rule(
                            MANAGERS,
                            200,
                            f -> lab(f) + "/tranches/" + f.funding().secondTranche() + "/requirement-met",
                            f -> null)),
            Map.entry(
                    "POST /api/labs/{slug}/tranches/{id}/pay",
                    new Rule(
                            MANAGERS,
                            200,
                            f -> lab(f) + "/tranches/" + f.funding().firstTranche() + "/pay",
                            f -> null)),
            Map.entry(
                    "PUT /api/labs/{slug}/outcome-reports/{id}",
                    new Rule(
                            ANY_MEMBER,
                            404,
                            f -> lab(f) + "/outcome-reports/" + f.funding().reportId(),
                            f -> Map.of("businessStarted", true, "jobs", 1, "version", 0))),
            Map.entry(
                    "POST /api/labs/{slug}/outcome-reports/{id}/accept",
                    new Rule(
                            MANAGERS,
                            409,
                            f -> lab(f) + "/outcome-reports/" + f.funding().reportId() + "/accept",
                            f -> null)),
            Map.entry(
                    "GET /api/labs/{slug}/outcome-reports/late",
                    new Rule(MANAGERS, 200, f -> lab(f) + "/outcome-reports/late", f -> null)),
            Map.entry("GET /api/labs/{slug}/public/events", Rule.open(f -> lab(f) + "/public/events")),
            // The portal's pages: public ones open to all; the rest as the API calls they show.
            Map.entry("GET /api/labs/{slug}", Rule.open(f -> lab(f))),
            Map.entry("GET /api/labs/{slug}/", Rule.open(f -> lab(f) + "/")),
            Map.entry("GET /api/labs/{slug}/portal/theme.css", Rule.open(f -> lab(f) + "/portal/theme.css")),
            Map.entry("GET /api/labs/{slug}/portal/events", Rule.open(f -> lab(f) + "/portal/events")),
            Map.entry(
                    "GET /api/labs/{slug}/portal/events/{id}",
                    Rule.open(f -> lab(f) + "/portal/events/" + f.events().eventId())),
            Map.entry("GET /api/labs/{slug}/portal/join", Rule.open(f -> lab(f) + "/portal/join")),
            Map.entry(
                    "POST /api/labs/{slug}/public/registrations/qr",
                    Rule.publicFlow(
                            200,
                            f -> lab(f) + "/public/registrations/qr",
                            f -> Map.of("code", f.events().confirmedCode()))),
            Map.entry(
                    "GET /api/labs/{slug}/portal/book",
                    new Rule(ANY_MEMBER, 200, f -> lab(f) + "/portal/book", f -> null)),
            Map.entry(
                    "GET /api/labs/{slug}/portal/bookings",
                    new Rule(ANY_MEMBER, 200, f -> lab(f) + "/portal/bookings", f -> null)),
            Map.entry(
                    "GET /api/labs/{slug}/portal/programs",
                    new Rule(ANY_MEMBER, 200, f -> lab(f) + "/portal/programs", f -> null)),
            Map.entry(
                    "GET /api/labs/{slug}/portal/funding",
                    new Rule(ANY_MEMBER, 200, f -> lab(f) + "/portal/funding", f -> null)),
            Map.entry(
                    "GET /api/labs/{slug}/portal/reviews",
                    new Rule(ANY_MEMBER, 200, f -> lab(f) + "/portal/reviews", f -> null)),
            Map.entry(
                    "GET /api/labs/{slug}/portal/my-data",
                    new Rule(OWN_RECORD, 200, f -> lab(f) + "/portal/my-data", f -> null)),
            Map.entry(
                    "GET /api/labs/{slug}/portal/staff/events",
                    new Rule(MANAGERS, 200, f -> lab(f) + "/portal/staff/events", f -> null)),
            Map.entry(
                    "GET /api/labs/{slug}/portal/staff/events/{id}/check-in",
                    new Rule(
                            MANAGERS,
                            200,
                            f -> lab(f) + "/portal/staff/events/" + f.events().eventId() + "/check-in",
                            f -> null)),
            Map.entry(
                    "GET /api/labs/{slug}/portal/staff/funding",
                    new Rule(MANAGERS, 200, f -> lab(f) + "/portal/staff/funding", f -> null)),
            Map.entry(
                    "GET /api/labs/{slug}/portal/staff/programs",
                    new Rule(MANAGERS, 200, f -> lab(f) + "/portal/staff/programs", f -> null)),
            Map.entry(
                    "GET /api/labs/{slug}/portal/staff/spaces",
                    new Rule(MANAGERS, 200, f -> lab(f) + "/portal/staff/spaces", f -> null)),
            Map.entry(
                    "GET /api/labs/{slug}/portal/staff/plans",
                    new Rule(MANAGERS, 200, f -> lab(f) + "/portal/staff/plans", f -> null)),
            Map.entry(
                    "GET /api/labs/{slug}/portal/staff/finance",
                    new Rule(MANAGERS, 200, f -> lab(f) + "/portal/staff/finance", f -> null)),
            Map.entry(
                    "GET /api/labs/{slug}/portal/staff/indicators",
                    new Rule(MANAGERS, 200, f -> lab(f) + "/portal/staff/indicators", f -> null)),
            Map.entry(
                    "GET /api/labs/{slug}/portal/staff/branding",
                    new Rule(ADMINS, 200, f -> lab(f) + "/portal/staff/branding", f -> null)),
            Map.entry(
                    "GET /api/labs/{slug}/portal/staff/members",
                    new Rule(MANAGERS, 200, f -> lab(f) + "/portal/staff/members", f -> null)),
            Map.entry(
                    "GET /api/labs/{slug}/public/events/{id}",
                    Rule.open(f -> lab(f) + "/public/events/" + f.events().eventId())),
            Map.entry(
                    "POST /api/labs/{slug}/public/events/{id}/registrations",
                    Rule.publicFlow(
                            201,
                            f -> lab(f) + "/public/events/" + f.events().eventId() + "/registrations",
                            f -> Map.of("name", "Guest", "contact", "guest-" + UUID.randomUUID() + "@example.org"))),
            Map.entry(
                    "POST /api/labs/{slug}/public/registrations/lookup",
                    Rule.publicFlow(
                            200,
                            f -> lab(f) + "/public/registrations/lookup",
                            f -> Map.of("code", f.events().lookupCode()))),
            Map.entry(
                    "POST /api/labs/{slug}/public/registrations/cancel",
                    Rule.publicFlow(
                            200,
                            f -> lab(f) + "/public/registrations/cancel",
                            f -> Map.of("code", f.events().cancelCode()))),
            Map.entry(
                    "POST /api/labs/{slug}/public/registrations/claim",
                    Rule.publicFlow(
                            200,
                            f -> lab(f) + "/public/registrations/claim",
                            f -> Map.of("code", f.events().confirmedCode()))),
            // Erasing again changes nothing: every cell answers 200.
            Map.entry(
                    "POST /api/labs/{slug}/public/registrations/erase",
                    Rule.publicFlow(
                            200,
                            f -> lab(f) + "/public/registrations/erase",
                            f -> Map.of("code", f.events().eraseCode()))),
            Map.entry(
                    "POST /api/labs/{slug}/events/{id}/registrations/{registrationId}/erasure",
                    new Rule(
                            ADMINS,
                            200,
                            f -> lab(f) + "/events/" + f.events().eventId() + "/registrations/"
                                    + f.events().staffErases() + "/erasure",
                            f -> null)),
            Map.entry(
                    "GET /api/labs/{slug}/events/registrations/mine",
                    new Rule(ANY_PERSON, 200, f -> lab(f) + "/events/registrations/mine", f -> null)),
            Map.entry("GET /api/labs/{slug}/events", new Rule(MANAGERS, 200, f -> lab(f) + "/events", f -> null)),
            Map.entry(
                    "POST /api/labs/{slug}/events",
                    new Rule(MANAGERS, 201, f -> lab(f) + "/events", f -> eventBody("Open day", 100, null))),
            Map.entry(
                    "PUT /api/labs/{slug}/events/{id}",
                    new Rule(
                            MANAGERS,
                            409,
                            f -> lab(f) + "/events/" + f.events().eventId(),
                            f -> eventBody("Renamed", 100, 99L))),
            Map.entry(
                    "POST /api/labs/{slug}/events/{id}/cancel",
                    new Rule(
                            MANAGERS,
                            200,
                            f -> lab(f) + "/events/" + f.events().cancellableEvent() + "/cancel",
                            f -> null)),
            Map.entry(
                    "GET /api/labs/{slug}/events/{id}/registrations",
                    new Rule(
                            MANAGERS,
                            200,
                            f -> lab(f) + "/events/" + f.events().eventId() + "/registrations",
                            f -> null)),
            Map.entry(
                    "POST /api/labs/{slug}/events/{id}/registrations/{registrationId}/cancel",
                    new Rule(
                            MANAGERS,
                            200,
                            f -> lab(f) + "/events/" + f.events().eventId() + "/registrations/"
                                    + f.events().staffCancels() + "/cancel",
                            f -> null)),
            Map.entry(
                    "GET /api/labs/{slug}/events/{id}/roster",
                    new Rule(
                            MANAGERS, 200, f -> lab(f) + "/events/" + f.events().eventId() + "/roster", f -> null)),
            Map.entry(
                    "POST /api/labs/{slug}/events/{id}/check-ins",
                    new Rule(
                            MANAGERS,
                            200,
                            f -> lab(f) + "/events/" + f.events().eventId() + "/check-ins",
                            f -> Map.of(
                                    "scans", List.of(Map.of("code", f.events().confirmedCode()))))),
            Map.entry(
                    "GET /api/labs/{slug}/events/{id}/attendance",
                    new Rule(
                            MANAGERS, 200, f -> lab(f) + "/events/" + f.events().eventId() + "/attendance", f -> null)),
            Map.entry("GET /api/labs/{slug}/network", new Rule(MANAGERS, 200, f -> lab(f) + "/network", f -> null)),
            Map.entry(
                    "PUT /api/labs/{slug}/network/{id}/ambassador",
                    new Rule(
                            MANAGERS,
                            409,
                            f -> lab(f) + "/network/" + f.events().contactId() + "/ambassador",
                            f -> Map.of("role", "Ambassador", "version", 99))),
            Map.entry(
                    "POST /api/labs/{slug}/network/{id}/erasure",
                    new Rule(ADMINS, 200, f -> lab(f) + "/network/" + f.events().contactId() + "/erasure", f -> null)),
            Map.entry("GET /api/labs/{slug}/public/branding", Rule.open(f -> lab(f) + "/public/branding")),
            Map.entry("GET /api/labs/{slug}/public/branding/logo", Rule.open(f -> lab(f) + "/public/branding/logo")),
            Map.entry(
                    "PUT /api/labs/{slug}/branding",
                    new Rule(
                            ADMINS,
                            409,
                            f -> lab(f) + "/branding",
                            f -> Map.of(
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
                                    99))),
            Map.entry(
                    "PUT /api/labs/{slug}/branding/logo",
                    new Rule(ADMINS, 200, f -> lab(f) + "/branding/logo", f -> TestLabs.png(64))),
            // Applying makes the caller an applicant: fresh accounts, so the shared non-members stay non-members.
            // Someone
            // who already has a record here gets it back (200); a newcomer's application is created (201).
            Map.entry(
                    "POST /api/labs/{slug}/membership-requests",
                    new Rule(
                            ANY_PERSON,
                            200,
                            f -> lab(f) + "/membership-requests",
                            f -> null,
                            true,
                            Map.of(Persona.NON_MEMBER, 201, Persona.MEMBER_OF_OTHER_LAB, 201))),
            // The fixture's membership is a resident's, not an application.
            Map.entry(
                    "POST /api/labs/{slug}/memberships/{id}/approve",
                    new Rule(
                            MANAGERS,
                            409,
                            f -> lab(f) + "/memberships/" + f.membershipId() + "/approve",
                            f -> Map.of("roles", List.of("resident"), "version", 0))),
            Map.entry(
                    "POST /api/labs/{slug}/memberships/{id}/decline",
                    new Rule(
                            MANAGERS,
                            409,
                            f -> lab(f) + "/memberships/" + f.membershipId() + "/decline",
                            f -> Map.of("version", 0))),
            Map.entry("GET /api/labs/{slug}/profiles", new Rule(ANY_MEMBER, 200, f -> lab(f) + "/profiles", f -> null)),
            Map.entry(
                    "GET /api/labs/{slug}/profiles/me",
                    new Rule(OWN_RECORD, 200, f -> lab(f) + "/profiles/me", f -> null)),
            Map.entry(
                    "PUT /api/labs/{slug}/profiles/me",
                    new Rule(
                            OWN_RECORD,
                            409,
                            f -> lab(f) + "/profiles/me",
                            f -> Map.of("displayName", "Someone", "version", 99))),
            Map.entry(
                    "GET /api/labs/{slug}/memberships/{id}/profile",
                    new Rule(MANAGERS, 200, f -> lab(f) + "/memberships/" + f.membershipId() + "/profile", f -> null)),
            Map.entry(
                    "GET /api/labs/{slug}/profiles/me/sensitive",
                    new Rule(OWN_RECORD, 200, f -> lab(f) + "/profiles/me/sensitive", f -> null)),
            Map.entry(
                    "POST /api/labs/{slug}/profiles/me/consents",
                    new Rule(
                            OWN_RECORD,
                            201,
                            f -> lab(f) + "/profiles/me/consents",
                            f -> Map.of("fields", List.of("age-band"), "values", Map.of("age-band", "25-28")))),
            Map.entry(
                    "POST /api/labs/{slug}/profiles/me/consents/{id}/withdraw",
                    new Rule(
                            OWN_RECORD,
                            404,
                            f -> lab(f) + "/profiles/me/consents/" + UUID.randomUUID() + "/withdraw",
                            f -> null)),
            Map.entry(
                    "GET /api/labs/{slug}/memberships/me/export",
                    new Rule(OWN_RECORD, 200, f -> lab(f) + "/memberships/me/export", f -> null)),
            Map.entry(
                    "POST /api/labs/{slug}/memberships/me/erasure",
                    new Rule(OWN_RECORD, 200, f -> lab(f) + "/memberships/me/erasure", f -> null, true, Map.of())),
            Map.entry(
                    "POST /api/labs/{slug}/memberships/{id}/erasure",
                    new Rule(ADMINS, 200, f -> lab(f) + "/memberships/" + f.erasable() + "/erasure", f -> null)),
            Map.entry(
                    "GET /api/labs/{slug}/indicators", new Rule(MANAGERS, 200, f -> lab(f) + "/indicators", f -> null)),
            Map.entry("GET /api/labs/{slug}/plans", new Rule(ANY_MEMBER, 200, f -> lab(f) + "/plans", f -> null)),
            Map.entry(
                    "POST /api/labs/{slug}/plans",
                    new Rule(
                            ADMINS,
                            201,
                            f -> lab(f) + "/plans",
                            f -> Map.of("name", "Plan " + UUID.randomUUID(), "monthlyBookingHours", 10))),
            Map.entry(
                    "PUT /api/labs/{slug}/plans/{id}",
                    new Rule(
                            ADMINS,
                            409,
                            f -> lab(f) + "/plans/" + f.planId(),
                            f -> Map.of("name", "Renamed " + UUID.randomUUID(), "version", 99))),
            Map.entry(
                    "POST /api/labs/{slug}/spaces/{spaceId}/booking-series",
                    new Rule(
                            BOOKERS,
                            201,
                            f -> lab(f) + "/spaces/" + f.spaceId() + "/booking-series",
                            f -> slotOnADayOfItsOwn(15, "frequency", "WEEKLY", "occurrences", 2))),
            // Its owner (here the lab admin) or staff; cancelling again changes nothing.
            Map.entry(
                    "POST /api/labs/{slug}/booking-series/{id}/cancel",
                    new Rule(MANAGERS, 200, f -> lab(f) + "/booking-series/" + f.seriesId() + "/cancel", f -> null)),
            Map.entry(
                    "GET /api/labs/{slug}/bookings/mine",
                    new Rule(ANY_MEMBER, 200, f -> lab(f) + "/bookings/mine", f -> null)));

    @Autowired
    @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;

    Lab osh;
    Lab batken;
    Map<Persona, String> tokens;
    Fixture fixture;

    @BeforeEach
    void setUp() {
        osh = labs.createServing("osh");
        batken = labs.createServing("batken");
        tokens = new java.util.EnumMap<>(Persona.class);
        tokens.put(Persona.LAB_ADMIN, TestAccounts.tokenOf(TestAccounts.labAdmin()));
        tokens.put(Persona.STAFF, member(osh, "staff"));
        tokens.put(Persona.MENTOR, member(osh, "mentor"));
        tokens.put(Persona.RESIDENT, member(osh, "resident"));
        tokens.put(Persona.APPLICANT, member(osh, "applicant"));
        tokens.put(Persona.NON_MEMBER, TestAccounts.tokenOf(TestKeycloak.createUser("nobody")));
        tokens.put(Persona.MEMBER_OF_OTHER_LAB, member(batken, "lab-admin"));
        tokens.put(
                Persona.COORDINATOR,
                TestAccounts.tokenOf(TestKeycloak.createUser("coordinator", CreativeLabsRealm.COORDINATOR)));
        tokens.put(
                Persona.UNDP_VIEWER,
                TestAccounts.tokenOf(TestKeycloak.createUser("viewer", CreativeLabsRealm.UNDP_VIEWER)));
        UUID space = labs.createSpace(osh, "Felt studio");
        String someone = TestKeycloak.createUser("someone");
        UUID membership = labs.seat(osh, TestAccounts.subject(someone), "resident");
        assertThat(api.as(TestAccounts.tokenOf(someone))
                        .put("/api/labs/" + osh.slug() + "/profiles/me", Map.of("displayName", "Someone"))
                        .status())
                .isEqualTo(200);
        UUID erasable = labs.seat(osh, "erasable-" + UUID.randomUUID(), "resident");
        Api.Reply series = api.post(
                "/api/labs/" + osh.slug() + "/spaces/" + space + "/booking-series",
                Map.of(
                        "startsAt",
                        TestLabs.tomorrowAt(12).toString(),
                        "endsAt",
                        TestLabs.tomorrowAt(13).toString(),
                        "frequency",
                        "WEEKLY",
                        "occurrences",
                        2));
        Api.Reply plan = api.post("/api/labs/" + osh.slug() + "/plans", Map.of("name", "Resident"));
        assertThat(api.put("/api/labs/" + osh.slug() + "/branding/logo", TestLabs.png(64))
                        .status())
                .isEqualTo(200);
        // Every persona that has a record here has a profile, so reading and updating one does not depend on order.
        for (Persona persona : OWN_RECORD) {
            Api.Reply profile = api.as(tokens.get(persona))
                    .put("/api/labs/" + osh.slug() + "/profiles/me", Map.of("displayName", persona.name()));
            assertThat(profile.status()).as(profile.toString()).isIn(200, 409);
        }
        fixture = new Fixture(
                osh,
                space,
                membership,
                erasable,
                labs.book(osh, space, 10),
                id(series),
                id(plan),
                events(osh),
                programs(osh, TestAccounts.tokenOf(someone)),
                funding(osh, TestAccounts.tokenOf(someone)));
    }

    @Test
    void everyEndpointHasARule() {
        assertThat(RULES.keySet())
                .as("role rules: one for each lab endpoint, none for an endpoint that is gone")
                .containsExactlyInAnyOrderElementsOf(labEndpoints());
    }

    @TestFactory
    Stream<DynamicTest> eachPersonaIsAllowedExactlyWhatItsRolesGrant() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String endpoint : labEndpoints()) {
            Rule rule = RULES.get(endpoint);
            if (rule == null) {
                continue;
            }
            String method = endpoint.substring(0, endpoint.indexOf(' '));
            for (Persona persona : Persona.values()) {
                int expected = rule.expectedFor(persona);
                tests.add(DynamicTest.dynamicTest(endpoint + " as " + persona + " -> " + expected, () -> {
                    String token = rule.ownData() ? freshToken(persona) : tokens.get(persona);
                    Api.Reply reply = api.as(token)
                            .send(
                                    method,
                                    rule.path().apply(fixture),
                                    rule.body().apply(fixture),
                                    Map.of());
                    assertThat(reply.status()).as(reply.toString()).isEqualTo(expected);
                    if (expected >= 400) {
                        assertThat(reply.isProblem()).as(reply.toString()).isTrue();
                    }
                }));
            }
            tests.add(DynamicTest.dynamicTest(endpoint + " without a token", () -> {
                Api.Reply reply = api.anonymous()
                        .send(method, rule.path().apply(fixture), rule.body().apply(fixture), Map.of());
                assertThat(reply.status()).as(reply.toString()).isEqualTo(rule.withoutToken());
                if (rule.withoutToken() >= 400) {
                    assertThat(reply.isProblem()).isTrue();
                }
            }));
        }
        return tests.stream();
    }

    @Test
    void aMemberOfOshIsAllowedInOshAndForbiddenInBatken() {
        String resident = tokens.get(Persona.RESIDENT);
        assertThat(api.as(resident)
                        .get("/api/labs/" + osh.slug() + "/spaces/" + fixture.spaceId())
                        .status())
                .isEqualTo(200);
        UUID batkenSpace = labs.createSpace(batken, "Batken studio");
        Api.Reply other = api.as(resident).get("/api/labs/" + batken.slug() + "/spaces/" + batkenSpace);
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.isProblem()).isTrue();
    }

    @TestFactory
    Stream<DynamicTest> noUserTokenMayWriteAnywhereOrCallTheInternalApi() {
        // The UNDP viewer may call no write endpoint that exists; no user token (not even a coordinator's) reaches
        // /internal.
        List<DynamicTest> tests = new ArrayList<>();
        for (String endpoint : allEndpoints()) {
            String method = endpoint.substring(0, endpoint.indexOf(' '));
            String path = endpoint.substring(endpoint.indexOf(' ') + 1)
                    .replace("{slug}", osh.slug())
                    .replace("{labId}", osh.id().toString())
                    .replace("{id}", UUID.randomUUID().toString())
                    .replace("{spaceId}", fixture.spaceId().toString())
                    .replace("{registrationId}", UUID.randomUUID().toString());
            boolean write = !method.equals("GET");
            if (write) {
                tests.add(DynamicTest.dynamicTest(
                        "UNDP viewer: " + endpoint,
                        () -> assertThat(api.as(tokens.get(Persona.UNDP_VIEWER))
                                        .send(method, path, validBody(endpoint), Map.of())
                                        .status())
                                .isEqualTo(403)));
            }
            if (path.startsWith("/internal/")) {
                for (Persona persona : List.of(Persona.LAB_ADMIN, Persona.COORDINATOR, Persona.UNDP_VIEWER)) {
                    tests.add(DynamicTest.dynamicTest(
                            persona + ": " + endpoint,
                            () -> assertThat(api.as(tokens.get(persona))
                                            .send(method, path, validBody(endpoint), Map.of())
                                            .status())
                                    .isEqualTo(403)));
                }
            }
        }
        return tests.stream();
    }

    @Test
    void aCoordinatorCannotReadMembersPersonalData() {
        String coordinator = tokens.get(Persona.COORDINATOR);
        assertThat(api.as(coordinator)
                        .get("/api/labs/" + osh.slug() + "/memberships")
                        .status())
                .isEqualTo(403);
        assertThat(api.as(coordinator)
                        .get("/api/labs/" + osh.slug() + "/memberships/me")
                        .status())
                .isEqualTo(403);
        assertThat(api.as(coordinator)
                        .get("/api/labs/" + osh.slug() + "/memberships/" + fixture.membershipId() + "/profile")
                        .status())
                .isEqualTo(403);
        assertThat(api.as(coordinator)
                        .get("/api/labs/" + osh.slug() + "/profiles")
                        .status())
                .isEqualTo(403);
    }

    private Object validBody(String endpoint) {
        Rule rule = RULES.get(endpoint);
        if (rule != null) {
            return rule.body().apply(fixture);
        }
        if (endpoint.equals("POST /internal/tenants")) {
            return Map.of("labId", UUID.randomUUID(), "slug", "matrix-" + System.nanoTime() % 100000);
        }
        if (endpoint.endsWith("/members")) {
            return Map.of("subject", "x-" + UUID.randomUUID(), "roles", List.of("resident"));
        }
        return null;
    }

    private String member(Lab lab, String role) {
        String user = TestKeycloak.createUser(role);
        labs.seat(lab, TestAccounts.subject(user), role);
        return TestAccounts.tokenOf(user);
    }

    private String freshToken(Persona persona) {
        return switch (persona) {
            case NON_MEMBER -> TestAccounts.tokenOf(TestKeycloak.createUser("nobody"));
            case MEMBER_OF_OTHER_LAB -> member(batken, "lab-admin");
            case COORDINATOR, UNDP_VIEWER -> tokens.get(persona);
            default -> member(osh, persona.name().toLowerCase().replace('_', '-'));
        };
    }

    private Funding funding(Lab lab, String someone) {
        String base = "/api/labs/" + lab.slug();
        UUID awardedCall = id(api.post(base + "/funding-calls", callBody()));
        UUID draftCall = id(api.post(base + "/funding-calls", callBody()));
        Api asSomeone = api.as(someone);
        UUID awarded = id(asSomeone.post(
                base + "/funding-calls/" + awardedCall + "/applications",
                Map.of(
                        "businessIdea",
                        "Felt bags",
                        "budgetLines",
                        List.of(Map.of("item", "Wool", "amountKgs", 1000)))));
        assertThat(asSomeone
                        .post(base + "/funding-applications/" + awarded + "/submit", null)
                        .status())
                .isEqualTo(200);
        UUID draft = id(asSomeone.post(
                base + "/funding-calls/" + draftCall + "/applications", Map.of("businessIdea", "A draft")));
        UUID reviewer = labs.seat(lab, "reviewer-" + UUID.randomUUID(), "mentor");
        UUID review = id(api.post(
                base + "/funding-applications/" + awarded + "/reviewers", Map.of("reviewerMembershipId", reviewer)));
        JsonNode award = api.post(
                        base + "/funding-applications/" + awarded + "/decision",
                        Map.of(
                                "status",
                                "AWARDED",
                                "amountKgs",
                                1000,
                                "tranches",
                                List.of(
                                        Map.of("amountKgs", 600),
                                        Map.of("amountKgs", 400, "requirement", "6-month report accepted"))))
                .json()
                .get("award");
        return new Funding(
                awardedCall,
                draft,
                review,
                UUID.fromString(award.get("tranches").get(0).get("id").asString()),
                UUID.fromString(award.get("tranches").get(1).get("id").asString()),
                UUID.fromString(award.get("reports").get(0).get("id").asString()));
    }

    private static Map<String, Object> withVersion(Map<String, Object> body, long version) {
        Map<String, Object> versioned = new java.util.HashMap<>(body);
        versioned.put("version", version);
        return versioned;
    }

    private static Map<String, Object> callBody() {
        return Map.of(
                "title",
                "Seed grants " + UUID.randomUUID(),
                "budgetCeilingKgs",
                50000,
                "deadline",
                java.time.Instant.now().plus(java.time.Duration.ofDays(30)).toString(),
                "rubric",
                List.of(Map.of("name", "Idea", "weight", 1)));
    }

    private Programs programs(Lab lab, String someone) {
        String base = "/api/labs/" + lab.slug();
        UUID program = id(api.post(
                base + "/programs", Map.of("title", "Felt crafts basics", "kind", "COURSE", "enrolment", "DIRECT")));
        UUID cohort = id(api.post(base + "/programs/" + program + "/cohorts", cohortBody(50)));
        UUID session = id(api.post(base + "/cohorts/" + cohort + "/sessions", sessionBody()));
        UUID enrollment = id(api.as(someone).post(base + "/cohorts/" + cohort + "/enrollments", Map.of()));
        String mentor = TestKeycloak.createUser("assigned-mentor");
        UUID mentorMembership = labs.seat(lab, TestAccounts.subject(mentor), "mentor");
        UUID assignment = id(api.post(
                base + "/cohorts/" + cohort + "/mentors",
                Map.of("mentorMembershipId", mentorMembership, "enrollmentId", enrollment)));
        return new Programs(program, cohort, session, enrollment, assignment);
    }

    private static Map<String, Object> cohortBody(int capacity) {
        return Map.of(
                "name",
                "Cohort " + UUID.randomUUID(),
                "startsOn",
                java.time.LocalDate.now().toString(),
                "endsOn",
                java.time.LocalDate.now().plusMonths(2).toString(),
                "capacity",
                capacity);
    }

    private static Map<String, Object> sessionBody() {
        return Map.of(
                "title",
                "Week 1",
                "startsAt",
                TestLabs.tomorrowAt(10).toString(),
                "endsAt",
                TestLabs.tomorrowAt(12).toString());
    }

    private Events events(Lab lab) {
        String base = "/api/labs/" + lab.slug();
        UUID event = id(api.post(base + "/events", eventBody("Felt crafts open day", 100, null)));
        UUID cancellable = id(api.post(base + "/events", eventBody("Cancelled talk", 10, null)));
        Api visitor = api.anonymous();
        java.util.function.Function<Boolean, Api.Reply> register = joins -> visitor.post(
                base + "/public/events/" + event + "/registrations",
                joins
                        ? Map.of(
                                "name",
                                "Visitor",
                                "contact",
                                "v-" + UUID.randomUUID() + "@example.org",
                                "joinNetwork",
                                true,
                                "consentWording",
                                "network-2026")
                        : Map.of("name", "Visitor", "contact", "v-" + UUID.randomUUID() + "@example.org"));
        String lookup = code(register.apply(false));
        String cancel = code(register.apply(false));
        String confirmed = code(register.apply(false));
        UUID staffCancels = id(register.apply(true));
        String eraseCode = code(register.apply(false));
        UUID staffErases = id(register.apply(false));
        JsonNode contact = api.get(base + "/network").json().get("items").get(0);
        return new Events(
                event,
                cancellable,
                lookup,
                cancel,
                confirmed,
                staffCancels,
                UUID.fromString(contact.get("id").asString()),
                eraseCode,
                staffErases);
    }

    private static Map<String, Object> eventBody(String title, int capacity, Long version) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of(
                "title",
                title + " " + UUID.randomUUID(),
                "startsAt",
                TestLabs.tomorrowAt(15).toString(),
                "endsAt",
                TestLabs.tomorrowAt(17).toString(),
                "capacity",
                capacity));
        if (version != null) {
            body.put("version", version);
        }
        return body;
    }

    private static String code(Api.Reply registered) {
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        return registered.json().get("checkInCode").asString();
    }

    private static UUID id(Api.Reply created) {
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return UUID.fromString(created.json().get("id").asString());
    }

    private static String lab(Fixture f) {
        return "/api/labs/" + f.lab().slug();
    }

    private Set<String> labEndpoints() {
        return allEndpoints().stream()
                .filter(e -> e.contains(" /api/labs/{slug}"))
                .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
    }

    private Set<String> allEndpoints() {
        Set<String> endpoints = new TreeSet<>();
        mappings.getHandlerMethods()
                .keySet()
                .forEach(info -> info.getPatternValues().stream()
                        .filter(p -> p.startsWith("/api/") || p.startsWith("/internal/"))
                        .forEach(p -> info.getMethodsCondition()
                                .getMethods()
                                .forEach(m -> endpoints.add(m.name() + " " + p))));
        return endpoints;
    }
}
