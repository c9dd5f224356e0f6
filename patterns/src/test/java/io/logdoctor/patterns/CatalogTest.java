package io.logdoctor.patterns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalogue-wide test: every fixture of every bundled signature, and the ids that are a contract. */
class CatalogTest {

    @Test
    void shouldPassEveryFixtureOfTheBundledCatalogue() throws IOException {
        List<String> problems = FixtureCheck.run(SignatureCatalog.bundled());

        assertEquals(List.of(), problems, () -> String.join("\n", problems));
    }

    @Test
    void shouldLintCleanWithTheCataloguesOwnStricterFixtureCounts() throws IOException {
        SignatureCatalog catalog = SignatureCatalog.bundled();
        List<String> problems = new ArrayList<>(CatalogLint.run(catalog.root()));
        for (Signature s : catalog.signatures()) {
            String base = s.file().replaceAll("\\.yaml$", "");
            if (FixtureLines.of(catalog.root().resolve(base + FixtureCheck.POSITIVE)).size() < 5) {
                problems.add(base + ": the bundled catalogue wants at least 5 positive lines");
            }
        }
        assertEquals(List.of(), problems, () -> String.join("\n", problems));
    }

    @Test
    void shouldShipTheSignaturesOfTheSeedIncidents() {
        List<String> ids = SignatureCatalog.bundled().signatures().stream().map(Signature::id).toList();

        assertTrue(ids.containsAll(List.of(
                // the seed incidents
                "vpc-cni/ipamd-not-ready", "vpc-cni/ipv4-permission-denied", "aws-iam/sts-web-identity-timeout",
                "aws-iam/web-identity-access-denied", "aws-iam/invalid-identity-token",
                "aws-load-balancer-controller/webhook-unreachable", "aws-load-balancer-controller/access-denied",
                "external-dns/access-denied", "jenkins/update-center-cache-miss", "prometheus/alertmanager-unreachable",
                "aws-ec2/instance-quota-exceeded", "kubernetes/too-many-pods", "kubernetes/insufficient-resources",
                "lambda/alb-static-ip-stale-target", "tls/certificate-name-mismatch",
                // what every EKS and Lambda team meets
                "kubernetes/oom-killed", "kubernetes/crash-loop-backoff", "kubernetes/image-pull-failure",
                "coredns/upstream-timeout", "tls/certificate-expired", "vpc-cni/subnet-ip-exhausted", "lambda/task-timeout",
                "lambda/out-of-memory", "lambda/import-module-error", "lambda/handler-not-found", "lambda/throttled",
                // catalogue v2: nodes and kubelet
                "kubelet/pleg-not-healthy", "kubelet/cni-not-initialized", "kubelet/eviction-disk-pressure",
                "kubelet/eviction-memory-pressure", "node/not-ready", "node/system-oom", "node/no-space-left",
                "node/conntrack-table-full",
                // catalogue v2: pods and scheduling
                "kubernetes/probe-failed", "kubernetes/create-container-config-error", "kubernetes/exec-format-error",
                "kubernetes/image-pull-rate-limit", "kubernetes/unschedulable-constraints",
                // catalogue v2: storage
                "storage/volume-node-affinity-conflict", "storage/pvc-provisioning-failed", "storage/mount-failed",
                "storage/multi-attach", "ebs-csi/attach-failed", "efs-csi/mount-failed",
                // catalogue v2: control plane
                "kube-apiserver/rbac-forbidden", "kube-apiserver/request-throttling", "etcd/slow-apply",
                "etcd/database-space-exceeded", "admission/webhook-failed",
                // catalogue v2 (issue 12): AWS, Lambda and the applications' own failures
                "lambda/init-timeout", "lambda/kms-access-denied", "lambda/efs-mount-failure", "lambda/vpc-network-failure",
                "java/out-of-memory", "go/panic", "python/import-error", "postgres/too-many-connections", "postgres/auth-failed",
                "redis/oom-command-not-allowed", "kafka/broker-unreachable", "aws-sdk/access-denied",
                "vpc-cni/ip-assignment-failed", "coredns/servfail", "coredns/client-lookup-timeout",
                "ingress-nginx/upstream-errors", "aws-load-balancer-controller/reconcile-error",
                "cluster-autoscaler/scale-up-failed", "karpenter/launch-failed", "aws-ec2/insufficient-capacity", "coredns/forward-loop",
                "aws-iam/web-identity-token-unreadable",
                // catalogue v2: TLS and certificates
                "tls/unknown-authority", "cert-manager/challenge-failed",
                // AWS SDK failures every generation prints the same way
                "aws-sdk/throttling", "aws-sdk/no-credentials", "aws-sdk/expired-token-or-clock-skew",
                "eks/node-join-unauthorized", "kube-apiserver/apiservice-unavailable", "node/inotify-limit", "node/readonly-filesystem",
                "envoy/upstream-connect-error", "mysql/too-many-connections", "mysql/access-denied",
                "elasticsearch/flood-stage-watermark", "nodejs/heap-out-of-memory",
                // catalogue v3: containers, scheduling and nodes
                "kubernetes/container-name-reserved", "kubernetes/executable-not-found", "kubernetes/job-failed",
                "kubernetes/resource-quota-exceeded", "kubernetes/pod-security-violation", "kubernetes/hpa-missing-request",
                "kubernetes/api-server-unreachable", "kubelet/image-gc-failed", "storage/pvc-unbound",
                "storage/volume-attach-limit", "node/neighbor-table-overflow", "karpenter/pod-incompatible",
                "eks/kubectl-unauthorized",
                // catalogue v3: mesh, ingress and logging
                "istio/proxy-not-ready", "istio/rbac-access-denied", "ingress-nginx/admission-denied", "fluent-bit/flush-failed",
                // catalogue v3: AWS SDK, Lambda and API Gateway
                "aws-sdk/provisioned-throughput-exceeded", "aws-sdk/secret-not-found", "aws-sdk/invalid-credentials",
                "lambda/runtime-exit-error", "lambda/vpc-eni-setup-failed", "lambda/update-in-progress",
                "lambda/package-too-large", "lambda/payload-too-large", "lambda/marshal-error",
                "apigateway/integration-timeout", "apigateway/lambda-integration-error",
                // catalogue v3: applications and their data stores
                "runtime/too-many-open-files", "runtime/address-in-use", "database/connection-pool-exhausted",
                "python/gunicorn-worker-timeout", "postgres/server-unavailable", "mysql/connection-lost",
                "redis/persistence-failed", "redis/readonly-replica", "kafka/consumer-poll-timeout",
                "nodejs/unhandled-rejection", "vpc-cni/ipamd-unreachable", "ingress-nginx/upstream-header-too-big",
                "ingress-nginx/request-body-too-large",
                // catalogue v4: nodes, drains and sandboxes
                "kubernetes/pdb-eviction-blocked", "kubernetes/sandbox-changed", "node/hung-task", "node/cpu-lockup",
                "node/disk-io-error",
                // catalogue v4: data stores and brokers as the applications see them
                "mongodb/server-selection-timeout", "redis/max-clients", "redis/connection-failed",
                "postgres/transaction-conflict", "mysql/lock-conflict", "rabbitmq/connection-failed",
                // catalogue v4: AWS resources, node groups, kube-proxy, secrets and runtimes
                "aws-sdk/s3-bucket-not-found", "aws-sdk/queue-or-topic-not-found", "aws-sdk/dynamodb-table-not-found",
                "eks/nodegroup-eviction-failure", "kube-proxy/iptables-restore-failed", "secrets-store-csi/mount-failed",
                "runtime/stack-overflow",
                // catalogue v4: control loops, Kafka leadership and names that do not resolve
                "metrics-server/scrape-failed", "kubernetes/leader-election-lost", "kafka/partition-leader-unavailable",
                "runtime/dns-name-not-found", "kubernetes/invalid-image-name", "kubernetes/lifecycle-hook-failed",
                "eks/pod-identity-credentials-failed", "kubernetes/node-admission-rejected",
                // catalogue v5: monitoring, logging and GitOps pipelines
                "prometheus/out-of-order-samples", "prometheus/remote-write-failing", "prometheus/tsdb-wal-corruption",
                "prometheus/rule-evaluation-failed", "alertmanager/notify-failed", "fluent-bit/input-paused",
                "fluentd/buffer-overflow", "loki/ingestion-rate-limited", "otel-collector/export-dropping-data",
                "flux/helmrelease-failed", "flux/kustomization-failed", "argo-cd/manifest-generation-failed",
                // catalogue v5: search, brokers, caches and databases as SREs meet them
                "elasticsearch/circuit-breaking-exception", "elasticsearch/master-not-discovered",
                "elasticsearch/rejected-execution", "rabbitmq/resource-alarm", "kafka/record-too-large",
                "kafka/sasl-authentication-failed", "kafka/unknown-topic-or-partition", "kafka/rebalance-storm",
                "redis/cluster-down", "redis/loading-dataset", "mongodb/auth-failed",
                // catalogue v5: workers, proxies, Lambda extensions and Route 53 conflicts
                "python/celery-worker-lost", "nginx/worker-connections-exhausted", "lambda/extension-failed",
                "external-dns/invalid-change-batch",
                // catalogue v6: scheduling and rollout states, data stores, brokers, runtimes and GitOps
                "kubernetes/host-port-conflict", "kubernetes/progress-deadline-exceeded",
                "kubernetes/service-account-not-found", "kubernetes/namespace-stuck-terminating",
                "postgres/statement-timeout", "mysql/read-only", "mongodb/not-primary", "elasticsearch/too-many-shards",
                "kafka/producer-batch-expired", "kafka/offset-out-of-range", "rabbitmq/queue-not-found",
                "redis/auth-failed", "java/class-not-found", "nodejs/module-not-found", "helm/operation-in-progress",
                "cert-manager/issuer-not-ready", "flux/source-fetch-failed", "argo-cd/sync-failed",
                "envoy/xds-config-rejected", "aws-sdk/sqs-receipt-handle-invalid",
                // catalogue v7: the applications SREs run on EKS, their data stores and brokers
                "postgres/database-not-found", "postgres/replica-recovery-conflict", "postgres/read-only-transaction",
                "mysql/unknown-database", "mysql/table-not-found", "mysql/auth-plugin-mismatch",
                "mongodb/duplicate-key", "mongodb/network-error", "redis/command-timeout", "redis/cluster-mode-mismatch",
                "cassandra/no-host-available", "cassandra/replica-timeout", "elasticsearch/index-not-found",
                "kafka/authorization-failed", "kafka/security-protocol-mismatch", "kafka/invalid-replication-factor",
                "rabbitmq/connection-forced", "rabbitmq/unknown-delivery-tag",
                "database/stale-pooled-connection", "database/connection-leak", "aws-sdk/endpoint-unreachable",
                // catalogue v7: runtimes, RPC, TLS and web servers
                "java/thread-starvation", "go/out-of-memory", "grpc/unavailable", "grpc/deadline-exceeded",
                "grpc/message-too-large", "tls/protocol-mismatch", "nodejs/headers-already-sent",
                "nodejs/prisma-database-unreachable", "python/django-disallowed-host",
                "python/uwsgi-invalid-request-block-size", "python/celery-time-limit", "python/gunicorn-worker-boot-failed",
                "ruby/pending-migrations", "php/memory-exhausted", "php/execution-timeout", "php/laravel-app-key-missing",
                "dotnet/unhandled-exception", "dotnet/sql-server-unreachable", "apache/max-request-workers",
                "haproxy/no-server-available", "elasticsearch/client-connection-failed",
                "gitlab-runner/pod-start-timeout",
                // catalogue v7: nodes, kubelet and the container runtime
                "node/journald-rate-limited", "node/systemd-unit-failed", "node/tcp-memory-exhausted",
                "node/nfs-server-not-responding", "node/page-allocation-failure", "kubelet/orphaned-pod-volumes",
                "kubelet/certificate-rotation-failed", "kubelet/node-not-registered", "kubelet/container-runtime-down",
                "kubernetes/kill-pod-sandbox-failed", "kubernetes/runtime-request-timeout",
                "kubernetes/node-shutdown-terminated", "aws-ec2/spot-interruption",
                // catalogue v7: control plane, Services and ingress
                "etcd/request-timeout", "etcd/peer-unreachable", "etcd/clock-drift",
                "kube-apiserver/service-account-token-rejected", "kubernetes/service-load-balancer-failed",
                "ingress-nginx/tls-secret-missing", "istio/xds-stream-failing", "linkerd/proxy-fail-fast",
                // catalogue v7: delivery, autoscaling, backup and telemetry pipelines
                "helm/no-deployed-releases", "helm/ownership-conflict", "keda/scaler-error", "velero/backup-failed",
                "loki/entry-too-old", "otel-collector/memory-limiter-refusing", "fluent-bit/cloudwatch-send-failed",
                "grafana/datasource-proxy-error", "prometheus/config-load-failed", "alertmanager/config-load-failed",
                // catalogue v8: the Kubernetes platform and its add-ons on EKS
                "calico/bgp-not-established", "calico/felix-not-ready", "calico/cni-unauthorized",
                "calico/datastore-unreachable", "calico/typha-unreachable", "cilium/ipam-range-full",
                "cilium/agent-unreachable", "cilium/endpoint-create-timeout", "cilium/k8s-api-unreachable",
                "eks/nodegroup-creation-failure", "eks/authenticator-arn-not-mapped",
                "kube-controller-manager/zone-disruption", "cluster-autoscaler/max-nodes-total-reached",
                "karpenter/registration-timeout", "ebs-csi/metadata-unavailable", "efs-csi/provisioning-failed",
                "aws-load-balancer-controller/subnet-discovery-failed",
                "aws-load-balancer-controller/target-registration-failed", "kubernetes/image-pull-unauthorized",
                "kubelet/image-credential-provider-failed", "envoy/upstream-tls-failure",
                "istio/workload-certificate-failed", "linkerd/identity-certify-failed",
                "traefik/acme-certificate-failed", "traefik/backend-service-not-found",
                "argo-cd/cluster-cache-sync-failed", "argo-workflows/save-outputs-failed",
                "external-secrets/sync-failed", "external-secrets/store-invalid", "vault/agent-auth-failed",
                "cert-manager/route53-dns01-failed", "containerd/snapshot-missing",
                "cluster-autoscaler/scale-down-failed", "traefik/router-reference-missing",
                "envoy/upstream-request-timeout", "eks/fargate-pod-not-supported",
                // catalogue v8: applications, runtimes and data services
                "airflow/task-killed-externally", "airflow/task-sigkill", "apache/proxy-backend-unreachable",
                "consul/no-cluster-leader", "consul/no-known-servers", "dotnet/data-protection-key-missing",
                "dotnet/icu-missing", "dotnet/sql-command-timeout", "java/flyway-migration-failed",
                "java/hibernate-schema-validation", "java/jvm-fatal-error", "java/jvm-start-failed",
                "java/liquibase-lock-stuck", "java/tomcat-header-too-large",
                "kafka-connect/connector-plugin-not-found", "kafka-connect/task-failed",
                "memcached/object-too-large", "memcached/out-of-memory-storing", "mongodb/sort-memory-limit",
                "mysql/data-dir-locked", "mysql/data-directory-not-empty", "mysql/packet-too-large",
                "nats/jetstream-no-quorum", "nats/slow-consumer", "nginx/no-resolver",
                "nodejs/esm-commonjs-mismatch", "php/primary-script-unknown", "postgres/data-directory-not-empty",
                "postgres/data-directory-permissions", "postgres/data-version-incompatible",
                "postgres/shared-memory-segment-full", "python/uvicorn-startup-failed",
                "redis/client-output-buffer-limit", "redis/replica-sync-failed", "ruby/puma-worker-timeout",
                "ruby/rails-blocked-host", "ruby/rails-credentials-key-missing",
                "ruby/sidekiq-redis-eviction-policy", "runtime/bind-permission-denied",
                "schema-registry/incompatible-schema", "spark/executor-killed", "spark/no-resources-accepted",
                "zookeeper/quorum-peer-unreachable", "zookeeper/session-expired", "zookeeper/slow-fsync",
                // catalogue v8: AWS services as applications and Lambda functions see them
                "aws-iam/session-duration-too-long", "aws-iam/sts-region-disabled",
                "aws-sdk/cloudwatch-log-group-missing", "aws-sdk/dynamodb-invalid-key",
                "aws-sdk/dynamodb-item-collection-too-large", "aws-sdk/dynamodb-item-too-large",
                "aws-sdk/dynamodb-transaction-conflict", "aws-sdk/fifo-parameter-missing",
                "aws-sdk/kinesis-iterator-expired", "aws-sdk/kms-ciphertext-key-denied", "aws-sdk/kms-key-unusable",
                "aws-sdk/kms-throttling", "aws-sdk/message-too-large", "aws-sdk/s3-no-such-key-storm",
                "aws-sdk/s3-object-archived", "aws-sdk/s3-request-timeout", "aws-sdk/s3-wrong-region",
                "aws-sdk/secret-decryption-failure", "aws-sdk/ses-daily-quota-exceeded",
                "aws-sdk/ses-identity-not-verified", "aws-sdk/sns-endpoint-disabled", "lambda/code-storage-exceeded",
                "lambda/ecr-image-access-denied", "lambda/role-cannot-be-assumed", "lambda/runtime-deprecated",
                "lambda/sqs-visibility-timeout-too-short",
                // catalogue v8: recall on the failures SREs meet most (variants of existing signatures, and their gaps)
                "kubernetes/container-volume-mount-failed", "kubernetes/image-never-pull", "kubernetes/no-nodes-available",
                // catalogue v9: applications, their HTTP and data-store clients, proxies and the AWS SDKs
                "python/uwsgi-harakiri", "python/celery-broker-connection-lost", "python/http-connection-failed",
                "python/memory-error", "php/fpm-child-killed", "nginx/config-invalid", "nginx/upstream-socket-unavailable",
                "ruby/rack-timeout", "ruby/connection-failed", "go/http-handler-panic", "database/jdbc-connection-failed",
                "java/circuit-breaker-open", "java/http-client-failed", "dotnet/http-request-failed",
                "dotnet/sql-server-login-failed", "nodejs/unhandled-error-event", "traefik/upstream-errors",
                "aws-sdk/http-connection-pool-exhausted", "grpc/unimplemented",
                "haproxy/config-invalid",
                // catalogue v9: the EKS node and its platform (kernel, kubelet, runtime, CNI, proxy, DNS, storage, autoscalers)
                "node/pids-limit-reached", "node/clock-unsynchronized", "node/filesystem-shutdown", "node/network-driver-reset",
                "node/tcp-syn-backlog-overflow", "node/kernel-oops", "node/rebooted", "node/netdevice-unregister-hang",
                "node/hardware-error",
                "kubelet/eviction-pid-pressure", "kubelet/cgroup-driver-mismatch", "kubelet/start-failed",
                "kubelet/node-status-update-failed", "kubelet/pod-cgroup-create-failed",
                "kubernetes/pod-network-setup-failed", "kubernetes/memory-limit-too-low-to-start",
                "kubernetes/device-allocation-failed", "kubernetes/pod-preempted", "kubernetes/cpu-quota-rejected",
                "containerd/task-exit-not-handled",
                "kube-proxy/node-ip-unknown", "kube-proxy/ipvs-no-destination", "kube-proxy/iptables-table-missing",
                "coredns/health-check-slow", "vpc-cni/eni-allocation-failed",
                "aws-load-balancer-controller/security-group-tagging",
                "storage/volume-detach-failed", "storage/volume-binding-timeout", "storage/xfs-duplicate-uuid",
                "storage/csi-driver-not-registered",
                "karpenter/nodepool-limit-reached", "karpenter/nodeclass-not-ready",
                "cluster-autoscaler/node-group-lookup-failed",
                "eks/nodegroup-health-issue", "eks/addon-configuration-conflict", "eks/fargate-provisioning-timeout",
                // catalogue v10: Kubernetes workloads, the control plane as they see it, and add-ons
                "kubernetes/immutable-field-rejected", "kubernetes/hpa-metrics-api-unavailable",
                "kubernetes/pvc-resize-failed", "kubernetes/api-kind-not-served", "kubernetes/hpa-pod-metrics-missing",
                "kubernetes/limit-range-rejected", "helm/hook-failed", "helm/wait-timeout",
                "ingress-nginx/ingress-class-missing",
                // catalogue v10: Lambda functions and the AWS services their code calls
                "aws-sdk/lambda-function-not-found", "lambda/step-functions-lambda-unknown",
                "aws-sdk/batch-too-many-entries", "aws-sdk/rds-proxy-connection-refused",
                "lambda/event-source-role-missing-permissions")),
                ids::toString);
        assertEquals(Optional.of("vpc-cni/ipamd-not-ready"),
                SignatureCatalog.bundled().find("vpc-cni/ipv4-permission-denied").orElseThrow().refines());
    }

