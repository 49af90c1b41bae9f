package org.creativelabs.core.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.creativelabs.core.support.Api;
import org.creativelabs.core.support.LabApiTest;
import org.creativelabs.core.support.LabDatabase;
import org.creativelabs.core.support.TestAccounts;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Lab-in-a-box: a lab's structure captured as a template (never people) and applied to a new lab, once. */
class LabTemplateIntegrationTests extends LabApiTest {

    @Test
    void aTemplateCapturedFromOneLabGivesANewLabTheSameStructureAndNoPeople() {
        Lab osh = labs.createServing("tpl-osh");
        labs.createSpace(osh, "Felt studio");
        labs.createSpace(osh, "Photo corner");
        assertThat(api.post("/api/labs/" + osh.slug() + "/plans", Map.of("name", "Resident", "monthlyBookingHours", 40))
                        .status())
                .isEqualTo(201);
        assertThat(api.put("/api/labs/" + osh.slug() + "/profiles/me", Map.of("displayName", "Aizada Osh"))
                        .status())
                .isEqualTo(200);
        assertThat(api.post(
                                "/api/labs/" + osh.slug() + "/event-formats",
                                Map.of("name", "Open day", "durationMinutes", 180, "capacity", 30, "maxGroupSize", 4))
                        .status())
                .isEqualTo(201);
        Api.Reply event = api.post(
                "/api/labs/" + osh.slug() + "/events",
                Map.of(
                        "title",
                        "Felt crafts open day",
                        "format",
                        "Open day",
                        "startsAt",
                        org.creativelabs.core.support.TestLabs.tomorrowAt(11).toString(),
                        "endsAt",
                        org.creativelabs.core.support.TestLabs.tomorrowAt(14).toString(),
                        "capacity",
                        30));
        assertThat(api.anonymous()
                        .post(
                                "/api/labs/" + osh.slug() + "/public/events/"
                                        + event.json().get("id").asString() + "/registrations",
                                Map.of(
                                        "name",
                                        "Visitor Zarina",
                                        "contact",
                                        "zarina@example.org",
                                        "joinNetwork",
                                        true,
                                        "consentWording",
                                        "network-2026"))
                        .status())
                .isEqualTo(201);

        Api.Reply program = api.post(
                "/api/labs/" + osh.slug() + "/programs",
                Map.of(
                        "title",
                        "SMM for creative businesses",
                        "kind",
                        "COURSE",
                        "enrolment",
                        "APPLICATION",
                        "completionPercent",
                        75));
        assertThat(api.post(
                                "/api/labs/" + osh.slug() + "/programs/"
                                        + program.json().get("id").asString() + "/cohorts",
                                Map.of(
                                        "name",
                                        "Spring 2027",
                                        "startsOn",
                                        "2027-03-01",
                                        "endsOn",
                                        "2027-05-31",
                                        "capacity",
                                        20))
                        .status())
                .isEqualTo(201);

        assertThat(api.post(
                                "/api/labs/" + osh.slug() + "/funding-calls",
                                Map.of(
                                        "title",
                                        "Seed grants",
                                        "budgetCeilingKgs",
                                        50000,
                                        "deadline",
                                        java.time.Instant.now()
                                                .plus(java.time.Duration.ofDays(30))
                                                .toString(),
                                        "rubric",
                                        List.of(
                                                Map.of("name", "Idea", "weight", 60),
                                                Map.of("name", "Budget", "weight", 40))))
                        .status())
                .isEqualTo(201);

        JsonNode template =
                api.get("/internal/tenants/" + osh.id() + "/template").json();
        assertThat(template.get("fundingCalls").get(0).get("rubric").size()).isEqualTo(2);
        assertThat(template.get("fundingCalls").get(0).has("deadline")).isFalse();
        assertThat(template.get("programs").get(0).get("completionPercent").asInt())
                .isEqualTo(75);
        assertThat(template.get("spaces").size()).isEqualTo(2);
        assertThat(template.get("plans").get(0).get("monthlyBookingHours").asInt())
                .isEqualTo(40);
        assertThat(template.get("eventFormats").get(0).get("maxGroupSize").asInt())
                .isEqualTo(4);
        assertThat(template.toString())
                .doesNotContain(
                        TestAccounts.labAdminSubject(), "Aizada", "Felt crafts open day", "Zarina", "Spring 2027");

        Lab naryn = labs.createPending("tpl-naryn");
        assertThat(api.post("/internal/tenants/" + naryn.id() + "/migrate", null)
                        .status())
                .isEqualTo(200);
        ((tools.jackson.databind.node.ObjectNode) template.get("branding")).put("displayName", "Naryn Creative Lab");
        Api.Reply applied = api.post("/internal/tenants/" + naryn.id() + "/template", template);
        assertThat(applied.status()).as(applied.toString()).isEqualTo(200);
        Map<String, Long> once = LabDatabase.rowCounts(naryn);
        assertThat(api.post("/internal/tenants/" + naryn.id() + "/template", template)
                        .status())
                .isEqualTo(200);

        assertThat(LabDatabase.rowCounts(naryn))
                .as("applying twice adds nothing")
                .isEqualTo(once);
        assertThat(once)
                .containsEntry("space", 2L)
                .containsEntry("membership_plan", 1L)
                .containsEntry("event_format", 1L)
                .containsEntry("program", 1L)
                .containsEntry("funding_call", 1L)
                .containsEntry("call_criterion", 2L)
                .containsEntry("funding_application", 0L)
                .containsEntry("cohort", 0L)
                .containsEntry("membership", 0L)
                .containsEntry("lab_event", 0L)
                .containsEntry("event_registration", 0L)
                .containsEntry("network_contact", 0L);
        assertThat(LabDatabase.count(naryn, "branding", "display_name = 'Naryn Creative Lab'"))
                .isEqualTo(1);
        assertThat(LabDatabase.count(naryn, "funding_call", "deadline IS NULL"))
                .as("an outline opens when Naryn's staff give it a deadline")
                .isEqualTo(1);
    }

