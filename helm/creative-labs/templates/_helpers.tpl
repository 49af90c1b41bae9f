{{/* The release's base name. */}}
{{- define "clp.fullname" -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- end -}}

{{/* Name of a component's resources, e.g. "clp-platform-core". Call with (dict "root" $ "name" "platform-core"). */}}
{{- define "clp.componentName" -}}
{{- printf "%s-%s" (include "clp.fullname" .root) .name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "clp.labels" -}}
app.kubernetes.io/part-of: creative-labs
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/version: {{ .root.Values.image.tag | quote }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
{{ include "clp.selectorLabels" . }}
{{- end -}}

{{- define "clp.selectorLabels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{/* An image reference with an explicit tag; "latest" is refused. */}}
{{- define "clp.image" -}}
{{- $tag := required "image.tag is required" .root.Values.image.tag | toString -}}
{{- if eq $tag "latest" -}}{{- fail "image.tag must name a release, not \"latest\"" -}}{{- end -}}
{{- printf "%s/%s:%s" .root.Values.image.registry .image $tag -}}
{{- end -}}

{{/* Env of a database login from the existing secret. Call with (dict "root" $ "prefix" "PLATFORM_DB_RUNTIME" "key" "runtime"). */}}
{{- define "clp.dbLogin" -}}
- name: {{ .prefix }}_USER
  valueFrom:
    secretKeyRef: {name: {{ .root.Values.database.existingSecret }}, key: {{ .key }}-username}
- name: {{ .prefix }}_PASSWORD
  valueFrom:
    secretKeyRef: {name: {{ .root.Values.database.existingSecret }}, key: {{ .key }}-password}
{{- end -}}

{{/* The pod-level settings every workload shares: its own service account, no token, non-root. */}}
{{- define "clp.podSecurity" -}}
serviceAccountName: {{ .serviceAccount }}
automountServiceAccountToken: false
securityContext:
  {{- toYaml .root.Values.podSecurityContext | nindent 2 }}
{{- with .root.Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
volumes:
  - name: tmp
    emptyDir: {sizeLimit: 256Mi}
{{- end -}}

{{/* Network peers. */}}
{{- define "clp.peerPods" -}}
- podSelector:
    matchLabels:
      {{- include "clp.selectorLabels" . | nindent 6 }}
{{- end -}}

{{- define "clp.egressTo" -}}
{{- if .target.cidr }}
- to:
    - ipBlock: {cidr: {{ .target.cidr }}}
  ports:
    - {port: {{ .target.port }}, protocol: TCP}
{{- else if .target.podLabels }}
- to:
    - podSelector:
        matchLabels:
          {{- toYaml .target.podLabels | nindent 10 }}
  ports:
    - {port: {{ .target.port }}, protocol: TCP}
{{- end }}
{{- end -}}

{{- define "clp.egressDns" -}}
- to:
    - namespaceSelector:
        matchLabels: {kubernetes.io/metadata.name: {{ .Values.networkPolicy.dns.namespace }}}
      podSelector:
        matchLabels:
          {{- toYaml .Values.networkPolicy.dns.podLabels | nindent 10 }}
  ports:
    - {port: 53, protocol: UDP}
    - {port: 53, protocol: TCP}
{{- end -}}
