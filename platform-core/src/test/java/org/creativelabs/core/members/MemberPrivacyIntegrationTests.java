package org.creativelabs.core.members;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
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

/** Must-show 3: profiles private by default, sensitive fields only under consent, export, erasure, audited staff reads. */
class MemberPrivacyIntegrationTests extends LabApiTest {

    Lab lab;
    String base;
    String resident;
    Api asResident;
    UUID residentMembership;

    @BeforeEach
    void setUp() {
        lab = labs.createServing("privacy");
        base = "/api/labs/" + lab.slug();
        resident = TestKeycloak.createUser("resident");
        residentMembership = labs.seat(lab, TestAccounts.subject(resident), "resident");
        asResident = api.as(TestAccounts.tokenOf(resident));
    }

    @Test
    void aProfileIsPrivateUntilItsOwnerShowsItAndThenWithoutContacts() {
        Api asOther = memberToken("resident");
        Api.Reply created = asResident.put(
                base + "/profiles/me", Map.of("displayName", "Aizada", "email", "aizada@example.org", "craft", "felt"));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        assertThat(created.json().get("visibility").asString()).isEqualTo("PRIVATE");
        assertThat(asOther.get(base + "/profiles").json().get("totalItems").asInt())
                .isZero();

        Api.Reply shown = asResident.put(
                base + "/profiles/me",
                Map.of(
                        "displayName",
                        "Aizada",
                        "email",
                        "aizada@example.org",
                        "craft",
                        "felt",
                        "visibility",
                        "MEMBERS",
                        "version",
                        created.json().get("version").asLong()));
        assertThat(shown.status()).as(shown.toString()).isEqualTo(200);
        Api.Reply directory = asOther.get(base + "/profiles");
        assertThat(directory.json().get("totalItems").asInt()).isEqualTo(1);
        assertThat(directory.body()).contains("Aizada", "felt").doesNotContain("aizada@example.org");

        Api.Reply stale = asResident.put(base + "/profiles/me", Map.of("displayName", "Late", "version", 0));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(asResident
                        .get(base + "/profiles/me")
                        .json()
                        .get("displayName")
                        .asString())
                .isEqualTo("Aizada");
    }

    @Test
    void everyStaffReadOfAProfileLeavesAnAuditEntryInTheLabsSchema() {
        asResident.put(base + "/profiles/me", Map.of("displayName", "Nurgul"));
        String staff = TestKeycloak.createUser("staff");
        labs.seat(lab, TestAccounts.subject(staff), "staff");
        Api asStaff = api.as(TestAccounts.tokenOf(staff));

        for (int i = 0; i < 3; i++) {
            assertThat(asStaff.get(base + "/memberships/" + residentMembership + "/profile")
                            .status())
                    .isEqualTo(200);
        }

        assertThat(LabDatabase.count(
                        lab,
                        "personal_data_audit",
                        "membership_id = ? AND actor = ? AND action = 'PROFILE_READ'",
                        residentMembership,
                        TestAccounts.subject(staff)))
                .isEqualTo(3);
        JsonNode accessLog =
                asResident.get(base + "/memberships/me/export").json().get("accessLog");
        assertThat(accessLog
                        .valueStream()
                        .filter(e -> e.get("action").asString().equals("PROFILE_READ"))
                        .count())
                .isEqualTo(3);
        assertThat(asResident
                        .get(base + "/memberships/" + residentMembership + "/profile")
                        .status())
                .as("a resident is not staff")
                .isEqualTo(403);
    }

