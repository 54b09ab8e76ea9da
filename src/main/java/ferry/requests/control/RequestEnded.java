package ferry.requests.control;

import ferry.requests.entity.ForwardRequest;
import java.time.Instant;

/**
 * A request has just ended ({@link RequestFinisher}), fired inside the transaction that ends it,
 * so that what must follow an ending (a webhook delivery, a JMS reply) is written in that same
 * transaction and cannot be lost between two. An event rather than a call: those features sit
 * above requests in the layering (docs/architecture.md).
 */
public record RequestEnded(ForwardRequest request, Instant now) {
}
