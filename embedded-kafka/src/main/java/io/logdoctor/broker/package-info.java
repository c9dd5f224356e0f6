/**
 * A real Kafka broker in this JVM, for {@code logdoctor broker}, {@code logdoctor demo} and tests.
 *
 * <p>{@link io.logdoctor.broker.EmbeddedKafka} is the whole public surface. Inside: {@code Ports}
 * picks the client and controller ports before start, {@code BrokerConfig} writes the single-node
 * settings, {@code DataDir} formats a log dir once and deletes temp dirs, and {@code ExitGuard}
 * stops a fatal broker fault from halting the JVM.
 */
package io.logdoctor.broker;
