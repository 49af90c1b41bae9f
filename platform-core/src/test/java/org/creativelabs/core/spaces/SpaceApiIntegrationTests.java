package org.creativelabs.core.spaces;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.creativelabs.core.support.Api;
import org.creativelabs.core.support.LabApiTest;
import org.creativelabs.core.support.TransactionCounter;
import org.creativelabs.core.tenancy.Lab;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SpaceApiIntegrationTests extends LabApiTest {

    Lab osh;

    @BeforeEach
    void setUp() {
        osh = labs.createServing("osh");
    }

    @Test
    void createsReadsUpdatesListsAndDeletesASpace() {
        UUID id = labs.createSpace(osh, "Shyrdak studio");
        String path = "/api/labs/" + osh.slug() + "/spaces/" + id;

        Api.Reply got = api.get(path);
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.json().get("name").asString()).isEqualTo("Shyrdak studio");
        long version = got.json().get("version").asLong();

        Api.Reply updated = api.put(
                path, Map.of("name", "Shyrdak & felt studio", "kind", "STUDIO", "capacity", 10, "version", version));
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().get("capacity").asInt()).isEqualTo(10);

        Api.Reply stale =
                api.put(path, Map.of("name", "Old name", "kind", "STUDIO", "capacity", 3, "version", version));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.isProblem()).isTrue();

        Api.Reply list = api.get("/api/labs/" + osh.slug() + "/spaces?kind=STUDIO");
        assertThat(list.json().get("totalItems").asInt()).isEqualTo(1);
        assertThat(list.json().get("items").get(0).get("name").asString()).isEqualTo("Shyrdak & felt studio");

        assertThat(api.delete(path).status()).isEqualTo(204);
        Api.Reply gone = api.get(path);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.isProblem()).isTrue();
    }

    @Test
    void aReadIsOneTransactionAccessCheckIncluded() {
        labs.createSpace(osh, "Shyrdak studio");
        String spaces = "/api/labs/" + osh.slug() + "/spaces";
        api.get(spaces); // warm: the lab's catalog entry is cached apart from any request's transaction
        assertThat(TransactionCounter.during(() -> api.get(spaces).json()))
                .as("the membership check joins the list's transaction")
                .isEqualTo(1);
        assertThat(TransactionCounter.during(() -> api.get("/api/labs/" + osh.slug() + "/memberships/me")))
                .isEqualTo(1);
    }

    @Test
    void sameIdempotencyKeyTwiceCreatesOneSpace() {
        Map<String, Object> body = Map.of("name", "Photo corner", "kind", "ROOM", "capacity", 4);
        Map<String, String> key = Map.of("Idempotency-Key", "retry-" + UUID.randomUUID());
        Api.Reply first = api.post("/api/labs/" + osh.slug() + "/spaces", body, key);
        Api.Reply retry = api.post("/api/labs/" + osh.slug() + "/spaces", body, key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.json().get("id")).isEqualTo(first.json().get("id"));
        assertThat(retry.location()).isEqualTo(first.location());
        assertThat(api.get("/api/labs/" + osh.slug() + "/spaces")
                        .json()
                        .get("totalItems")
                        .asInt())
                .isEqualTo(1);

        Api.Reply reused = api.post(
                "/api/labs/" + osh.slug() + "/spaces", Map.of("name", "Other", "kind", "ROOM", "capacity", 4), key);
        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.isProblem()).isTrue();
    }

    @Test
    void invalidInputIsA400NamingTheFieldAndWritesNothing() {
        String spaces = "/api/labs/" + osh.slug() + "/spaces";
        Api.Reply missing = api.post(spaces, Map.of("kind", "ROOM", "capacity", 4));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.isProblem()).isTrue();
        assertThat(missing.json().get("detail").asString()).contains("name");

        Api.Reply wrongType = api.post(spaces, "{\"name\":\"Desk\",\"kind\":\"DESK\",\"capacity\":\"many\"}");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().get("detail").asString()).contains("capacity");

        Api.Reply tooLong = api.post(spaces, Map.of("name", "x".repeat(121), "kind", "DESK", "capacity", 1));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().get("detail").asString()).contains("name");

        Api.Reply badKind = api.post(spaces, Map.of("name", "Desk", "kind", "CASTLE", "capacity", 1));
        assertThat(badKind.status()).isEqualTo(400);
        assertThat(badKind.json().get("detail").asString()).contains("kind");

        Api.Reply badId = api.get(spaces + "/not-a-uuid");
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.isProblem()).isTrue();

        assertThat(api.get(spaces).json().get("totalItems").asInt()).isZero();
    }

    @Test
    void duplicateNameIsAConflict() {
        labs.createSpace(osh, "Sewing room");
        Api.Reply duplicate = api.post(
                "/api/labs/" + osh.slug() + "/spaces", Map.of("name", "sewing ROOM", "kind", "ROOM", "capacity", 2));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.isProblem()).isTrue();
    }
}
