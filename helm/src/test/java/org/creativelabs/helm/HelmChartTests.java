package org.creativelabs.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The chart's CI check (helm-java bundles Helm itself): strict lint, render with the default and the production
 * values, parse every manifest with fabric8 and check the platform's rules, and prove the check fails when a
 * workload drops runAsNonRoot, uses the tag latest, or carries a misspelled field.
 */
class HelmChartTests {

    static final Path CHART = Path.of("creative-labs");
    static final Path PRODUCTION = CHART.resolve("values-production.yaml");

    @Test
    void lintsStrictly() {
        LintResult lint = new Helm(CHART).lint().strict().call();
        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
    }

    @Test
    void defaultValuesRenderManifestsThatFollowEveryRule() {
        String rendered = render(Map.of(), null);
        assertThat(ManifestCheck.verify(rendered)).isEmpty();
        List<HasMetadata> resources = ManifestCheck.parseAll(rendered);
        assertThat(resources.stream()
                        .filter(Deployment.class::isInstance)
                        .map(r -> r.getMetadata().getName()))
                .containsExactlyInAnyOrder("clp-gateway", "clp-platform-core", "clp-tenant-admin");
        assertThat(resources.stream()
                        .filter(HorizontalPodAutoscaler.class::isInstance)
                        .count())
                .isEqualTo(2);
        Ingress ingress = resources.stream()
                .filter(Ingress.class::isInstance)
                .map(Ingress.class::cast)
                .findFirst()
                .orElseThrow();
        assertThat(ingress.getSpec().getRules())
                .extracting(rule -> rule.getHost())
                .containsExactly("labs.example.org", "*.labs.example.org");
        assertThat(ingress.getSpec().getRules())
                .allSatisfy(rule -> assertThat(rule.getHttp()
                                .getPaths()
                                .get(0)
                                .getBackend()
                                .getService()
                                .getName())
                        .isEqualTo("clp-gateway"));
    }

    @Test
    void productionValuesRenderManifestsThatFollowEveryRule() {
        String rendered = render(Map.of(), PRODUCTION);
        assertThat(ManifestCheck.verify(rendered)).isEmpty();
        assertThat(ManifestCheck.parseAll(rendered).stream()
                        .filter(HorizontalPodAutoscaler.class::isInstance)
                        .count())
                .isEqualTo(3);
    }

    @Test
    void failsWhenAWorkloadDropsRunAsNonRoot() {
        String rendered = render(Map.of("podSecurityContext.runAsNonRoot", false), null);
        assertThat(ManifestCheck.verify(rendered)).anySatisfy(v -> assertThat(v).contains("runAsNonRoot"));
    }

    @Test
    void failsWhenAnImageIsTaggedLatest() {
        // The values schema refuses it before anything renders ...
        assertThatThrownBy(() -> render(Map.of("image.tag", "latest"), null)).hasMessageContaining("tag");
        // ... and the manifest check catches one that got in another way.
        String rendered = render(Map.of(), null).replace("gateway:0.1.0", "gateway:latest");
        assertThat(ManifestCheck.verify(rendered)).anySatisfy(v -> assertThat(v).contains("latest"));
    }

    @Test
    void failsOnAMisspelledField() {
        String rendered = render(Map.of(), null).replaceFirst("readinessProbe:", "readinesProbe:");
        assertThat(ManifestCheck.verify(rendered))
                .anySatisfy(v -> assertThat(v).contains("unknown field(s) [readinesProbe]"))
                .anySatisfy(v -> assertThat(v).contains("needs the readiness probe"));
    }

    @Test
    void exportsInAnObjectStoreGetItsSettingsItsCredentialsAndOnlyPlatformCoreReachesIt() {
        String rendered = render(Map.of(), PRODUCTION);
        assertThat(rendered)
                .contains("PLATFORM_EXPORT_STORE: \"s3\"", "PLATFORM_EXPORT_S3_BUCKET: \"creative-labs-exports\"")
                .contains("name: PLATFORM_EXPORT_S3_SECRET_KEY");
        assertThat(rendered.split("\n---"))
                .filteredOn(m -> m.contains("kind: NetworkPolicy") && m.contains("10.40.0.0/24"))
                .singleElement()
                .asString()
                .contains("name: clp-platform-core");
        assertThat(render(Map.of(), null))
                .doesNotContain("10.40.0.0/24")
                .doesNotContain("PLATFORM_EXPORT_S3_SECRET_KEY")
                .contains("PLATFORM_EXPORT_STORE: \"postgres\"");
        assertThatThrownBy(() -> render(Map.of("exports.store", "s3"), null))
                .as("s3 without a bucket")
                .hasMessageContaining("bucket");
    }

    @Test
    void gatewayReplicasShareSessionsThroughRedisAndSendTheSessionCookieOnlyOverHttps() {
        String production = render(Map.of(), PRODUCTION);
        assertThat(production)
                .contains("name: GATEWAY_REDIS_URL, value: \"redis://creative-labs-redis.creative-labs.svc:6379\"")
                .contains("name: GATEWAY_SECURE_COOKIES, value: \"true\"");
        assertThat(production.split("\n---"))
                .filteredOn(m -> m.contains("kind: NetworkPolicy") && m.contains("app.kubernetes.io/name: redis"))
                .singleElement()
                .asString()
                .contains("name: clp-gateway");
        assertThat(render(Map.of(), null))
                .as("no TLS, no Redis: neither is claimed")
                .doesNotContain("GATEWAY_REDIS_URL")
                .doesNotContain("GATEWAY_SECURE_COOKIES");
    }

    @Test
    void failsWhenPlatformCoreAcceptsTrafficFromAnywhere() {
        String rendered = render(Map.of(), null);
        String opened = rendered.replaceFirst(
                "(?s)(name: clp-platform-core\\n  labels:.*?ingress:\\n    - from:\\n)",
                "$1        - namespaceSelector: {}\n");
        assertThat(opened).isNotEqualTo(rendered);
        assertThat(ManifestCheck.verify(opened)).anySatisfy(v -> assertThat(v).contains("ingress must come only from"));
    }

    private static String render(Map<String, Object> values, Path valuesFile) {
        var template = new Helm(CHART)
                .template()
                .withName("clp")
                .withNamespace("creative-labs")
                .withKubeVersion("1.31.0");
        if (valuesFile != null) {
            template.withValuesFile(valuesFile);
        }
        values.forEach(template::set);
        return template.call();
    }
}
