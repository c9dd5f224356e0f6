package io.logdoctor.streams;

import java.util.regex.Pattern;

/**
 * The owner workload of a pod, read from its name the way Kubernetes makes pod names: a controller's
 * pods are {@code generateName} plus 5 characters of {@code k8s.io/apimachinery/pkg/util/rand}'s
 * alphabet (no vowels, no 0/1/3: "bcdfghjklmnpqrstvwxz2456789"), a Deployment's ReplicaSet adds the
 * pod-template-hash in that alphabet (up to 10 characters), a CronJob's Job adds the scheduled time in
 * minutes, a StatefulSet's pods end in their ordinal, and a static pod's mirror pod ends in its node's name.
 */
final class Owners {

    private static final String ALPHABET = "[bcdfghjklmnpqrstvwxz2456789]";
    private static final Pattern GENERATED = Pattern.compile("(.+)-" + ALPHABET + "{5}");
    private static final Pattern TEMPLATE_HASH = Pattern.compile("(.+)-" + ALPHABET + "{6,10}");
    private static final Pattern CRONJOB_TIME = Pattern.compile("(.+)-[0-9]{8,}");
    private static final Pattern ORDINAL = Pattern.compile("(.+)-[0-9]+");

    private Owners() {
    }

    /** The workload name of {@code pod} on {@code node} (either may be null); the pod's own name when it has no owner pattern. */
    static String workload(String pod, String node) {
        if (pod == null) {
            return null;
        }
        if (node != null && pod.length() > node.length() + 1 && pod.endsWith("-" + node)) {
            return pod.substring(0, pod.length() - node.length() - 1); // kube-apiserver-ip-10-0-1-23.ec2.internal
        }
        var generated = GENERATED.matcher(pod);
        if (generated.matches()) {
            String owner = generated.group(1);
            var hash = TEMPLATE_HASH.matcher(owner);
            if (hash.matches()) {
                return hash.group(1); // Deployment <- ReplicaSet <name>-<pod-template-hash>
            }
            var cron = CRONJOB_TIME.matcher(owner);
            return cron.matches() ? cron.group(1) : owner; // CronJob <- Job <name>-<minutes>; else DaemonSet, Job, ReplicaSet
        }
        var ordinal = ORDINAL.matcher(pod);
        return ordinal.matches() ? ordinal.group(1) : pod; // StatefulSet <name>-<ordinal>; else a bare pod
    }
}
