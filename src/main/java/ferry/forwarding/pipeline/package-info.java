/**
 * The forwarding pipeline: the listener hands an id to the {@code Forwarder}, which admits up to
 * {@code ferry.forwarding.in-flight} requests ({@code ForwardPipeline}), batches their claims and
 * outcomes into shared transactions ({@code AttemptBatches}), sends on sender threads, and
 * retries the record step ({@code DurableOutcome}).
 */
package ferry.forwarding.pipeline;
