package org.creativelabs.core.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
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
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Open events, the waitlist and check-in (issue 11, "Events and the network"; must-shows 3 and 4): registration with
 * or without an account, consent joining the network, capacity and arrival order under concurrency, offers and their
 * claim window, signed codes verified offline, two phones syncing overlapping scans, and erasure keeping the counts.
 */
class EventRegistrationIntegrationTests extends LabApiTest {

    @Autowired
    OfferExpiry offerExpiry;

    Lab lab;
    String base;

    @BeforeEach
    void setUp() {
        lab = labs.createServing("events");
        base = "/api/labs/" + lab.slug();
    }

    @Test
    void aVisitorWithoutAnAccountRegistersAndJoinsTheNetworkByConsent() {
        UUID listed = event("Felt crafts open day", 20, Map.of());
        UUID unlisted = event("Staff planning", 5, Map.of("listed", false));
        Api visitor = api.anonymous();

        Api.Reply upcoming = visitor.get(base + "/public/events");
        assertThat(upcoming.status()).as(upcoming.toString()).isEqualTo(200);
        assertThat(upcoming.body()).contains(listed.toString()).doesNotContain(unlisted.toString());
        assertThat(visitor.get(base + "/public/events/" + unlisted).status()).isEqualTo(404);
        assertThat(visitor.get(base + "/public/events/" + listed)
                        .json()
                        .get("seatsLeft")
                        .asInt())
                .isEqualTo(20);

        long networkBefore = facts("network.new");
        Api.Reply registered = register(visitor, listed, "Nurzat", "+996 555 123 456", 1, true);
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        assertThat(registered.json().get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(registered.json().get("seats").asInt()).isEqualTo(2);
        assertThat(registered.json().get("checkInCode").asString()).hasSizeLessThan(140);
        assertThat(facts("network.new")).as("she joined the network").isEqualTo(networkBefore + 1);
        assertThat(api.get(base + "/network").body()).contains("Nurzat", "+996 555 123 456", "network-2026");
        assertThat(visitor.get(base + "/public/events/" + listed)
                        .json()
                        .get("seatsLeft")
                        .asInt())
                .isEqualTo(18);

        // The same contact written differently is the same person.
        Api.Reply again = register(visitor, listed, "Nurzat", "+996555123456", 0, true);
        assertThat(again.status()).as(again.toString()).isEqualTo(409);
        assertThat(again.isProblem()).isTrue();

        // Without an account a contact is required; consent needs its wording. Nothing is written.
        long before = LabDatabase.count(lab, "event_registration", "true");
        Api.Reply noContact =
                visitor.post(base + "/public/events/" + listed + "/registrations", Map.of("name", "Someone"));
        assertThat(noContact.status()).isEqualTo(400);
        assertThat(noContact.body()).contains("contact");
        Api.Reply noWording = visitor.post(
                base + "/public/events/" + listed + "/registrations",
                Map.of("name", "Someone", "contact", "someone@example.org", "joinNetwork", true));
        assertThat(noWording.status()).isEqualTo(400);
        assertThat(noWording.body()).contains("consentWording");
        Api.Reply tooMany = register(visitor, listed, "Big family", "family@example.org", 9, false);
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.body()).contains("companions");
        assertThat(LabDatabase.count(lab, "event_registration", "true")).isEqualTo(before);

        // Without consent she registers but does not join the network.
        long network = facts("network.new");
        assertThat(register(visitor, listed, "Aigerim", "aigerim@example.org", 0, false)
                        .status())
                .isEqualTo(201);
        assertThat(facts("network.new")).isEqualTo(network);

        // The code is the visitor's handle on her registration; a tampered one is refused naming the field.
        String code = registered.json().get("checkInCode").asString();
        Api.Reply lookup = visitor.post(base + "/public/registrations/lookup", Map.of("code", code));
        assertThat(lookup.json().get("id").asString())
                .isEqualTo(registered.json().get("id").asString());
        Api.Reply tampered = visitor.post(
                base + "/public/registrations/lookup", Map.of("code", code.substring(0, code.length() - 2) + "AA"));
        assertThat(tampered.status()).isEqualTo(400);
        assertThat(tampered.body()).contains("code");
    }

