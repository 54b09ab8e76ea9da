package ferry.forwarding.target;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * One attempt, ready to send: everything decided, nothing left to look up but the body's bytes,
 * which are streamed from where they are stored while they are sent.
 *
 * @param bodyLength the stored request body's size, or null if the request has none
 */
public record OutboundRequest(String method, URI url, Map<String, List<String>> headers, String requestId,
                              Long bodyLength, long timeoutMs) {
}
