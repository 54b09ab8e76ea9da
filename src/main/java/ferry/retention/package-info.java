/**
 * Retention: finished requests are kept for their proxy's retentionSeconds, then an EJB timer
 * purges them (with their attempts and bodies) in bounded batches.
 */
package ferry.retention;
