package ferry.intake.boundary;

import ferry.intake.control.IntakeMeters;
import ferry.platform.problems.Problem;
import ferry.platform.problems.ProblemDocument;
import ferry.proxies.entity.EntryPoint;
import ferry.requests.results.AcceptedHeaders;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;

/**
 * Every answer below {@code /async/} and {@code /proxy/} carries {@code Ferry-Proxy-Code} and
 * {@code Ferry-Proxy-Message} (CONTRACT.md §3), added here and only here: an answer about an
 * accepted request (it names it in {@code Ferry-Request-Id}) gets the accepted headers; a
 * refusal the code of its problem ({@link IntakeCodes}). Not name-bound to the entry points'
 * methods, because the runtime's own refusals (a method no resource method serves) are intake
 * answers too, and name-bound filters never see them. For the same reason refusals are counted
 * here ({@link IntakeMeters}).
 */
@Provider
public class IntakeProxyCodes implements ContainerResponseFilter {

    static final String CODE = "Ferry-Proxy-Code";

    @Inject
    IntakeMeters meters;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        MultivaluedMap<String, Object> headers = response.getHeaders();
        if (!isIntake(request.getUriInfo().getPath()) || headers.containsKey(CODE)) {
            return;
        }
        if (headers.containsKey("Ferry-Request-Id")) {
            AcceptedHeaders.accepted().forEach(headers::putSingle);
        } else if (response.getEntity() instanceof ProblemDocument document) {
            Problem problem = document.problem();
            meters.refused("http", problem.code());
            headers.putSingle(CODE, IntakeCodes.of(problem));
            headers.putSingle("Ferry-Proxy-Message", problem.title() + ": " + problem.detail());
        } else {
            if (response.getStatus() >= 400) {
                meters.refused("http", "status-" + response.getStatus());
            }
            headers.putSingle(CODE, IntakeCodes.of(null, response.getStatus()));
            headers.putSingle("Ferry-Proxy-Message", "Not accepted.");
        }
    }

    /** Whether the path (relative to the application) is below one of the entry points. */
    static boolean isIntake(String path) {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        for (EntryPoint entry : EntryPoint.values()) {
            if (relative.equals(entry.path()) || relative.startsWith(entry.path() + "/")) {
                return true;
            }
        }
        return false;
    }
}