    @Test
    void sensitiveFieldsAreKeptOnlyUnderConsentAndWithdrawingRemovesWhatItCovered() {
        asResident.put(base + "/profiles/me", Map.of("displayName", "Gulzat"));
        Api.Reply withoutConsent = asResident.post(
                base + "/profiles/me/consents",
                Map.of("fields", List.of("gender"), "values", Map.of("gender", "woman", "income", "no-income")));
        assertThat(withoutConsent.status()).as(withoutConsent.toString()).isEqualTo(400);
        assertThat(withoutConsent.body()).contains("values");
        assertThat(LabDatabase.count(lab, "sensitive_attribute", "true")).isZero();

        Api.Reply first = asResident.post(
                base + "/profiles/me/consents",
                Map.of(
                        "fields",
                        List.of("gender", "district"),
                        "values",
                        Map.of("gender", "woman", "district", "Kara-Suu")));
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        Api.Reply second = asResident.post(
                base + "/profiles/me/consents",
                Map.of("fields", List.of("age-band"), "values", Map.of("age-band", "18-24")));
        assertThat(second.status()).as(second.toString()).isEqualTo(201);
        JsonNode values = asResident.get(base + "/profiles/me/sensitive").json().get("values");
        assertThat(values.get("gender").asString()).isEqualTo("woman");
        assertThat(values.get("age-band").asString()).isEqualTo("18-24");

        String staff = TestKeycloak.createUser("staff");
        labs.seat(lab, TestAccounts.subject(staff), "staff");
        assertThat(api.as(TestAccounts.tokenOf(staff))
                        .get(base + "/memberships/" + residentMembership + "/profile")
                        .body())
                .as("staff never see sensitive fields per person")
                .doesNotContain("woman", "Kara-Suu", "18-24");

        Api.Reply withdrawn = asResident.post(
                base + "/profiles/me/consents/" + first.json().get("id").asString() + "/withdraw", null);
        assertThat(withdrawn.status()).as(withdrawn.toString()).isEqualTo(200);
        assertThat(withdrawn.json().has("withdrawnAt")).isTrue();
        JsonNode after = asResident.get(base + "/profiles/me/sensitive").json().get("values");
        assertThat(after.has("gender")).isFalse();
        assertThat(after.has("district")).isFalse();
        assertThat(after.get("age-band").asString())
                .as("another consent's field stays")
                .isEqualTo("18-24");
        assertThat(LabDatabase.columnsContaining(lab, "Kara-Suu")).isEmpty();
    }

