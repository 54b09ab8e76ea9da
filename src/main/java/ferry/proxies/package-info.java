/**
 * Proxies: the configuration layer every request belongs to. The admin API and its use cases
 * ({@code boundary}, {@code control}: definitions, typed settings, validation, the cache every
 * hot path reads), and client authentication ({@code auth}). Below requests: what proxies must
 * set off above them (a forced delete, a resume) goes out as CDI events.
 */
package ferry.proxies;
