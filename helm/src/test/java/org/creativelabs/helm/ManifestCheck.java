package org.creativelabs.helm;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks rendered manifests: every document parses into a known Kubernetes type with no unknown field
 * (fabric8 keeps unknown fields in {@code additionalProperties}, so every object is walked), and every
 * workload follows the platform's rules for pod security, resources, probes and network policies.
 * Returns the violations; an empty list means the manifests pass.
 */
final class ManifestCheck {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final String NAME = "app.kubernetes.io/name";

    private final List<HasMetadata> resources = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();

    static List<String> verify(String renderedYaml) {
        ManifestCheck check = new ManifestCheck();
        check.parse(renderedYaml);
        check.checkWorkloads();
        check.checkNetworkPolicies();
        return check.violations;
    }

    static List<HasMetadata> parseAll(String renderedYaml) {
        ManifestCheck check = new ManifestCheck();
        check.parse(renderedYaml);
        if (!check.violations.isEmpty()) {
            throw new IllegalStateException(String.join("\n", check.violations));
        }
        return check.resources;
    }

    private void parse(String yaml) {
        for (String document : yaml.split("(?m)^---\\s*$")) {
            if (document.lines().allMatch(line -> line.isBlank() || line.trim().startsWith("#"))) {
                continue;
            }
            HasMetadata resource;
            try {
                resource = SERIALIZATION.unmarshal(document, HasMetadata.class);
            } catch (RuntimeException e) {
                violations.add("does not parse: " + e.getMessage());
                continue;
            }
            if (resource == null || resource.getClass().getName().contains("GenericKubernetesResource")) {
                violations.add("unknown kind in document: "
                        + document.strip().lines().limit(3).toList());
                continue;
            }
            resources.add(resource);
            findUnknownFields(
                    resource, resource.getKind() + "/" + resource.getMetadata().getName(), new IdentityHashMap<>());
        }
    }

