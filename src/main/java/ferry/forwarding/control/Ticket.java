package ferry.forwarding.control;

import java.time.Instant;

/** A claimed attempt: who owns it, which number it is, and what to send. */
public record Ticket(String requestId, String proxyId, String owner, int attemptNumber, Instant notBefore,
                     Instant deadline, RetryPolicy policy, long retentionSeconds, OutboundRequest outbound) {
}