    @Test
    void shouldReportAPositiveFixtureThatDoesNotMatch(@TempDir Path root) throws IOException {
        SignatureFiles.write(root, "demo/disk-full.yaml", SignatureFiles.VALID);
        SignatureFiles.write(root, "demo/disk-full.match.log", "# comment\nNo space left on device\nall good\n");
        SignatureFiles.write(root, "demo/disk-full.nomatch.log", "No space left on device\n");

        assertEquals(List.of(
                        "demo/disk-full.match.log:3: expected [demo/disk-full], got []",
                        "demo/disk-full.nomatch.log:1: expected no match, got [demo/disk-full]"),
                FixtureCheck.run(SignatureCatalog.load(root)));
    }

    @Test
    void shouldApplyContextLinesToTheFixturesBelowThem(@TempDir Path root) throws IOException {
        SignatureFiles.write(root, "demo/disk-full.yaml", SignatureFiles.VALID);
        SignatureFiles.write(root, "demo/disk-full.match.log", "#@ container=writer\nNo space left on device\n");
        SignatureFiles.write(root, "demo/disk-full.nomatch.log", "#@ container=reader source=k8s\nNo space left on device\n#@\nall good\n");

        assertEquals(List.of(), FixtureCheck.run(SignatureCatalog.load(root)));
    }

    @Test
    void shouldReportMissingFixtures(@TempDir Path root) throws IOException {
        SignatureFiles.write(root, "demo/disk-full.yaml", SignatureFiles.VALID);

        assertEquals(List.of(
                        "demo/disk-full.match.log: missing: every signature needs positive fixtures",
                        "demo/disk-full.nomatch.log: missing: every signature needs near-miss fixtures"),
                FixtureCheck.run(SignatureCatalog.load(root)));
    }
}
