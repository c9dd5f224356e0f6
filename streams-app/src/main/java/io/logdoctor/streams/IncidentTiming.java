package io.logdoctor.streams;

import io.logdoctor.records.Labels;

import java.time.Duration;
import java.util.List;

/**
 * When incidents go out, as Alertmanager's route settings of the same names, and how diagnoses are
 * grouped when a signature has no {@code group_by} of its own.
 *
 * @param groupWait     a new incident waits this long for more members before it first goes out
 * @param groupInterval after that, members joining or leaving go out at most this often
 * @param repeatInterval an incident that keeps firing unchanged goes out again this often
 * @param groupBy       the global group_by
 */
public record IncidentTiming(Duration groupWait, Duration groupInterval, Duration repeatInterval, List<String> groupBy) {

    /** Alertmanager's defaults (30 s, 5 m, 4 h); grouped by cluster, namespace and owner workload, or Lambda function. */
    public static final IncidentTiming DEFAULTS = new IncidentTiming(Duration.ofSeconds(30), Duration.ofMinutes(5),
            Duration.ofHours(4), List.of("cluster", "namespace", "workload", "function"));

    public IncidentTiming {
        groupBy = List.copyOf(groupBy);
        for (String label : groupBy) {
            if (!Labels.SCOPE.contains(label)) {
                throw new IllegalArgumentException("group-by: unknown label '" + label + "'; labels are "
                        + Labels.SCOPE.stream().sorted().toList());
            }
        }
        if (groupWait.isNegative() || groupInterval.isNegative() || repeatInterval.isNegative()) {
            throw new IllegalArgumentException("group wait, group interval and repeat interval must not be negative; were "
                    + groupWait + ", " + groupInterval + ", " + repeatInterval);
        }
    }
}
