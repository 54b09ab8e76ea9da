/**
 * Platform: what every feature shares: the JAX-RS application, RFC 9457 problems, admin authentication, the data directory, the embedded broker, database migrations and readiness.
 */
package ferry.platform;
