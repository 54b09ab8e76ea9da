package ferry.forwarding.attempts;

import ferry.forwarding.retry.RetryPolicy;
import ferry.forwarding.target.OutboundRequest;
import java.time.Instant;

/** A claimed attempt: who owns it, which number it is, and what to send. */
public record Ticket(String requestId, String proxyId, String owner, int attemptNumber, Instant notBefore,
                     Instant deadline, RetryPolicy policy, long retentionSeconds, OutboundRequest outbound) {
}
