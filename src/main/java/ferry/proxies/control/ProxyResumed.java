package ferry.proxies.control;

/**
 * A paused proxy was resumed; fired after that has committed, outside any transaction. Dispatch
 * observes it and queues the requests that waited, in batches of their own.
 */
public record ProxyResumed(String proxyId) {
}
