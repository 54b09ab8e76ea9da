package ferry.forwarding.target;

import java.net.URI;
import java.util.List;
import java.util.Map;

/** One attempt, ready to send: everything decided, nothing left to look up. */
public record OutboundRequest(String method, URI url, Map<String, List<String>> headers, byte[] body,
                              long timeoutMs) {
}
