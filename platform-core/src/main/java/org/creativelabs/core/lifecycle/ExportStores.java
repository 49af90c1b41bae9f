package org.creativelabs.core.lifecycle;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The S3 store exists whenever a bucket is configured, whichever store new exports go to, so exports written there
 * stay readable after a switch back to PostgreSQL.
 */
@Configuration(proxyBeanMethods = false)
class ExportStores {

    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("'${platform.exports.s3.bucket:}' != '' or '${platform.exports.store:postgres}' == 's3'")
    S3ExportStore s3ExportStore(ExportProperties properties) {
        return new S3ExportStore(properties.s3());
    }
}
