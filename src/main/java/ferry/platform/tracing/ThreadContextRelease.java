package ferry.platform.tracing;

import io.opentelemetry.context.Context;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import java.io.IOException;

/**
 * Gives each HTTP thread back the trace context it had before a request. Intake and long-polls
 * answer later, from another thread ({@code @Suspended}); WildFly's telemetry (SmallRye
 * OpenTelemetry's JAX-RS filter) then closes the request span's scope on that other thread, so
 * the span stays current on the HTTP thread that started it. Every later request on that thread
 * looked like a request inside a request, whose server span OpenTelemetry suppresses: after the
 * first submission, WildFly exported no more HTTP spans (issue 17). Where the server cleans up
 * itself (Payara), nothing has changed when the chain returns and this does nothing.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class ThreadContextRelease implements Filter {

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Context before = Context.current();
        try {
            chain.doFilter(request, response);
        } finally {
            if (Context.current() != before) {
                // Deliberately not closed: the scope to undo is the server's, already "closed"
                // on another thread; this thread simply carries the earlier context again.
                before.makeCurrent();
            }
        }
    }
}
