package org.creativelabs.core.lifecycle;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where lab exports keep their tables' content, and for how long. The manifest (tables, row counts, checksums, the
 * lab's lab-admins) and every export's history always live in PostgreSQL's {@code exports} schema.
 *
 * @param store {@code postgres} (the default: the content in {@code exports.lab_export_table}) or {@code s3} (an
 *        S3-compatible object store, for labs too large to keep in the database)
 * @param retention how long a deleted lab's exports are kept before the housekeeping job purges them
 * @param s3 the object store, when {@code store} is {@code s3}
 */
@ConfigurationProperties("platform.exports")
record ExportProperties(
        @DefaultValue("postgres") Store store,
        @DefaultValue("30d") Duration retention,
        S3 s3) {

    enum Store {
        POSTGRES,
        S3
    }

    /**
     * @param endpoint the store's address (empty: AWS's own endpoint for the region)
     * @param region the region to sign requests for
     * @param bucket the bucket that holds the exports; it must exist
     * @param prefix the keys' prefix inside the bucket
     * @param accessKey with {@code secretKey}: static credentials; both empty: the SDK's default chain (e.g. a pod's
     *        web identity)
     * @param pathStyle path-style addresses ({@code endpoint/bucket/key}), as most S3-compatible servers want
     */
    record S3(
            @DefaultValue("") String endpoint,
            @DefaultValue("us-east-1") String region,
            String bucket,
            @DefaultValue("lab-exports/") String prefix,
            @DefaultValue("") String accessKey,
            @DefaultValue("") String secretKey,
            @DefaultValue("true") boolean pathStyle) {}
}
