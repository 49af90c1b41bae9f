package org.creativelabs.core.funding;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.creativelabs.core.support.Api;
import org.creativelabs.core.support.LabApiTest;
import org.creativelabs.core.support.LabDatabase;
import org.creativelabs.core.support.TestAccounts;
import org.creativelabs.core.tenancy.Lab;
import org.creativelabs.devstack.TestKeycloak;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Seed funding (issue 11, "Seed funding"): drafts, attachments by type and size, submission against deadline, ceiling
 * and eligibility; requests for more information; review with conflicts, blind review and no self-review; a ranked
 * list for staff; awards in tranches waiting on an accepted report; outcome reports and the late list; erasure.
 */
class FundingIntegrationTests extends LabApiTest {

    @org.springframework.beans.factory.annotation.Autowired
    ReportReminders reminders;

    Lab lab;
    String base;
    String applicant;
    String applicantSubject;

    @BeforeEach
    void setUp() {
        lab = labs.createServing("funding");
        base = "/api/labs/" + lab.slug();
        String user = TestKeycloak.createUser("applicant");
        applicantSubject = TestAccounts.subject(user);
        labs.seat(lab, applicantSubject, "resident");
        applicant = TestAccounts.tokenOf(user);
    }

    @Test
    void anApplicationIsDraftedAttachedSubmittedAndRefusedWhereItBreaksTheCallsRules() {
        JsonNode call = call("Seed grants 2027", 50000, Map.of());
        Api asApplicant = api.as(applicant);
        UUID draft = id(asApplicant.post(
                base + "/funding-calls/" + call.get("id").asString() + "/applications",
                Map.of("businessIdea", "Felt slippers sold online", "budgetLines", List.of(line("Wool", 60000)))));
        Api.Reply over = asApplicant.post(base + "/funding-applications/" + draft + "/submit", null);
        assertThat(over.status()).as(over.toString()).isEqualTo(400);
        assertThat(over.body()).contains("budgetLines");
        assertThat(asApplicant
                        .put(
                                base + "/funding-applications/" + draft,
                                Map.of(
                                        "businessIdea",
                                        "Felt slippers sold online",
                                        "budgetLines",
                                        List.of(line("Wool", 30000), line("Phone for photos", 15000)),
                                        "version",
                                        0))
                        .status())
                .isEqualTo(200);

        byte[] pdf = "%PDF-1.4 business plan".getBytes(StandardCharsets.US_ASCII);
        Api.Reply attached = asApplicant.send(
                "POST",
                base + "/funding-applications/" + draft + "/attachments",
                pdf,
                Map.of("Content-Type", "application/pdf", "Content-Disposition", "attachment; filename=\"plan.pdf\""));
        assertThat(attached.status()).as(attached.toString()).isEqualTo(200);
        assertThat(attached.json().get("attachments").get(0).get("filename").asString())
                .isEqualTo("plan.pdf");
        Api.Reply mislabelled = asApplicant.send(
                "POST",
                base + "/funding-applications/" + draft + "/attachments",
                "MZ not a pdf".getBytes(StandardCharsets.US_ASCII),
                Map.of("Content-Type", "application/pdf"));
        assertThat(mislabelled.status()).isEqualTo(400);
        Api.Reply tooLarge = asApplicant.send(
                "POST",
                base + "/funding-applications/" + draft + "/attachments",
                new byte[2 * 1024 * 1024 + 1],
                Map.of("Content-Type", "application/pdf"));
        assertThat(tooLarge.status()).isEqualTo(413);
        Api.Reply script = asApplicant.send(
                "POST",
                base + "/funding-applications/" + draft + "/attachments",
                "<svg onload=alert(1)>".getBytes(StandardCharsets.US_ASCII),
                Map.of("Content-Type", "image/svg+xml"));
        assertThat(script.status()).isEqualTo(400);

        Api.Reply submitted = asApplicant.post(base + "/funding-applications/" + draft + "/submit", null);
        assertThat(submitted.json().get("status").asString()).isEqualTo("SUBMITTED");
        assertThat(asApplicant
                        .put(
                                base + "/funding-applications/" + draft,
                                Map.of(
                                        "businessIdea",
                                        "Changed after",
                                        "version",
                                        submitted.json().get("version").asLong()))
                        .status())
                .as("a submitted application is no longer the applicant's to edit")
                .isEqualTo(409);
        assertThat(api.as(member("resident"))
                        .put(base + "/funding-applications/" + draft, Map.of("businessIdea", "Not mine", "version", 0))
                        .status())
                .as("another resident's application does not exist for her")
                .isEqualTo(404);

        // A call for graduates of a program: who has not completed it may draft but not submit.
        String program = api.post(
                        base + "/programs",
                        Map.of("title", "Felt crafts basics", "kind", "COURSE", "enrolment", "DIRECT"))
                .json()
                .get("id")
                .asString();
        JsonNode graduates = call("Grants for graduates", 30000, Map.of("eligibleProgramId", program));
        UUID early = id(asApplicant.post(
                base + "/funding-calls/" + graduates.get("id").asString() + "/applications",
                Map.of("businessIdea", "Shyrdak workshop", "budgetLines", List.of(line("Loom", 20000)))));
        Api.Reply ineligible = asApplicant.post(base + "/funding-applications/" + early + "/submit", null);
        assertThat(ineligible.status()).isEqualTo(409);
        assertThat(ineligible.body()).contains("urn:problem:not-eligible");
    }

