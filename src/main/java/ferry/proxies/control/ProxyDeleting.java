package ferry.proxies.control;

/**
 * A proxy is about to be deleted, in the deleting transaction. The request lifecycle observes
 * it: it refuses ({@code 409}) while the proxy has unfinished requests, unless {@code force},
 * which cancels them in the same transaction. An event rather than a call, because proxies sit
 * below requests in the layering (docs/architecture.md).
 *
 * @param retentionSeconds how long the canceled requests' results are kept
 */
public record ProxyDeleting(String proxyId, boolean force, long retentionSeconds) {
}
