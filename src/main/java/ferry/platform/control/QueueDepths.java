package ferry.platform.control;

import java.util.OptionalLong;

/**
 * How many messages of a queue are due now (waiting or in delivery, not scheduled for later),
 * where this node can tell: only a broker in this JVM can be asked.
 */
public interface QueueDepths {

    /** @return the count, or empty if this node cannot tell (an external broker) */
    OptionalLong dueMessages(String queue);
}
