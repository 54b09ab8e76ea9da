/**
 * What keeps Ferry's own secrets and its egress safe: the admin token, keyed hashes and sealed
 * secrets ({@code Secrets}, {@code SecretBox}), and the egress guard that refuses private
 * targets and pins each connection to the address it checked.
 */
package ferry.platform.security;