    @Test
    void reviewersDeclareConflictsBeforeSeeingScoreBlindAndApplicantsNeverSeeScores() {
        JsonNode call = call("Seed grants 2027", 50000, Map.of());
        UUID application = submitted(applicant, call, "Ceramics studio in Uzgen");
        String other = member("resident");
        UUID second = submitted(other, call, "Photo studio for makers");
        String conflicted = TestKeycloak.createUser("reviewer");
        UUID conflictedMembership = labs.seat(lab, TestAccounts.subject(conflicted), "mentor");
        String fair = TestKeycloak.createUser("reviewer");
        UUID fairMembership = labs.seat(lab, TestAccounts.subject(fair), "staff");
        UUID applicantMembership = UUID.fromString(
                api.as(applicant).get(base + "/memberships/me").json().get("id").asString());

        Api.Reply self = api.post(
                base + "/funding-applications/" + application + "/reviewers",
                Map.of("reviewerMembershipId", applicantMembership));
        assertThat(self.status()).as("nobody reviews their own application").isEqualTo(400);
        assertThat(self.body()).contains("reviewerMembershipId");
        for (UUID reviewer : List.of(conflictedMembership, fairMembership)) {
            for (UUID each : List.of(application, second)) {
                assertThat(api.post(
                                        base + "/funding-applications/" + each + "/reviewers",
                                        Map.of("reviewerMembershipId", reviewer))
                                .status())
                        .isEqualTo(201);
            }
        }

        Api asConflicted = api.as(TestAccounts.tokenOf(conflicted));
        JsonNode undeclared = review(asConflicted, application);
        assertThat(undeclared.has("application"))
                .as("nothing before the declaration")
                .isFalse();
        String conflictedReview = undeclared.get("id").asString();
        asConflicted.post(
                base + "/reviews/" + conflictedReview + "/conflict", Map.of("conflict", true, "note", "My cousin"));
        assertThat(review(asConflicted, application).has("application")).isFalse();
        Api.Reply refused = asConflicted.put(base + "/reviews/" + conflictedReview + "/scores", scores(call, 10));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body()).contains("urn:problem:review-conflicted");

        Api asFair = api.as(TestAccounts.tokenOf(fair));
        for (UUID each : List.of(application, second)) {
            String reviewId = review(asFair, each).get("id").asString();
            assertThat(asFair.put(base + "/reviews/" + reviewId + "/scores", scores(call, 5))
                            .status())
                    .as("scores before the declaration")
                    .isEqualTo(409);
            JsonNode declared = asFair.post(base + "/reviews/" + reviewId + "/conflict", Map.of("conflict", false))
                    .json();
            assertThat(declared.get("application").get("businessIdea").asString())
                    .isNotBlank();
            assertThat(declared.get("application").has("applicantMembershipId"))
                    .as("blind review hides who applied")
                    .isFalse();
            assertThat(asFair.put(base + "/reviews/" + reviewId + "/scores", scores(call, each.equals(second) ? 9 : 6))
                            .status())
                    .isEqualTo(200);
        }
        // The conflicted reviewer's second review counts: conflicts are per application.
        String otherReview = review(asConflicted, second).get("id").asString();
        asConflicted.post(base + "/reviews/" + otherReview + "/conflict", Map.of("conflict", false));
        assertThat(asConflicted
                        .put(base + "/reviews/" + otherReview + "/scores", scores(call, 7))
                        .status())
                .isEqualTo(200);