    @Test
    void erasureLeavesNoTraceOfAPersonalValueInAnyTextColumnOfTheLabsSchema() {
        String marker = "MARK" + UUID.randomUUID().toString().replace("-", "");
        String phone = "+996 " + ThreadLocalRandom.current().nextLong(100_000_000L, 999_999_999L);
        String subject = TestAccounts.subject(resident);
        UUID space = labs.createSpace(lab, "Ceramics studio");

        Api.Reply profile = asResident.put(
                base + "/profiles/me",
                Map.of(
                        "displayName",
                        marker + "-name",
                        "email",
                        marker.toLowerCase() + "@example.org",
                        "phone",
                        phone,
                        "craft",
                        marker + "-craft",
                        "bio",
                        marker + "-bio",
                        "visibility",
                        "MEMBERS"));
        assertThat(profile.status()).as(profile.toString()).isEqualTo(200);
        assertThat(asResident
                        .post(
                                base + "/profiles/me/consents",
                                Map.of(
                                        "fields", List.of("gender", "age-band", "disability", "district", "income"),
                                        "values",
                                                Map.of(
                                                        "gender",
                                                        "woman",
                                                        "age-band",
                                                        "25-28",
                                                        "disability",
                                                        "no",
                                                        "district",
                                                        marker + "-district",
                                                        "income",
                                                        "under-15000-kgs")))
                        .status())
                .isEqualTo(201);
        Api.Reply booked = asResident.post(
                base + "/spaces/" + space + "/bookings",
                Map.of(
                        "startsAt",
                        TestLabs.tomorrowAt(10).toString(),
                        "endsAt",
                        TestLabs.tomorrowAt(11).toString(),
                        "note",
                        marker + "-note"),
                Map.of("Idempotency-Key", "erase-" + marker));
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        Api.Reply series = asResident.post(
                base + "/spaces/" + space + "/booking-series",
                Map.of(
                        "startsAt",
                        TestLabs.tomorrowAt(12).toString(),
                        "endsAt",
                        TestLabs.tomorrowAt(13).toString(),
                        "frequency",
                        "WEEKLY",
                        "occurrences",
                        3,
                        "note",
                        marker + "-series"));
        assertThat(series.status()).as(series.toString()).isEqualTo(201);
        String staff = TestKeycloak.createUser("staff");
        labs.seat(lab, TestAccounts.subject(staff), "staff");
        api.as(TestAccounts.tokenOf(staff)).get(base + "/memberships/" + residentMembership + "/profile");
        assertThat(LabDatabase.columnsContaining(lab, marker))
                .as("the marker is planted")
                .contains(
                        "member_profile.display_name",
                        "member_profile.bio",
                        "sensitive_attribute.value",
                        "booking.note",
                        "idempotency_key.response_body");
        JsonNode export = asResident.get(base + "/memberships/me/export").json();
        assertThat(export.toString()).contains(marker + "-district", marker + "-note", phone);
        assertThat(export.get("bookings").get("bookings").size()).isEqualTo(4);

        Api.Reply erased = asResident.post(base + "/memberships/me/erasure", null);
        assertThat(erased.status()).as(erased.toString()).isEqualTo(200);

        assertThat(LabDatabase.textColumnCount(lab)).isGreaterThan(20);
        assertThat(LabDatabase.columnsContaining(lab, marker))
                .as("columns still holding the marker")
                .isEmpty();
        assertThat(LabDatabase.columnsContaining(lab, phone)).isEmpty();
        assertThat(LabDatabase.columnsContaining(lab, subject))
                .as("columns still naming the person")
                .isEmpty();
        // Anonymous aggregates stay: the membership with its roles, the bookings (upcoming ones cancelled), the audit.
        assertThat(LabDatabase.count(
                        lab,
                        "membership",
                        "id = ? AND erased_at IS NOT NULL AND roles = ARRAY['resident']",
                        residentMembership))
                .isEqualTo(1);
        assertThat(LabDatabase.count(lab, "booking", "booked_by = ?", "erased:" + residentMembership))
                .isEqualTo(4);
        assertThat(LabDatabase.count(
                        lab, "booking", "booked_by = ? AND status = 'CONFIRMED'", "erased:" + residentMembership))
                .isZero();
        assertThat(LabDatabase.count(
                        lab, "personal_data_audit", "membership_id = ? AND action = 'ERASED'", residentMembership))
                .isEqualTo(1);
        assertThat(asResident.get(base + "/spaces").status())
                .as("an erased person is no member")
                .isEqualTo(403);
    }

    @Test
    void aLabAdminCanEraseAMemberOnTheirRequestAndAnErasedStaffMembersReadsStayAuditedUnderAPseudonym() {
        asResident.put(base + "/profiles/me", Map.of("displayName", "Asel"));
        String staff = TestKeycloak.createUser("staff");
        UUID staffMembership = labs.seat(lab, TestAccounts.subject(staff), "staff");
        api.as(TestAccounts.tokenOf(staff)).get(base + "/memberships/" + residentMembership + "/profile");

        Api.Reply erased = api.post(base + "/memberships/" + staffMembership + "/erasure", null);
        assertThat(erased.status()).as(erased.toString()).isEqualTo(200);
        assertThat(erased.json().get("subject").asString()).isEqualTo("erased:" + staffMembership);
        assertThat(LabDatabase.columnsContaining(lab, TestAccounts.subject(staff)))
                .isEmpty();
        assertThat(LabDatabase.count(
                        lab,
                        "personal_data_audit",
                        "membership_id = ? AND actor = ? AND action = 'PROFILE_READ'",
                        residentMembership,
                        "erased:" + staffMembership))
                .isEqualTo(1);
        assertThat(api.post(base + "/memberships/" + staffMembership + "/erasure", null)
                        .status())
                .as("erasing again changes nothing")
                .isEqualTo(200);
    }

    private Api memberToken(String role) {
        String user = TestKeycloak.createUser(role);
        labs.seat(lab, TestAccounts.subject(user), role);
        return api.as(TestAccounts.tokenOf(user));
    }
}
