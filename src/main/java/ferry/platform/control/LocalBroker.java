package ferry.platform.control;

import java.util.OptionalInt;

/**
 * The broker in this JVM, where there is one (the embedded default): whether it runs, and what
 * consumers its queues have. An external broker cannot be asked; then every answer is "cannot tell".
 */
public interface LocalBroker {

    /** Whether this node embeds the broker. */
    boolean isEmbedded();

    /** Whether the embedded broker is up and active (false if none is embedded). */
    boolean isActive();

    /** Consumers attached to {@code queue}; empty if unknown. */
    OptionalInt consumers(String queue);
}
