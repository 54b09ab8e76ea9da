/**
 * Results: how a request's result is answered, now or when it completes (CONTRACT.md §5): the
 * answers themselves ({@code ResultAnswers}, streamed bodies), how long an entry point waits
 * ({@code ResultWait}, {@code Preferences}), the URLs handed out, the clients waiting
 * ({@code Waiters}) and the completion events that wake them on every node.
 */
package ferry.requests.results;