    @Test
    void fiftyConcurrentRegistrationsForTwentySeatsConfirmTwentyAndQueueThirtyInArrivalOrder() throws Exception {
        UUID event = event("SMM for beginners", 20, Map.of());
        List<Api.Reply> replies = Concurrently.send(
                50,
                i -> () -> register(api.anonymous(), event, "Visitor " + i, "visitor" + i + "@example.org", 0, false));
        assertThat(replies)
                .allSatisfy(
                        reply -> assertThat(reply.status()).as(reply.toString()).isEqualTo(201));
        assertThat(replies.stream().filter(r -> status(r).equals("CONFIRMED"))).hasSize(20);
        assertThat(replies.stream().filter(r -> status(r).equals("WAITLISTED"))).hasSize(30);

        // Arrival order is the order the event's lock served them: positions 1..50, the first twenty hold the seats,
        // and the line's places follow the positions.
        List<JsonNode> line = registrations(event);
        assertThat(line)
                .extracting(r -> r.get("position").asLong())
                .containsExactlyElementsOf(
                        IntStream.rangeClosed(1, 50).mapToObj(Long::valueOf).toList());
        assertThat(line.subList(0, 20))
                .allSatisfy(r -> assertThat(r.get("status").asString()).isEqualTo("CONFIRMED"));
        assertThat(line.subList(20, 50))
                .allSatisfy(r -> assertThat(r.get("status").asString()).isEqualTo("WAITLISTED"));
        Map<String, String> codes = new HashMap<>();
        replies.forEach(r -> codes.put(
                r.json().get("id").asString(), r.json().get("checkInCode").asString()));
        for (int place = 1; place <= 30; place++) {
            String id = line.get(19 + place).get("id").asString();
            assertThat(lookup(codes.get(id)).get("waitlistPlace").asLong()).isEqualTo(place);
        }

        // A cancelled seat is offered to the first in line, for the claim window; the line moves up.
        String firstInLine = line.get(20).get("id").asString();
        String secondInLine = line.get(21).get("id").asString();
        Api.Reply cancelled = api.anonymous()
                .post(
                        base + "/public/registrations/cancel",
                        Map.of("code", codes.get(line.get(3).get("id").asString())));
        assertThat(cancelled.json().get("status").asString()).isEqualTo("CANCELLED");
        JsonNode offered = lookup(codes.get(firstInLine));
        assertThat(offered.get("status").asString()).isEqualTo("OFFERED");
        assertThat(Instant.parse(offered.get("offeredUntil").asString()))
                .isBetween(
                        Instant.now().plus(Duration.ofHours(23)), Instant.now().plus(Duration.ofHours(25)));
        assertThat(lookup(codes.get(secondInLine)).get("waitlistPlace").asLong())
                .isEqualTo(1);
        Api.Reply claimed =
                api.anonymous().post(base + "/public/registrations/claim", Map.of("code", codes.get(firstInLine)));
        assertThat(claimed.json().get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(attendance(event).get("confirmedSeats").asLong()).isEqualTo(20);
        assertThat(history(firstInLine))
                .containsExactly("registered:WAITLISTED", "offered:OFFERED", "claimed:CONFIRMED");

        // An offer not claimed in time lapses and goes to the next in line: on the next claim, and by the minutely
        // pass.
        api.anonymous()
                .post(
                        base + "/public/registrations/cancel",
                        Map.of("code", codes.get(line.get(4).get("id").asString())));
        assertThat(lookup(codes.get(secondInLine)).get("status").asString()).isEqualTo("OFFERED");
        lapseOffers();
        Api.Reply late =
                api.anonymous().post(base + "/public/registrations/claim", Map.of("code", codes.get(secondInLine)));
        assertThat(late.status()).as(late.toString()).isEqualTo(409);
        assertThat(late.body()).contains("urn:problem:offer-lapsed");
        assertThat(lookup(codes.get(secondInLine)).get("status").asString()).isEqualTo("EXPIRED");
        String thirdInLine = line.get(22).get("id").asString();
        assertThat(lookup(codes.get(thirdInLine)).get("status").asString()).isEqualTo("OFFERED");
        lapseOffers();
        offerExpiry.settleAll();
        assertThat(lookup(codes.get(thirdInLine)).get("status").asString()).isEqualTo("EXPIRED");
        assertThat(lookup(codes.get(line.get(23).get("id").asString()))
                        .get("status")
                        .asString())
                .isEqualTo("OFFERED");
        assertThat(history(thirdInLine)).containsExactly("registered:WAITLISTED", "offered:OFFERED", "expired:EXPIRED");
    }

    @Test
    void aGroupTakesItsSeatsTogetherAndKeepsItsPlaceWhenItDoesNotFit() {
        UUID event = event("Photography walk", 5, Map.of("maxGroupSize", 3));
        assertThat(status(register(api.anonymous(), event, "Group A", "a@example.org", 2, false)))
                .isEqualTo("CONFIRMED");
        Api.Reply tooBig = register(api.anonymous(), event, "Group B", "b@example.org", 3, false);
        assertThat(tooBig.status()).isEqualTo(400);
        assertThat(tooBig.body()).contains("companions");
        Api.Reply groupB = register(api.anonymous(), event, "Group B", "b@example.org", 2, false);
        assertThat(status(groupB))
                .as("two seats are free; a group of three waits")
                .isEqualTo("WAITLISTED");
        // The single person behind the group may take a free seat; the group keeps first place.
        Api.Reply single = register(api.anonymous(), event, "Single", "d@example.org", 0, false);
        assertThat(status(single)).isEqualTo("OFFERED");
        assertThat(lookup(code(groupB)).get("waitlistPlace").asLong()).isEqualTo(1);

        // Fewer seats than are held is refused; more seats go to the line.
        JsonNode current = api.get(base + "/events").json().get("items").get(0);
        Map<String, Object> change = new HashMap<>(eventBody("Photography walk", 3, Map.of("maxGroupSize", 3)));
        change.put("version", current.get("version").asLong());
        Api.Reply shrink = api.put(base + "/events/" + event, change);
        assertThat(shrink.status()).as(shrink.toString()).isEqualTo(400);
        assertThat(shrink.body()).contains("capacity");
        change.put("capacity", 7);
        assertThat(api.put(base + "/events/" + event, change).status()).isEqualTo(200);
        assertThat(lookup(code(groupB)).get("status").asString()).isEqualTo("OFFERED");
    }

    @Test
    void twoPhonesCheckInOverlappingPeopleOfflineAndEachPersonCountsOnce() throws Exception {
        UUID event = event("Design meetup", 30, Map.of());
        UUID other = event("Another evening", 30, Map.of());
        List<Api.Reply> people = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            people.add(register(api.anonymous(), event, "Guest " + i, "guest" + i + "@example.org", i % 2, false));
        }
        int seats = people.stream().mapToInt(r -> r.json().get("seats").asInt()).sum();

        // The door phone takes the roster and can verify every code with the lab's public key, offline.
        JsonNode roster = api.get(base + "/events/" + event + "/roster").json();
        assertThat(roster.get("entries").size()).isEqualTo(8);
        for (Api.Reply person : people) {
            assertThat(verifiesOffline(roster.get("publicKey").asString(), code(person)))
                    .isTrue();
        }
        String otherEventsCode = code(register(api.anonymous(), other, "Elsewhere", "e@example.org", 0, false));
        assertThat(verifiesOffline(roster.get("publicKey").asString(), otherEventsCode))
                .as("signed by the lab, so it verifies; the phone then sees it names another event")
                .isTrue();

        // Phone A scans guests 0-5, phone B guests 3-7 (guest 7 picked by name); both sync at the same moment.
        long attendedBefore = facts("events.attended");
        List<Object> scansA = new ArrayList<>();
        for (int i = 0; i <= 5; i++) {
            scansA.add(Map.of(
                    "code",
                    code(people.get(i)),
                    "scannedAt",
                    Instant.now().minusSeconds(600 - i).toString()));
        }
        List<Object> scansB = new ArrayList<>();
        for (int i = 3; i <= 6; i++) {
            scansB.add(Map.of(
                    "code",
                    code(people.get(i)),
                    "scannedAt",
                    Instant.now().minusSeconds(300 - i).toString()));
        }
        scansB.add(Map.of("registrationId", people.get(7).json().get("id").asString()));
        scansB.add(Map.of("code", otherEventsCode));
        scansB.add(Map.of("code", "not-a-code"));
        List<Api.Reply> synced = Concurrently.send(
                2,
                i -> () -> api.post(
                        base + "/events/" + event + "/check-ins",
                        Map.of("device", "phone-" + (i == 0 ? "A" : "B"), "scans", i == 0 ? scansA : scansB)));
        assertThat(synced)
                .allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(200));
        int checkedIn =
                synced.stream().mapToInt(r -> r.json().get("checkedIn").asInt()).sum();
        int already = synced.stream()
                .mapToInt(r -> r.json().get("alreadyCheckedIn").asInt())
                .sum();
        assertThat(checkedIn).as("each of the eight once").isEqualTo(8);
        assertThat(already).as("guests 3-5, scanned on both phones").isEqualTo(3);
        assertThat(synced.get(1).json().get("rejected").toString()).contains("another-event", "invalid-code");

