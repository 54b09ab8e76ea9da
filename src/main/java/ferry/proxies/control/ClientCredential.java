package ferry.proxies.control;

/**
 * The credential a client presented and the header it came in, so that intake can strip it: a
 * client's own credential is never stored nor forwarded to the target.
 */
public record ClientCredential(String header, String value) {
}
