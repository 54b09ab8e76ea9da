package ferry.platform.problems;

import jakarta.ejb.ApplicationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A domain error with everything an RFC 9457 problem document needs. Thrown from controls and
 * boundaries alike; {@code ProblemMapper} turns it into {@code application/problem+json}.
 * Plain Java (not a JAX-RS exception), so controls and their unit tests need no JAX-RS runtime.
 * The answer carries it as its entity ({@link ProblemDocument}), so that response filters
 * (intake's {@code Ferry-Proxy-Code}) can read its code; {@code ProblemJsonWriter} writes it.
 */
@ApplicationException(rollback = true) // through an EJB as itself (no system-exception log), rolling back
public class Problem extends RuntimeException {

    private final int status;
    private final String code;
    private final String title;
    private final List<String> errors;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public Problem(int status, String code, String title, String detail) {
        this(status, code, title, detail, List.of());
    }

    public Problem(int status, String code, String title, String detail, List<String> errors) {
        super(detail, null, false, false); // an answer to a client, not a failure: no stack trace
        this.status = status;
        this.code = code;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public Problem withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public int status() { return status; }
    public String code() { return code; }
    public String title() { return title; }
    public String detail() { return getMessage(); }
    public List<String> errors() { return errors; }
    public Map<String, String> headers() { return headers; }

    public static Problem badRequest(String detail) {
        return new Problem(400, "bad-request", "Bad request", detail);
    }

    public static Problem invalid(List<String> errors) {
        return new Problem(400, "invalid-proxy", "Invalid proxy", String.join("; ", errors), errors);
    }

    public static Problem authMissing(String challenge) {
        return new Problem(401, "auth-missing", "Credentials missing", "This endpoint needs credentials.")
                .withHeader("WWW-Authenticate", challenge);
    }

    public static Problem authInvalid() {
        return new Problem(401, "auth-invalid", "Credentials invalid", "The credentials presented are not valid here.");
    }

    public static Problem notFound(String code, String detail) {
        return new Problem(404, code, "Not found", detail);
    }

    public static Problem conflict(String code, String detail) {
        return new Problem(409, code, "Conflict", detail);
    }

    public static Problem unavailable(String detail) {
        return new Problem(503, "unavailable", "Service unavailable", detail).withHeader("Retry-After", "5");
    }
}
