/**
 * Platform: what every feature shares and nothing above it. The JAX-RS application, health, the
 * embedded broker and migrations ({@code boundary}); problems, security, Ferry's own threads,
 * and small shared rules ({@code problems}, {@code security}, {@code concurrent}, {@code control}).
 */
package ferry.platform;