    @Test
    void anInvalidTemplateIsA400NamingThePathAndAppliesNothing() {
        Lab lab = labs.createServing("tpl-bad");
        Map<String, String> before = LabDatabase.fingerprint(lab);
        Api.Reply bad = api.post(
                "/internal/tenants/" + lab.id() + "/template",
                Map.of(
                        "spaces",
                        java.util.List.of(
                                Map.of("name", "Good", "kind", "ROOM", "capacity", 2),
                                Map.of("name", "Bad", "kind", "ROOM", "capacity", 0))));
        assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
        assertThat(bad.body()).contains("spaces[1].capacity");
        assertThat(LabDatabase.fingerprint(lab))
                .as("the good space before the bad one is not kept either")
                .isEqualTo(before);
        assertThat(api.post("/internal/tenants/" + lab.id() + "/template", Map.of("sewingMachines", List.of()))
                        .status())
                .as("a section no feature knows")
                .isEqualTo(400);
        Api.Reply notAList = api.post("/internal/tenants/" + lab.id() + "/template", Map.of("programs", Map.of()));
        assertThat(notAList.status()).isEqualTo(400);
        assertThat(notAList.body()).contains("programs");
    }

    @Test
    void anItemNamedTwiceInATemplateIsAddedOnce() {
        Lab lab = labs.createServing("tpl-twice");
        Api.Reply applied = api.post(
                "/internal/tenants/" + lab.id() + "/template",
                Map.of(
                        "plans",
                        java.util.List.of(
                                Map.of("name", "Resident"), Map.of("name", "Resident", "monthlyBookingHours", 10))));
        assertThat(applied.status()).as(applied.toString()).isEqualTo(200);
        assertThat(LabDatabase.count(lab, "membership_plan", "name = 'Resident'"))
                .isEqualTo(1);
    }
}
