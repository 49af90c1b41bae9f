package org.creativelabs.core.lifecycle;

import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Export content in an S3-compatible object store, one object per table under {@code <prefix><export id>/}. The
 * objects are written before the export's manifest row commits (a failed export can leave objects that no manifest
 * names, never a manifest without its objects), and deleted before the manifest row is purged. The manifest's
 * checksums are checked on every read, so a changed object restores nothing.
 */
class S3ExportStore implements ExportContentStore, AutoCloseable {

    static final String NAME = "s3";

    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    S3ExportStore(ExportProperties.S3 properties) {
        if (properties == null
                || properties.bucket() == null
                || properties.bucket().isBlank()) {
            throw new IllegalStateException(
                    "platform.exports.s3.bucket is not set (needed with platform.exports.store=s3)");
        }
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.of(properties.region()))
                .credentialsProvider(credentials(properties))
                .forcePathStyle(properties.pathStyle())
                // the manifest's SHA-256 guards the content; plain uploads (no aws-chunked trailers) suit every
                // S3-compatible store
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                // each table is one signed upload of known length: S3-compatible servers differ in aws-chunked support
                .serviceConfiguration(
                        S3Configuration.builder().chunkedEncodingEnabled(false).build());
        if (!properties.endpoint().isBlank()) {
            builder.endpointOverride(java.net.URI.create(properties.endpoint()));
        }
        this.s3 = builder.build();
        this.bucket = properties.bucket();
        this.prefix = properties.prefix();
    }

    private static AwsCredentialsProvider credentials(ExportProperties.S3 properties) {
        if (properties.accessKey().isBlank() && properties.secretKey().isBlank()) {
            return DefaultCredentialsProvider.builder().build();
        }
        return StaticCredentialsProvider.create(
                AwsBasicCredentials.create(properties.accessKey(), properties.secretKey()));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void write(Connection connection, UUID exportId, Map<String, byte[]> tables) {
        tables.forEach((table, content) -> s3.putObject(
                put -> put.bucket(bucket).key(key(exportId, table)).contentType("application/octet-stream"),
                RequestBody.fromBytes(content)));
    }

    @Override
    public Map<String, byte[]> read(Connection connection, UUID exportId) {
        Map<String, byte[]> contents = new LinkedHashMap<>();
        for (S3Object object : objects(exportId)) {
            String table = object.key()
                    .substring(folder(exportId).length(), object.key().length() - ".copy".length());
            contents.put(
                    table,
                    s3.getObjectAsBytes(get -> get.bucket(bucket).key(object.key()))
                            .asByteArray());
        }
        return contents;
    }

    @Override
    public void delete(Connection connection, UUID exportId) {
        List<ObjectIdentifier> keys = objects(exportId).stream()
                .map(o -> ObjectIdentifier.builder().key(o.key()).build())
                .toList();
        if (!keys.isEmpty()) {
            s3.deleteObjects(delete ->
                    delete.bucket(bucket).delete(Delete.builder().objects(keys).build()));
        }
    }

    private List<S3Object> objects(UUID exportId) {
        return s3.listObjectsV2Paginator(list -> list.bucket(bucket).prefix(folder(exportId))).contents().stream()
                .filter(o -> o.key().endsWith(".copy"))
                .toList();
    }

    private String folder(UUID exportId) {
        return prefix + exportId + "/";
    }

    private String key(UUID exportId, String table) {
        return folder(exportId) + table + ".copy";
    }

    @Override
    public void close() {
        s3.close();
    }
}
