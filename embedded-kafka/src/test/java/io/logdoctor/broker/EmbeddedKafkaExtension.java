package io.logdoctor.broker;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts one {@link EmbeddedKafka} per test JVM and injects it into test constructors, test methods
 * and lifecycle methods: {@code @ExtendWith(EmbeddedKafkaExtension.class)}.
 *
 * <p>The first test class pays the start (about 2.5 s cold), every later one gets the running broker.
 * The broker lives in the root store, which closes {@link AutoCloseable} values when the whole run
 * ends. Since the broker is shared, each test should use its own topic and group names.
 */
public final class EmbeddedKafkaExtension implements BeforeAllCallback, ParameterResolver {

    private static final Namespace NAMESPACE = Namespace.create(EmbeddedKafkaExtension.class);

    /** Starts the shared broker before the first test class that uses it. */
    @Override
    public void beforeAll(ExtensionContext context) {
        broker(context);
    }

    /** Resolves parameters of type {@link EmbeddedKafka}. */
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == EmbeddedKafka.class;
    }

    /** Returns the shared broker, starting it first if a constructor asks before beforeAll ran. */
    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return broker(context);
    }

    private static EmbeddedKafka broker(ExtensionContext context) {
        // The root store is shared by every test class of the run; getOrComputeIfAbsent is atomic,
        // so parallel classes still start exactly one broker.
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(
                EmbeddedKafka.class, key -> EmbeddedKafka.start(EmbeddedKafka.Options.defaults()), EmbeddedKafka.class);
    }
}
