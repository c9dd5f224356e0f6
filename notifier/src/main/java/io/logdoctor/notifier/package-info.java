/**
 * The notifier: consumes {@code diagnoses} and delivers each state change to Slack and PagerDuty.
 *
 * <p>The tour: {@link io.logdoctor.notifier.Notifier} starts it from a
 * {@link io.logdoctor.notifier.NotifierConfig} (read from a YAML file by {@code ConfigFile}).
 * {@code DiagnosisLoop} polls, asks {@code FiringMemory} what a record means ({@code Transition}: a new
 * firing, a refinement, a repeat, a resolve), asks {@code Router} where it goes, and puts a
 * {@code Delivery} on the {@code DestinationQueue} of each destination. Each queue's thread sends in
 * order through {@code Deliverer} and its own {@code Retrier}, which posts through {@code HttpPoster}
 * the body that {@code SlackMessage} or {@code PagerDutyEvent} built; {@code DestinationHealth} says
 * whether it keeps failing. {@code Progress} commits the lowest offset some destination still waits
 * for, with each destination's own progress in the commit's metadata. {@code MemoryRebuilder} restores
 * what was already triggered from the compacted topic itself, so the notifier keeps no local state.
 */
package io.logdoctor.notifier;
