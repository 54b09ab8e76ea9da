/**
 * Proxies: the admin API for proxy definitions, their validation, and the client credentials they accept (stored only as keyed hashes).
 */
package ferry.proxies;
