package ferry.proxies.auth;

/**
 * The credential a client presented and the header it came in, so that intake can strip it: a
 * client's own credential is never stored nor forwarded to the target.
 *
 * @param identity who the credential stands for, the same however it is spelled (the key or
 *                 token itself, the Basic user, the JWT's issuer and subject): what per-client
 *                 limits count by
 */
public record ClientCredential(String header, String value, String identity) {
}
