{{/* Names: <release>-logdoctor-<component>, cut to the 63 characters a label value allows. */}}
{{- define "logdoctor.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 50 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 50 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "logdoctor.name" -}}
{{- printf "%s-%s" (include "logdoctor.fullname" .root) .component -}}
{{- end -}}

{{/* Labels every object carries; selectorLabels are the stable subset a selector may use. */}}
{{- define "logdoctor.selectorLabels" -}}
app.kubernetes.io/name: {{ .root.Chart.Name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "logdoctor.labels" -}}
{{ include "logdoctor.selectorLabels" . }}
app.kubernetes.io/part-of: logdoctor
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
{{- end -}}

{{- define "logdoctor.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}

{{/*
Kafka settings as the CLI reads them: LOGDOCTOR_BOOTSTRAP_SERVER, and LOGDOCTOR_KAFKA_<PROPERTY> for the
client (security.protocol -> LOGDOCTOR_KAFKA_SECURITY_PROTOCOL; cli Settings.kafkaProperties).
*/}}
{{- define "logdoctor.kafkaEnv" -}}
{{- $k := .Values.kafka -}}
- name: LOGDOCTOR_BOOTSTRAP_SERVER
  value: {{ required "kafka.bootstrapServers is required" $k.bootstrapServers | quote }}
{{- with $k.securityProtocol }}
- name: LOGDOCTOR_KAFKA_SECURITY_PROTOCOL
  value: {{ . | quote }}
{{- end }}
{{- if $k.sasl.enabled }}
- name: LOGDOCTOR_KAFKA_SASL_MECHANISM
  value: {{ $k.sasl.mechanism | quote }}
{{- if $k.sasl.jaasConfigKey }}
- name: LOGDOCTOR_KAFKA_SASL_JAAS_CONFIG
  valueFrom:
    secretKeyRef: {name: {{ $k.sasl.existingSecret | quote }}, key: {{ $k.sasl.jaasConfigKey | quote }}}
{{- else }}
{{- /* Not LOGDOCTOR_*: only the JAAS line below reads them, through Kubernetes' $(VAR) expansion. */}}
- name: KAFKA_SASL_USERNAME
  valueFrom:
    secretKeyRef: {name: {{ $k.sasl.existingSecret | quote }}, key: {{ $k.sasl.usernameKey | quote }}}
- name: KAFKA_SASL_PASSWORD
  valueFrom:
    secretKeyRef: {name: {{ $k.sasl.existingSecret | quote }}, key: {{ $k.sasl.passwordKey | quote }}}
- name: LOGDOCTOR_KAFKA_SASL_JAAS_CONFIG
  value: {{ printf "%s required username=\"$(KAFKA_SASL_USERNAME)\" password=\"$(KAFKA_SASL_PASSWORD)\";" (hasPrefix "SCRAM" $k.sasl.mechanism | ternary "org.apache.kafka.common.security.scram.ScramLoginModule" "org.apache.kafka.common.security.plain.PlainLoginModule") | quote }}
{{- end }}
{{- end }}
{{- if $k.tls.enabled }}
{{- /* Kafka reads a PEM trust store from a file since 2.7 (KIP-651): no keytool, no password. */}}
- name: LOGDOCTOR_KAFKA_SSL_TRUSTSTORE_TYPE
  value: PEM
- name: LOGDOCTOR_KAFKA_SSL_TRUSTSTORE_LOCATION
  value: {{ printf "/etc/logdoctor/kafka-tls/%s" $k.tls.caKey | quote }}
{{- end }}
{{- range $name, $value := $k.properties }}
- name: {{ printf "LOGDOCTOR_KAFKA_%s" ($name | upper | replace "." "_") }}
  value: {{ $value | toString | quote }}
{{- end }}
{{- end -}}

{{/* The CA of kafka.tls, mounted where LOGDOCTOR_KAFKA_SSL_TRUSTSTORE_LOCATION points; empty without TLS. */}}
{{- define "logdoctor.kafkaTlsMount" -}}
{{- if .Values.kafka.tls.enabled -}}
- {name: kafka-tls, mountPath: /etc/logdoctor/kafka-tls, readOnly: true}
{{- end -}}
{{- end -}}

{{- define "logdoctor.kafkaTlsVolume" -}}
{{- if .Values.kafka.tls.enabled -}}
- name: kafka-tls
  secret: {secretName: {{ .Values.kafka.tls.existingSecret | quote }}}
{{- end -}}
{{- end -}}

{{/* Non-root, read-only, nothing to escalate: the streams app and the notifier. */}}
{{- define "logdoctor.restrictedContainerSecurity" -}}
runAsNonRoot: true
runAsUser: 10001
runAsGroup: 10001
readOnlyRootFilesystem: true
allowPrivilegeEscalation: false
capabilities: {drop: [ALL]}
{{- end -}}
