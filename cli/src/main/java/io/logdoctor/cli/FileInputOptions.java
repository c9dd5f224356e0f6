package io.logdoctor.cli;

import io.logdoctor.records.LogRecord;
import io.logdoctor.shipper.LogFileReader;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * How the offline commands read log files: the format, and whose lines they are. A file saved with
 * {@code kubectl logs -n kube-system aws-node-x -c aws-node > f} is diagnosed like that pod's log with
 * {@code --format kubectl --namespace kube-system --pod aws-node-x --container aws-node}; without the
 * flags a kubelet path ({@code <ns>_<pod>_<uid>/<container>/0.log}) says it, else the file name stands
 * for a pod in namespace "-", which signatures scoped to a namespace do not fire on.
 */
final class FileInputOptions {

    @Option(names = "--format", defaultValue = "raw", paramLabel = "FORMAT",
            description = "File format: raw, cri, docker, kubectl (`kubectl logs` output, with or without --timestamps) "
                    + "or cloudwatch (a CloudWatch Logs subscription payload) (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--source", paramLabel = "KIND", description = "Whose logs: k8s or lambda (default: k8s).")
    String source;

    @Option(names = "--namespace", paramLabel = "NS", description = "The pod's namespace (default: from the kubelet path, else \"-\").")
    String namespace;

    @Option(names = "--pod", paramLabel = "POD", description = "The pod (default: from the kubelet path, else the file's name).")
    String pod;

    @Option(names = "--container", paramLabel = "NAME", description = "The container (default: from the kubelet path, else \"-\").")
    String container;

    @Option(names = "--node", paramLabel = "NODE", description = "The node the pod ran on (default: none).")
    String node;

    @Option(names = "--function", paramLabel = "NAME", description = "With --source lambda: the function (default: the file's name).")
    String function;

    /** Fails on a bad format or source before any file is read. */
    void check() {
        if (!LogFileReader.FORMATS.contains(format)) {
            throw new IllegalArgumentException("unknown --format '" + format + "'; use " + String.join(", ", LogFileReader.FORMATS));
        }
        scope();
    }

    /** Hands every record of {@code file} to {@code sink}. */
    void read(Path file, Consumer<LogRecord> sink) throws IOException {
        LogFileReader.read(file, format, scope(), sink);
    }

    private LogFileReader.Scope scope() {
        return new LogFileReader.Scope(source, namespace, pod, container, node, function);
    }
}