        List<JsonNode> ranked =
                list(api.get(base + "/funding-calls/" + call.get("id").asString() + "/applications"));
        assertThat(ranked.get(0).get("id").asString()).isEqualTo(second.toString());
        assertThat(ranked.get(0).get("averageScore").decimalValue()).isEqualByComparingTo("8.00");
        assertThat(ranked.get(1).get("averageScore").decimalValue())
                .as("the conflicted review's score is not counted")
                .isEqualByComparingTo("6.00");
        assertThat(ranked.get(1).get("conflictsDeclared").asInt()).isEqualTo(1);
        assertThat(api.as(applicant)
                        .get(base + "/funding-calls/" + call.get("id").asString() + "/applications")
                        .status())
                .isEqualTo(403);
        Map<String, Object> otherRubric = new HashMap<>(Map.of(
                "title",
                "Seed grants 2027",
                "budgetCeilingKgs",
                50000,
                "deadline",
                Instant.now().plus(Duration.ofDays(30)).toString(),
                "rubric",
                List.of(Map.of("name", "Only the idea", "weight", 1)),
                "version",
                call.get("version").asLong()));
        Api.Reply rubricChange =
                api.put(base + "/funding-calls/" + call.get("id").asString(), otherRubric);
        assertThat(rubricChange.status())
                .as("scores were given against the rubric")
                .isEqualTo(409);
        assertThat(rubricChange.body()).contains("urn:problem:rubric-in-use");
        String mine = api.as(applicant).get(base + "/funding-applications/mine").body();
        assertThat(mine)
                .doesNotContain("averageScore", "score", TestAccounts.subject(fair), TestAccounts.subject(conflicted))
                .doesNotContain(fairMembership.toString(), "My cousin");
    }

    @Test
    void anAwardIsPaidInTranchesTheSecondAfterAnAcceptedReportAndLateReportsAreListed() {
        JsonNode call = call("Seed grants 2027", 50000, Map.of("blindReview", false));
        UUID application = submitted(applicant, call, "Kurak patchwork bags");
        Api.Reply asked = api.post(
                base + "/funding-applications/" + application + "/request-info",
                Map.of("question", "Who will sew the bags?"));
        assertThat(asked.json().get("status").asString()).isEqualTo("MORE_INFO");
        JsonNode hers = api.as(applicant)
                .get(base + "/funding-applications/mine")
                .json()
                .get(0);
        assertThat(hers.get("infoRequest").asString()).isEqualTo("Who will sew the bags?");
        assertThat(api.as(applicant)
                        .put(
                                base + "/funding-applications/" + application,
                                Map.of(
                                        "businessIdea",
                                        "Kurak patchwork bags, sewn by two neighbours",
                                        "budgetLines",
                                        List.of(line("Fabric", 20000), line("Sewing machine", 20000)),
                                        "version",
                                        hers.get("version").asLong()))
                        .status())
                .isEqualTo(200);
        assertThat(api.as(applicant)
                        .post(base + "/funding-applications/" + application + "/submit", null)
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("SUBMITTED");

        long awarded = facts("grants.awarded");
        Api.Reply unbalanced = api.post(
                base + "/funding-applications/" + application + "/decision",
                Map.of("status", "AWARDED", "amountKgs", 40000, "tranches", List.of(Map.of("amountKgs", 10000))));
        assertThat(unbalanced.status()).isEqualTo(400);
        assertThat(unbalanced.body()).contains("tranches");
        JsonNode decided = api.post(
                        base + "/funding-applications/" + application + "/decision",
                        Map.of(
                                "status",
                                "AWARDED_WITH_CONDITIONS",
                                "note",
                                "Register as an individual entrepreneur",
                                "amountKgs",
                                40000,
                                "tranches",
                                List.of(
                                        Map.of("amountKgs", 25000),
                                        Map.of("amountKgs", 15000, "requirement", "6-month report accepted"))))
                .json();
        assertThat(facts("grants.awarded")).isEqualTo(awarded + 1);
        JsonNode award = api.as(applicant)
                .get(base + "/funding-applications/mine")
                .json()
                .get(0)
                .get("award");
        assertThat(award.get("amountKgs").decimalValue()).isEqualByComparingTo("40000");
        assertThat(award.get("reports").size()).isEqualTo(2);
        assertThat(decided.get("status").asString()).isEqualTo("AWARDED_WITH_CONDITIONS");
        String first = award.get("tranches").get(0).get("id").asString();
        String second = award.get("tranches").get(1).get("id").asString();
        String sixMonths = award.get("reports").get(0).get("id").asString();
        String twelveMonths = award.get("reports").get(1).get("id").asString();

        assertThat(api.post(base + "/tranches/" + second + "/pay", null).status())
                .as("tranches are paid in order")
                .isEqualTo(409);
        assertThat(api.post(base + "/tranches/" + first + "/pay", null).status())
                .isEqualTo(200);
        Api.Reply waiting = api.post(base + "/tranches/" + second + "/pay", null);
        assertThat(waiting.status()).isEqualTo(409);
        assertThat(waiting.body()).contains("urn:problem:tranche-requirement-not-met");

        assertThat(api.as(member("resident"))
                        .put(
                                base + "/outcome-reports/" + sixMonths,
                                Map.of("businessStarted", true, "jobs", 2, "version", 0))
                        .status())
                .as("only the awardee files her report")
                .isEqualTo(404);
        assertThat(api.as(applicant)
                        .put(
                                base + "/outcome-reports/" + sixMonths,
                                Map.of("businessStarted", true, "jobs", 2, "incomeChangeKgs", 8000, "version", 0))
                        .status())
                .isEqualTo(200);
        long started = facts("businesses.started");
        assertThat(api.post(base + "/outcome-reports/" + sixMonths + "/accept", null)
                        .status())
                .isEqualTo(200);
        assertThat(facts("businesses.started")).isEqualTo(started + 1);
        assertThat(api.post(base + "/tranches/" + second + "/requirement-met", null)
                        .status())
                .isEqualTo(200);
        assertThat(api.post(base + "/tranches/" + second + "/pay", null).status())
                .isEqualTo(200);
        assertThat(facts("grants.disbursed-kgs")).isEqualTo(40000);

        // The 12-month report falls due: once it is past its date, staff see it as late.
        assertThat(api.get(base + "/outcome-reports/late").body()).doesNotContain(twelveMonths);
        assertThat(api.get(base + "/outcome-reports/late?withinDays=90").body()).doesNotContain(twelveMonths);
        LabDatabase.update(lab, "outcome_report", "due_on = current_date - 3", "id = ?::uuid", twelveMonths);
        assertThat(api.get(base + "/outcome-reports/late").body()).contains(twelveMonths);

        // She was told at each change, in her language; reminders of the late report go out once a week.
        reminders.remindAll();
        reminders.remindAll();
        JsonNode told = api.as(applicant).get(base + "/notifications/mine").json();
        List<String> messages =
                told.valueStream().map(n -> n.get("message").asString()).toList();
        assertThat(messages)
                .containsExactlyInAnyOrder(
                        "application-more-info", "application-decided", "tranche-paid", "tranche-paid", "report-late");
        Api.Reply inKyrgyz =
                api.as(applicant).send("GET", base + "/notifications/mine", null, Map.of("Accept-Language", "ky"));
        assertThat(inKyrgyz.body()).contains("Who will sew the bags?", "кечикти");
        String newest = told.get(0).get("id").asString();
        assertThat(api.as(applicant)
                        .post(base + "/notifications/" + newest + "/read", null)
                        .status())
                .isEqualTo(200);
        assertThat(api.post(base + "/notifications/" + newest + "/read", null).status())
                .as("someone else's notification")
                .isEqualTo(404);

        // Erasure: what she wrote goes; awarded, disbursed and started stay counted.
        assertThat(api.as(applicant)
                        .post(base + "/memberships/me/erasure", null)
                        .status())
                .isEqualTo(200);
        assertThat(LabDatabase.columnsContaining(lab, "Kurak patchwork")).isEmpty();
        assertThat(LabDatabase.columnsContaining(lab, applicantSubject)).isEmpty();
        assertThat(facts("grants.awarded")).isEqualTo(awarded + 1);
        assertThat(facts("grants.disbursed-kgs")).isEqualTo(40000);
        assertThat(facts("businesses.started")).isEqualTo(started + 1);
    }

    @Test
    void anOutlineWithoutADeadlineIsStaffsUntilTheyOpenIt() {
        JsonNode call = call("Seed grants 2027", 50000, Map.of());
        String id = call.get("id").asString();
        LabDatabase.update(lab, "funding_call", "deadline = NULL", "id = ?::uuid", id);
        assertThat(api.as(applicant).get(base + "/funding-calls").json().size())
                .as("an outline is not shown to members")
                .isZero();
        Api.Reply closed = api.as(applicant).post(base + "/funding-calls/" + id + "/applications", Map.of());
        assertThat(closed.status()).isEqualTo(409);
        Map<String, Object> opened = new HashMap<>(Map.of(
                "title",
                "Seed grants 2027",
                "budgetCeilingKgs",
                50000,
                "deadline",
                Instant.now().plus(Duration.ofDays(10)).toString(),
                "rubric",
                List.of(Map.of("name", "Business idea", "weight", 60), Map.of("name", "Budget", "weight", 40)),
                "version",
                call.get("version").asLong()));
        Api.Reply changed = api.put(base + "/funding-calls/" + id, opened);
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(api.as(applicant).get(base + "/funding-calls").json().size()).isEqualTo(1);
        assertThat(api.put(base + "/funding-calls/" + id, opened).status())
                .as("a stale version")
                .isEqualTo(409);
    }

    private JsonNode call(String title, int ceiling, Map<String, Object> more) {
        Map<String, Object> body = new HashMap<>(Map.of(
                "title",
                title,
                "budgetCeilingKgs",
                ceiling,
                "deadline",
                Instant.now().plus(Duration.ofDays(30)).toString(),
                "rubric",
                List.of(Map.of("name", "Business idea", "weight", 60), Map.of("name", "Budget", "weight", 40))));
        body.putAll(more);
        Api.Reply created = api.post(base + "/funding-calls", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json();
    }

    private UUID submitted(String token, JsonNode call, String idea) {
        UUID id = id(api.as(token)
                .post(
                        base + "/funding-calls/" + call.get("id").asString() + "/applications",
                        Map.of("businessIdea", idea, "budgetLines", List.of(line("Materials", 20000)))));
        assertThat(api.as(token)
                        .post(base + "/funding-applications/" + id + "/submit", null)
                        .status())
                .isEqualTo(200);
        return id;
    }

    private JsonNode review(Api reviewer, UUID application) {
        for (JsonNode review : reviewer.get(base + "/reviews/mine").json()) {
            boolean shown = review.has("application")
                    && review.get("application").get("id").asString().equals(application.toString());
            if (shown || reviewFor(review.get("id").asString(), application)) {
                return review;
            }
        }
        throw new AssertionError("no review of " + application);
    }

    private boolean reviewFor(String review, UUID application) {
        return LabDatabase.count(
                        lab, "review_assignment", "id = ?::uuid AND application_id = ?::uuid", review, application)
                == 1;
    }

    private static Map<String, Object> scores(JsonNode call, int score) {
        return Map.of(
                "scores",
                call.get("rubric")
                        .valueStream()
                        .map(c -> Map.of("criterionId", c.get("id").asString(), "score", score))
                        .toList());
    }

    private static Map<String, Object> line(String item, int amount) {
        return Map.of("item", item, "amountKgs", amount);
    }

    private String member(String role) {
        String user = TestKeycloak.createUser(role);
        labs.seat(lab, TestAccounts.subject(user), role);
        return TestAccounts.tokenOf(user);
    }

    private long facts(String indicator) {
        return LabDatabase.number(
                "SELECT coalesce(sum(delta), 0) FROM " + lab.schema() + ".indicator_outbox WHERE indicator = ?",
                indicator);
    }

    private static List<JsonNode> list(Api.Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json().valueStream().toList();
    }

    private static UUID id(Api.Reply created) {
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return UUID.fromString(created.json().get("id").asString());
    }
}
