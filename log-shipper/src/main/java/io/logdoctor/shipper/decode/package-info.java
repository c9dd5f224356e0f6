/**
 * One line of a container log into an entry: the format (CRI, docker json, {@code kubectl logs}) found by the
 * first line, partial lines joined, stack traces joined, and the exact state to resume from.
 *
 * <ul>
 *   <li>{@code LineAssembler}: format detection, partial lines, exact resume state ({@code ResumeState}, saved
 *       in a {@code FileCheckpoint}); it hands {@code ParseResult}s to its {@code Output}.</li>
 *   <li>{@code CriParser} ({@code CriLine}) / {@code DockerJsonParser} / {@code KubectlLogsParser}: one line
 *       each; {@code PartialLine}: one stream's open partial line; {@code MultilineJoiner}: stack traces.</li>
 *   <li>{@code KlogPodRef}: the {@code pod="ns/name"} reference of a klog line (journal, EKS control plane).</li>
 * </ul>
 * The live path ({@code io.logdoctor.shipper.files.PodLogFollower}) and the offline one
 * ({@code io.logdoctor.shipper.LineDecoder}, used by {@code logdoctor match}) both decode through here.
 */
package io.logdoctor.shipper.decode;
