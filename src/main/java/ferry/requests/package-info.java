/**
 * Requests: the lifecycle core every entry feature builds on. The states and attempts of an
 * accepted request ({@code entity}), how it is queued for forwarding ({@code dispatch}), how it
 * ends, who may see it, and how its status and result are answered, now or when it completes
 * ({@code control}). It depends on proxies and platform only; features above it reach it by
 * calls, and it reaches them only through interfaces it defines ({@code LocalHandOff}) or CDI
 * events.
 */
package ferry.requests;
