package ferry.requests.dispatch;

/**
 * This node's forwarder, as far as dispatch needs it: a request whose caller is waiting here can
 * be handed straight to it, without a queue message (the broker round trip would add to a
 * sync-mode answer's latency). Implemented by forwarding, which sits above requests: this
 * interface keeps the dependency one way.
 */
public interface LocalHandOff {

    /** @return false if the forwarder has no room, or the proxy's limits no permit, now (queue the request instead) */
    boolean tryTake(String requestId, String proxyId);
}
