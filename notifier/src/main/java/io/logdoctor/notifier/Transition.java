package io.logdoctor.notifier;

/** What a diagnosis record means for the people it is routed to, given what was already sent. */
enum Transition {
    /** Firing and not firing before: page and post. */
    FIRE,
    /** Still firing, now explained by a more specific signature: post an update, re-trigger (PagerDuty folds it into the open alert). */
    REFINE,
    /** Still firing, nothing new for a human (a repeat-interval update, or the same record read again): send nothing. */
    REPEAT,
    /** Resolved after firing: resolve the page, post the resolve. */
    RESOLVE,
    /**
     * Resolved, but no firing was sent for it (it fired before this group first read the topic, or
     * it was already resolved): resolve on PagerDuty, which is idempotent, and post nothing.
     */
    RESOLVE_UNSEEN,
    /** A tombstone or a record of an unknown status: nothing to send. */
    NONE
}
