package org.creativelabs.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.creativelabs.core.support.Api;
import org.creativelabs.core.support.LabApiTest;
import org.creativelabs.core.support.LabDatabase;
import org.creativelabs.core.tenancy.Lab;
import org.creativelabs.devstack.TestS3;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Exports in an S3-compatible object store (the production option), against a real one: s3rver, run by Node.js. The
 * manifest stays in PostgreSQL; the tables' content lives only in the bucket, is checked against the manifest's
 * checksums on restore, and goes when the export's retention runs out.
 */
@EnabledIf("nodeToolsAvailable")
class S3ExportStoreIntegrationTests extends LabApiTest {

    private static final String BUCKET = "clp-exports";
    private static S3Client bucket;

    static boolean nodeToolsAvailable() {
        // CI must run this test, never skip it
        return TestS3.available() || System.getenv("CLP_REQUIRE_NODE_TOOLS") != null;
    }

    @DynamicPropertySource
    static void objectStore(DynamicPropertyRegistry registry) {
        String endpoint = TestS3.start(BUCKET);
        registry.add("platform.exports.store", () -> "s3");
        registry.add("platform.exports.s3.endpoint", () -> endpoint);
        registry.add("platform.exports.s3.bucket", () -> BUCKET);
        registry.add("platform.exports.s3.access-key", () -> TestS3.ACCESS_KEY);
        registry.add("platform.exports.s3.secret-key", () -> TestS3.SECRET_KEY);
    }

    @BeforeAll
    static void openBucket() {
        bucket = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.US_EAST_1)
                .endpointOverride(URI.create(TestS3.start(BUCKET)))
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .serviceConfiguration(
                        S3Configuration.builder().chunkedEncodingEnabled(false).build())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(TestS3.ACCESS_KEY, TestS3.SECRET_KEY)))
                .build();
    }

    @AfterAll
    static void closeBucket() {
        bucket.close();
    }

    @Autowired
    LabHousekeeping housekeeping;

    @Test
    void anExportLivesInTheBucketAndRestoresIntoANewLabWithIdenticalRows() {
        Lab source = labs.createServing("s3-osh");
        labs.book(source, labs.createSpace(source, "Felt studio"), 10);
        assertThat(api.post(
                                "/api/labs/" + source.slug() + "/plans",
                                Map.of("name", "Resident", "monthlyBookingHours", 40))
                        .status())
                .isEqualTo(201);
        Map<String, String> content = LabDatabase.fingerprint(source);
        assertThat(api.post("/internal/tenants/" + source.id() + "/archive", null)
                        .status())
                .isEqualTo(200);

        Api.Reply exported = api.post("/internal/tenants/" + source.id() + "/exports", null);
        assertThat(exported.status()).as(exported.toString()).isEqualTo(201);
        UUID exportId = UUID.fromString(exported.json().get("exportId").asString());
        assertThat(objects(exportId))
                .as("one object per table")
                .hasSize(exported.json().get("tables").size());
        assertThat(LabDatabase.number("SELECT count(*) FROM exports.lab_export_table WHERE export_id = ?", exportId))
                .as("no content in PostgreSQL")
                .isZero();
        assertThat(LabDatabase.number(
                        "SELECT count(*) FROM exports.lab_export WHERE export_id = ? AND content_store = 's3'",
                        exportId))
                .as("the manifest, in PostgreSQL, names the store")
                .isEqualTo(1);

        Lab target = labs.createPending("s3-new");
        assertThat(api.post("/internal/tenants/" + target.id() + "/migrate", null)
                        .status())
                .isEqualTo(200);
        Api.Reply restored =
                api.post("/internal/tenants/" + target.id() + "/restore", Map.of("exportId", exportId.toString()));
        assertThat(restored.status()).as(restored.toString()).isEqualTo(200);
        assertThat(LabDatabase.fingerprint(target)).as("the rows themselves").isEqualTo(content);
    }

    @Test
    void aChangedObjectInTheBucketRestoresNothing() {
        Lab source = labs.createServing("s3-damaged");
        labs.createSpace(source, "Loom");
        UUID exportId = UUID.fromString(api.post("/internal/tenants/" + source.id() + "/exports", null)
                .json()
                .get("exportId")
                .asString());
        String spaceObject = objects(exportId).stream()
                .map(S3Object::key)
                .filter(k -> k.endsWith("/space.copy"))
                .findFirst()
                .orElseThrow();
        bucket.putObject(put -> put.bucket(BUCKET).key(spaceObject), RequestBody.fromString("tampered\n"));

        Lab target = labs.createPending("s3-target");
        assertThat(api.post("/internal/tenants/" + target.id() + "/migrate", null)
                        .status())
                .isEqualTo(200);
        Map<String, String> before = LabDatabase.fingerprint(target);
        Api.Reply refused =
                api.post("/internal/tenants/" + target.id() + "/restore", Map.of("exportId", exportId.toString()));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.body()).contains("space");
        assertThat(LabDatabase.fingerprint(target)).as("nothing restored").isEqualTo(before);
    }

    @Test
    void aDeletedLabsExportLeavesTheBucketWhenItsRetentionRunsOut() {
        Lab lab = labs.createServing("s3-retention");
        labs.createSpace(lab, "Kiln");
        assertThat(api.post("/internal/tenants/" + lab.id() + "/archive", null).status())
                .isEqualTo(200);
        UUID exportId = UUID.fromString(api.post("/internal/tenants/" + lab.id() + "/exports", null)
                .json()
                .get("exportId")
                .asString());
        assertThat(api.delete("/internal/tenants/" + lab.id()).status()).isEqualTo(204);

        housekeeping.purgeExpiredExports();
        assertThat(objects(exportId)).as("kept during the retention period").isNotEmpty();
        LabDatabase.superuser(
                "UPDATE exports.lab_export SET expires_at = now() - interval '1 second' WHERE export_id = '" + exportId
                        + "'");
        housekeeping.purgeExpiredExports();
        assertThat(objects(exportId)).as("the objects are gone").isEmpty();
        assertThat(LabDatabase.number("SELECT count(*) FROM exports.lab_export WHERE export_id = ?", exportId))
                .isZero();
        assertThat(LabDatabase.number(
                        "SELECT count(*) FROM exports.lab_export_event WHERE export_id = ? AND action = 'PURGED'",
                        exportId))
                .isEqualTo(1);
    }

    private static List<S3Object> objects(UUID exportId) {
        return bucket.listObjectsV2(list -> list.bucket(BUCKET).prefix("lab-exports/" + exportId + "/"))
                .contents();
    }
}