        // Sending a batch again (a retry after a lost reply) changes nothing.
        Api.Reply retried =
                api.post(base + "/events/" + event + "/check-ins", Map.of("device", "phone-A", "scans", scansA));
        assertThat(retried.json().get("checkedIn").asInt()).isZero();
        assertThat(retried.json().get("alreadyCheckedIn").asInt()).isEqualTo(6);

        JsonNode attendance = attendance(event);
        assertThat(attendance.get("checkedInRegistrations").asLong()).isEqualTo(8);
        assertThat(attendance.get("checkedInSeats").asLong()).isEqualTo(seats);
        assertThat(facts("events.attended")).as("companions count too").isEqualTo(attendedBefore + seats);
    }

    @Test
    void erasingAMemberOrAContactRemovesTheirNamesAndKeepsTheCounts() {
        UUID past = event("Felt crafts", 10, Map.of());
        UUID coming = event("SMM clinic", 1, Map.of());
        String user = TestKeycloak.createUser("resident");
        labs.seat(lab, TestAccounts.subject(user), "resident");
        Api resident = api.as(TestAccounts.tokenOf(user));
        String marker = "Asel-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Reply attended = register(resident, past, marker, null, 0, false);
        assertThat(attended.status()).as(attended.toString()).isEqualTo(201);
        assertThat(register(resident, coming, marker, null, 0, false)
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("CONFIRMED");
        Api.Reply waiting = register(api.anonymous(), coming, "Next in line", "next@example.org", 0, true);
        assertThat(status(waiting)).isEqualTo("WAITLISTED");
        assertThat(resident.get(base + "/events/registrations/mine").json().size())
                .isEqualTo(2);
        assertThat(api.post(
                                base + "/events/" + past + "/check-ins",
                                Map.of("scans", List.of(Map.of("code", code(attended)))))
                        .json()
                        .get("checkedIn")
                        .asInt())
                .isEqualTo(1);
        assertThat(resident.get(base + "/memberships/me/export").body()).contains(marker);
        long attendedBefore = facts("events.attended");
        long networkBefore = facts("network.new");

        assertThat(resident.post(base + "/memberships/me/erasure", null).status())
                .isEqualTo(200);
        assertThat(LabDatabase.columnsContaining(lab, marker)).isEmpty();
        assertThat(LabDatabase.columnsContaining(lab, TestAccounts.subject(user)))
                .isEmpty();
        assertThat(attendance(past).get("checkedInSeats").asLong())
                .as("her attendance stays")
                .isEqualTo(1);
        assertThat(lookup(code(waiting)).get("status").asString())
                .as("her seat at the coming event went to the line")
                .isEqualTo("OFFERED");

        // A contact asks to be forgotten: name and contact go, from the network and from her registrations.
        UUID contact = UUID.fromString(
                api.get(base + "/network").json().get("items").get(0).get("id").asString());
        Api.Reply erased = api.post(base + "/network/" + contact + "/erasure", null);
        assertThat(erased.status()).as(erased.toString()).isEqualTo(200);
        assertThat(erased.json().has("displayName")).isFalse();
        assertThat(LabDatabase.columnsContaining(lab, "next@example.org")).isEmpty();
        assertThat(LabDatabase.columnsContaining(lab, "Next in line")).isEmpty();
        assertThat(api.get(base + "/network").json().get("totalItems").asInt()).isZero();

        // A visitor who never joined the network erases her registration with its code; her seat goes to the line.
        Api.Reply visitor = register(api.anonymous(), past, "Cholpon Visitor", "cholpon@example.org", 0, false);
        Api.Reply erasedByCode =
                api.anonymous().post(base + "/public/registrations/erase", Map.of("code", code(visitor)));
        assertThat(erasedByCode.status()).as(erasedByCode.toString()).isEqualTo(200);
        assertThat(erasedByCode.json().get("status").asString()).isEqualTo("CANCELLED");
        assertThat(LabDatabase.columnsContaining(lab, "Cholpon")).isEmpty();
        assertThat(LabDatabase.columnsContaining(lab, "cholpon@example.org")).isEmpty();
        assertThat(facts("events.attended")).isEqualTo(attendedBefore);
        assertThat(facts("network.new")).isEqualTo(networkBefore);
    }

    @Test
    void staffRecordAnAmbassadorAndOnlyStaffSeeTheLine() {
        UUID event = event("Ambassadors' evening", 10, Map.of());
        register(api.anonymous(), event, "Gulnara", "gulnara@example.org", 0, true);
        JsonNode contact = api.get(base + "/network").json().get("items").get(0);
        Api.Reply made = api.put(
                base + "/network/" + contact.get("id").asString() + "/ambassador",
                Map.of(
                        "role",
                        "Ambassador in Kara-Suu",
                        "version",
                        contact.get("version").asLong()));
        assertThat(made.status()).as(made.toString()).isEqualTo(200);
        assertThat(api.get(base + "/network?ambassadors=true").body()).contains("Ambassador in Kara-Suu");
        assertThat(api.anonymous()
                        .get(base + "/events/" + event + "/registrations")
                        .status())
                .isEqualTo(401);
        assertThat(api.anonymous().get(base + "/public/events/" + event).body()).doesNotContain("Gulnara");
    }

    private UUID event(String title, int capacity, Map<String, Object> more) {
        Api.Reply created = api.post(base + "/events", eventBody(title, capacity, more));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return UUID.fromString(created.json().get("id").asString());
    }

    private static Map<String, Object> eventBody(String title, int capacity, Map<String, Object> more) {
        Map<String, Object> body = new HashMap<>(Map.of(
                "title",
                title,
                "startsAt",
                TestLabs.tomorrowAt(15).toString(),
                "endsAt",
                TestLabs.tomorrowAt(17).toString(),
                "place",
                "Osh, Kurmanjan Datka 271",
                "capacity",
                capacity));
        body.putAll(more);
        return body;
    }

    private Api.Reply register(Api as, UUID event, String name, String contact, int companions, boolean joins) {
        Map<String, Object> body = new HashMap<>(Map.of("name", name, "companions", companions));
        if (contact != null) {
            body.put("contact", contact);
        }
        if (joins) {
            body.put("joinNetwork", true);
            body.put("consentWording", "network-2026");
        }
        return as.post(base + "/public/events/" + event + "/registrations", body);
    }

    private JsonNode lookup(String code) {
        Api.Reply reply = api.anonymous().post(base + "/public/registrations/lookup", Map.of("code", code));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json();
    }

    private List<JsonNode> registrations(UUID event) {
        List<JsonNode> all = new ArrayList<>();
        api.get(base + "/events/" + event + "/registrations")
                .json()
                .get("items")
                .forEach(all::add);
        return all;
    }

    private JsonNode attendance(UUID event) {
        return api.get(base + "/events/" + event + "/attendance").json();
    }

    private List<String> history(String registrationId) {
        return LabDatabase.texts(
                "SELECT reason || ':' || status FROM " + lab.schema()
                        + ".registration_change WHERE registration_id = ?::uuid ORDER BY seq",
                registrationId);
    }

    private void lapseOffers() {
        LabDatabase.update(
                lab, "event_registration", "offered_until = now() - interval '1 minute'", "status = 'OFFERED'");
    }

    private long facts(String indicator) {
        return LabDatabase.number(
                "SELECT coalesce(sum(delta), 0) FROM " + lab.schema() + ".indicator_outbox WHERE indicator = ?",
                indicator);
    }

    private static String status(Api.Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json().get("status").asString();
    }

    private static String code(Api.Reply registered) {
        return registered.json().get("checkInCode").asString();
    }

    /** What a door phone does with the roster's key: check the signature, with nothing but the code and the key. */
    private static boolean verifiesOffline(String publicKey, String code) throws Exception {
        Base64.Decoder decoder = Base64.getUrlDecoder();
        String[] parts = code.split("\\.");
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(
                KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(decoder.decode(publicKey))));
        verifier.update(decoder.decode(parts[0]));
        return verifier.verify(decoder.decode(parts[1]));
    }
}
