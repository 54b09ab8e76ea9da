/**
 * Client authentication of a proxy (CONTRACT.md §2 {@code clientAuth}): what is stored (keyed
 * hashes, PBKDF2 hashes, sealed JWT secrets, public keys; never a secret in the clear) and how a
 * presented credential is checked against it (API key, bearer, Basic, JWT).
 */
package ferry.proxies.auth;
