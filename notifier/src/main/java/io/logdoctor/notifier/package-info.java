/**
 * The notifier: consumes {@code diagnoses} and delivers each state change to the routed destinations.
 *
 * <p>The tour: {@link io.logdoctor.notifier.Notifier} starts it from a
 * {@link io.logdoctor.notifier.NotifierConfig} (read from a YAML file by {@code ConfigFile}).
 * {@code DiagnosisLoop} polls, asks {@code FiringMemory} what a record means ({@code Transition}: a new
 * firing, a refinement, a repeat, a resolve), asks {@code Router} where it goes, and puts a
 * {@code Delivery} on the {@code DestinationQueue} of each destination. Each queue's thread sends in
 * order through {@code Deliverer} and its own {@code Retrier}, which posts through {@code HttpPoster}
 * the {@code Request} that the destination built from an {@code Alert} (the view of a diagnosis every
 * destination reads); {@code DestinationHealth} says whether it keeps failing. Each kind of
 * {@link io.logdoctor.notifier.Destination} is one file ({@code SlackWebhook} with {@code SlackMessage},
 * {@code PagerDuty} with {@code PagerDutyEvent}, {@code Alertmanager}, {@code Webhook}, {@code Teams},
 * {@code Opsgenie}, {@code SlackBot} with {@code SlackMessageStore}) registered in {@code DestinationKinds},
 * which the routes file's parser dispatches through ({@code DestinationConfig}). {@code Progress} commits
 * the lowest offset some destination still waits for, with each destination's own progress in the
 * commit's metadata. {@code MemoryRebuilder} restores what was already triggered from the compacted
 * topic itself, so the notifier keeps no local state.
 */
package io.logdoctor.notifier;
