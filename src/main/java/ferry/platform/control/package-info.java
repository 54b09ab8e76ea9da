/**
 * The rest of what every feature shares: the data directory, JSON, hop-by-hop header rules, the
 * broker's destination names and what a local broker can tell, persistence helpers
 * ({@code SkipLocked}, {@code OptimisticConflict}), and the health report.
 */
package ferry.platform.control;
