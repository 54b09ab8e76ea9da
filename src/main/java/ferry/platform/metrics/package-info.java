/**
 * The application's own metrics registry and what {@code /metrics} serves (CONTRACT.md §1):
 * {@link ferry.platform.metrics.Meters} owns one Micrometer Prometheus registry for the WAR,
 * so the endpoint is the same on every server; each feature records its own meters into it and,
 * for readings taken from the database, refreshes them just before a scrape
 * ({@link ferry.platform.metrics.ScrapeRefresh}). Labels are bounded: a proxy id and small
 * enums, never a path, a request id or a header value ({@link ferry.platform.metrics.Labels}).
 */
package ferry.platform.metrics;
