/**
 * Ferry's own threads: the batch loops behind every group commit ({@code BatchLoop},
 * {@code Batcher}) and the one scheduler of deadlines and time-outs ({@code Deadlines}).
 */
package ferry.platform.concurrent;
