/**
 * The notifier: consumes {@code diagnoses} and delivers each state change to Slack and PagerDuty.
 *
 * <p>The tour: {@link io.logdoctor.notifier.Notifier} starts it from a
 * {@link io.logdoctor.notifier.NotifierConfig} (read from a YAML file by {@code ConfigFile}).
 * {@code DiagnosisLoop} polls, asks {@code FiringMemory} what a record means ({@code Transition}: a new
 * firing, a refinement, a repeat, a resolve), asks {@code Router} where it goes, and hands each
 * destination to {@code Retrier}, which posts through {@code HttpPoster} the body that
 * {@code SlackMessage} or {@code PagerDutyEvent} built. The consumer offset is committed only after
 * every destination of the record succeeded or rejected it for good. {@code MemoryRebuilder} restores
 * what was already triggered from the compacted topic itself, so the notifier keeps no local state.
 */
package io.logdoctor.notifier;
