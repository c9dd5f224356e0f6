package io.logdoctor.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.Endpoint;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the API server (or the Prometheus Operator) would refuse, or what would silently never work, beyond the
 * types {@link KubernetesModel} checks: a selector that does not select the template, a mount of a volume that
 * is not there, a probe or Service on a port name no container has, an env entry with neither value nor source.
 */
final class WorkloadChecks {

    private WorkloadChecks() {
    }

    /** Every problem across the rendered objects, each naming the object; empty when none. */
    static List<String> problems(List<HasMetadata> objects) {
        List<String> out = new ArrayList<>();
        List<PodTemplateSpec> pods = new ArrayList<>();
        for (HasMetadata o : objects) {
            if (o instanceof Deployment d) {
                workload(o, d.getSpec().getSelector().getMatchLabels(), d.getSpec().getTemplate(), out);
                pods.add(d.getSpec().getTemplate());
            } else if (o instanceof DaemonSet d) {
                workload(o, d.getSpec().getSelector().getMatchLabels(), d.getSpec().getTemplate(), out);
                pods.add(d.getSpec().getTemplate());
            }
        }
        List<Service> services = objects.stream().filter(Service.class::isInstance).map(Service.class::cast).toList();
        for (Service s : services) {
            List<PodTemplateSpec> selected = pods.stream().filter(p -> selects(s.getSpec().getSelector(), p)).toList();
            if (selected.isEmpty()) {
                out.add(id(s) + ": its selector " + s.getSpec().getSelector() + " selects no pod of the chart");
            }
            for (ServicePort port : s.getSpec().getPorts()) {
                IntOrString target = port.getTargetPort();
                if (target != null && target.getStrVal() != null
                        && selected.stream().noneMatch(p -> portNames(p).contains(target.getStrVal()))) {
                    out.add(id(s) + ": targetPort " + target.getStrVal() + " is no container port of the pods it selects");
                }
            }
        }
        for (HasMetadata o : objects) {
            if (o instanceof PodDisruptionBudget pdb
                    && pods.stream().noneMatch(p -> selects(pdb.getSpec().getSelector().getMatchLabels(), p))) {
                out.add(id(o) + ": selects no pod of the chart");
            } else if (o instanceof ServiceMonitor sm) {
                List<Service> scraped = services.stream()
                        .filter(s -> s.getMetadata().getLabels().entrySet().containsAll(sm.getSpec().getSelector().getMatchLabels().entrySet()))
                        .toList();
                if (scraped.isEmpty()) {
                    out.add(id(o) + ": selects no Service of the chart");
                }
                for (Endpoint e : sm.getSpec().getEndpoints()) {
                    for (Service s : scraped) {
                        if (s.getSpec().getPorts().stream().noneMatch(p -> Objects.equals(p.getName(), e.getPort()))) {
                            out.add(id(o) + ": endpoint port " + e.getPort() + " is not a port of " + id(s));
                        }
                    }
                }
            }
        }
        return out;
    }

    private static void workload(HasMetadata o, Map<String, String> selector, PodTemplateSpec template, List<String> out) {
        if (!selects(selector, template)) {
            out.add(id(o) + ": selector " + selector + " does not match its template's labels " + template.getMetadata().getLabels());
        }
        Set<String> volumes = new HashSet<>();
        for (Volume v : template.getSpec().getVolumes()) {
            if (!volumes.add(v.getName())) {
                out.add(id(o) + ": volume " + v.getName() + " is defined twice");
            }
        }
        for (Container c : template.getSpec().getContainers()) {
            String where = id(o) + " container " + c.getName();
            if (c.getName() == null || c.getImage() == null || c.getImage().isBlank()) {
                out.add(where + ": needs a name and an image");
            }
            Set<String> ports = new HashSet<>();
            c.getPorts().stream().map(ContainerPort::getName).filter(Objects::nonNull).forEach(ports::add);
            for (Probe probe : new Probe[] {c.getLivenessProbe(), c.getReadinessProbe(), c.getStartupProbe()}) {
                if (probe != null && probe.getHttpGet() != null && probe.getHttpGet().getPort().getStrVal() != null
                        && !ports.contains(probe.getHttpGet().getPort().getStrVal())) {
                    out.add(where + ": a probe uses port " + probe.getHttpGet().getPort().getStrVal() + ", which it does not declare");
                }
            }
            Set<String> mountPaths = new HashSet<>();
            for (VolumeMount m : c.getVolumeMounts()) {
                if (!volumes.contains(m.getName())) {
                    out.add(where + ": mounts volume " + m.getName() + ", which the pod does not define");
                }
                if (!mountPaths.add(m.getMountPath())) {
                    out.add(where + ": two mounts at " + m.getMountPath());
                }
            }
            Set<String> env = new HashSet<>();
            for (EnvVar e : c.getEnv()) {
                if (!env.add(e.getName())) {
                    out.add(where + ": env " + e.getName() + " is set twice (the last one wins, silently)");
                }
                if ((e.getValue() == null) == (e.getValueFrom() == null)) {
                    out.add(where + ": env " + e.getName() + " needs exactly one of value and valueFrom");
                }
            }
        }
    }

    private static boolean selects(Map<String, String> selector, PodTemplateSpec pod) {
        return selector != null && !selector.isEmpty() && pod.getMetadata().getLabels().entrySet().containsAll(selector.entrySet());
    }

    private static Set<String> portNames(PodTemplateSpec pod) {
        Set<String> names = new HashSet<>();
        pod.getSpec().getContainers().forEach(c -> c.getPorts().forEach(p -> names.add(p.getName())));
        return names;
    }

    private static String id(HasMetadata o) {
        return o.getKind() + " " + o.getMetadata().getName();
    }
}
