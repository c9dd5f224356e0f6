package io.logdoctor.notifier;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logdoctor.records.Diagnosis;

/**
 * The request bodies the notifier would send for a diagnosis read fresh (firing: a new page;
 * resolved: its resolve), for a dry run that shows a team what its Slack channel and PagerDuty will get.
 */
public final class Preview {

    private Preview() {
    }

    /** The Slack incoming-webhook body (Block Kit). */
    public static ObjectNode slack(Diagnosis d) {
        return SlackMessage.build(d, transition(d));
    }

    /** The PagerDuty Events API v2 body, with {@code routingKey}. */
    public static ObjectNode pagerDuty(Diagnosis d, String routingKey) {
        return PagerDutyEvent.build(d, transition(d), routingKey);
    }

    private static Transition transition(Diagnosis d) {
        return Diagnosis.RESOLVED.equals(d.status()) ? Transition.RESOLVE : Transition.FIRE;
    }
}