    private void findUnknownFields(Object node, String path, IdentityHashMap<Object, Boolean> seen) {
        if (node == null || seen.put(node, Boolean.TRUE) != null) {
            return;
        }
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                findUnknownFields(item, path + "[" + i++ + "]", seen);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> findUnknownFields(value, path + "." + key, seen));
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0
                    || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get")
                    || getter.getName().equals("getClass")) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            } catch (ReflectiveOperationException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    violations.add(path + ": unknown field(s) " + extra.keySet());
                }
                continue;
            }
            String field = Character.toLowerCase(getter.getName().charAt(3))
                    + getter.getName().substring(4);
            findUnknownFields(value, path + "." + field, seen);
        }
    }

    private void checkWorkloads() {
        for (HasMetadata resource : resources) {
            if (resource instanceof Deployment deployment) {
                checkPod(deployment, deployment.getSpec().getTemplate().getSpec(), true);
                boolean protectedByPdb = resources.stream()
                        .filter(PodDisruptionBudget.class::isInstance)
                        .map(PodDisruptionBudget.class::cast)
                        .anyMatch(pdb -> selects(
                                pdb.getSpec().getSelector().getMatchLabels(),
                                deployment.getSpec().getTemplate().getMetadata().getLabels()));
                require(protectedByPdb, deployment, "has no PodDisruptionBudget");
            } else if (resource instanceof Job job) {
                checkPod(job, job.getSpec().getTemplate().getSpec(), false);
                String hook = job.getMetadata().getAnnotations() == null
                        ? ""
                        : job.getMetadata().getAnnotations().getOrDefault("helm.sh/hook", "");
                require(
                        hook.contains("pre-install") && hook.contains("pre-upgrade"),
                        job,
                        "must run as a pre-install and pre-upgrade hook");
            }
        }
    }

    private void checkPod(HasMetadata workload, PodSpec pod, boolean serving) {
        PodSecurityContext podSecurity = pod.getSecurityContext();
        require(
                pod.getServiceAccountName() != null
                        && !pod.getServiceAccountName().equals("default"),
                workload,
                "must use its own service account");
        require(
                Boolean.FALSE.equals(pod.getAutomountServiceAccountToken()),
                workload,
                "must not mount a service account token");
        Set<String> emptyDirs = pod.getVolumes() == null
                ? Set.of()
                : pod.getVolumes().stream()
                        .filter(v -> v.getEmptyDir() != null)
                        .map(Volume::getName)
                        .collect(Collectors.toSet());
        List<Container> containers = new ArrayList<>(pod.getContainers());
        if (pod.getInitContainers() != null) {
            containers.addAll(pod.getInitContainers());
        }
        for (Container c : containers) {
            String where = "container " + c.getName();
            SecurityContext security = c.getSecurityContext();
            Boolean runAsNonRoot = security != null && security.getRunAsNonRoot() != null
                    ? security.getRunAsNonRoot()
                    : podSecurity == null ? null : podSecurity.getRunAsNonRoot();
            require(Boolean.TRUE.equals(runAsNonRoot), workload, where + " must set runAsNonRoot: true");
            require(
                    security != null && Boolean.TRUE.equals(security.getReadOnlyRootFilesystem()),
                    workload,
                    where + " must have a read-only root filesystem");
            require(
                    security != null && Boolean.FALSE.equals(security.getAllowPrivilegeEscalation()),
                    workload,
                    where + " must set allowPrivilegeEscalation: false");
            require(
                    security == null || !Boolean.TRUE.equals(security.getPrivileged()),
                    workload,
                    where + " must not be privileged");
            require(
                    security != null
                            && security.getCapabilities() != null
                            && security.getCapabilities().getDrop() != null
                            && security.getCapabilities().getDrop().contains("ALL"),
                    workload,
                    where + " must drop all capabilities");
            var resources = c.getResources();
            for (String kind : List.of("cpu", "memory")) {
                require(
                        resources != null
                                && resources.getRequests() != null
                                && resources.getRequests().containsKey(kind),
                        workload,
                        where + " must request " + kind);
                require(
                        resources != null
                                && resources.getLimits() != null
                                && resources.getLimits().containsKey(kind),
                        workload,
                        where + " must limit " + kind);
            }
            String image = Objects.requireNonNullElse(c.getImage(), "");
            String lastPart = image.substring(image.lastIndexOf('/') + 1);
            String tag = lastPart.contains(":") ? lastPart.substring(lastPart.indexOf(':') + 1) : "";
            require(
                    !tag.isEmpty() && !tag.equals("latest"),
                    workload,
                    where + " must use an explicit image tag, not '" + image + "'");
            boolean tmpMounted = c.getVolumeMounts() != null
                    && c.getVolumeMounts().stream()
                            .anyMatch(m -> "/tmp".equals(m.getMountPath()) && emptyDirs.contains(m.getName()));
            require(tmpMounted, workload, where + " must mount an emptyDir at /tmp");
            if (serving) {
                require(isActuatorProbe(c.getLivenessProbe(), "/livez"), workload, where + " needs the liveness probe");
                require(
                        isActuatorProbe(c.getReadinessProbe(), "/readyz"),
                        workload,
                        where + " needs the readiness probe");
            }
        }
    }

    private static boolean isActuatorProbe(Probe probe, String path) {
        return probe != null
                && probe.getHttpGet() != null
                && path.equals(probe.getHttpGet().getPath());
    }

    private void checkNetworkPolicies() {
        List<NetworkPolicy> policies = resources.stream()
                .filter(NetworkPolicy.class::isInstance)
                .map(NetworkPolicy.class::cast)
                .toList();
        boolean defaultDeny = policies.stream()
                .anyMatch(p -> p.getSpec().getPolicyTypes().containsAll(List.of("Ingress", "Egress"))
                        && (p.getSpec().getIngress() == null
                                || p.getSpec().getIngress().isEmpty())
                        && (p.getSpec().getEgress() == null
                                || p.getSpec().getEgress().isEmpty())
                        && !p.getSpec().getPodSelector().getMatchLabels().containsKey(NAME));
        require(defaultDeny, null, "a default-deny NetworkPolicy for the release is missing");

        for (String workload : workloadNames()) {
            NetworkPolicy policy = policies.stream()
                    .filter(p -> workload.equals(
                            p.getSpec().getPodSelector().getMatchLabels().get(NAME)))
                    .findFirst()
                    .orElse(null);
            if (policy == null) {
                violations.add(workload + ": no NetworkPolicy selects it");
                continue;
            }
            require(
                    policy.getSpec().getPolicyTypes().containsAll(List.of("Ingress", "Egress")),
                    policy,
                    "must restrict both ingress and egress");
            boolean dns = policy.getSpec().getEgress() != null
                    && policy.getSpec().getEgress().stream()
                            .anyMatch(rule -> rule.getPorts() != null
                                    && rule.getPorts().stream()
                                            .anyMatch(port -> port.getPort() != null
                                                    && Integer.valueOf(53)
                                                            .equals(port.getPort()
                                                                    .getIntVal())));
            require(dns, policy, "must allow DNS egress");
            Set<String> from = policy.getSpec().getIngress() == null
                    ? Set.of()
                    : policy.getSpec().getIngress().stream()
                            .flatMap(rule -> rule.getFrom().stream())
                            .map(ManifestCheck::describe)
                            .collect(Collectors.toSet());
            Set<String> expected = switch (workload) {
                case "gateway" -> Set.of("namespace");
                case "platform-core" -> Set.of("gateway", "tenant-admin");
                case "tenant-admin" -> Set.of("gateway", "platform-core");
                default -> Set.of();
            };
            require(from.equals(expected), policy, "ingress must come only from " + expected + ", not " + from);
        }
    }

    private Set<String> workloadNames() {
        return resources.stream()
                .filter(r -> r instanceof Deployment || r instanceof Job)
                .map(r -> r.getMetadata().getLabels().get(NAME))
                .collect(Collectors.toSet());
    }

    private static String describe(NetworkPolicyPeer peer) {
        if (peer.getIpBlock() != null) {
            return "ipBlock " + peer.getIpBlock().getCidr();
        }
        if (peer.getNamespaceSelector() != null && peer.getPodSelector() == null) {
            return "namespace";
        }
        return peer.getPodSelector() == null
                ? "anything"
                : String.valueOf(peer.getPodSelector().getMatchLabels().get(NAME));
    }

    private static boolean selects(Map<String, String> selector, Map<String, String> labels) {
        return selector != null && labels != null && labels.entrySet().containsAll(selector.entrySet());
    }

    private void require(boolean ok, HasMetadata resource, String message) {
        if (!ok) {
            violations.add((resource == null
                            ? ""
                            : resource.getKind() + "/" + resource.getMetadata().getName() + ": ")
                    + message);
        }
    }
}
