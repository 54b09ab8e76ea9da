/**
 * Tracing across the asynchronous hop, with the OpenTelemetry API and the server's own
 * MicroProfile Telemetry SDK (off unless an OTLP endpoint is configured:
 * {@link ferry.platform.tracing.TracingSwitch}). The intake span's context is stored with the
 * request ({@link ferry.platform.tracing.TraceContext}), so that attempts made later, on another
 * thread or node, join its trace ({@link ferry.platform.tracing.Tracing}).
 */
package ferry.platform.tracing;
