package ferry.platform.boundary;

import ferry.platform.problems.Problem;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.transaction.TransactionalException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Anything else: unreadable JSON is the client's fault (400); a transaction that could not commit
 * and any failure of the database mean storage is unavailable (503 + Retry-After, nothing
 * accepted); the rest, checked exceptions and errors
 * included, is logged and answered 500: no answer of the WAR goes out without a problem body.
 */
@Provider
public class UnexpectedErrorMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedErrorMapper.class.getName());

    @Override
    public Response toResponse(Throwable e) {
        Throwable cause = e;
        while (cause != null) {
            if (cause instanceof Problem problem) {
                return ProblemMapper.render(problem);
            }
            if (cause instanceof JsonbException || cause instanceof JsonException || cause instanceof ProcessingException) {
                return ProblemMapper.render(Problem.badRequest("The body is not valid JSON for this resource."));
            }
            if (cause instanceof TransactionalException || cause instanceof java.sql.SQLException
                    || cause instanceof jakarta.persistence.PersistenceException) {
                // The database is away (an outage, a fail-over) or refused the change: nothing
                // was stored, and trying again later is the right thing for the client to do.
                LOG.log(Level.WARNING, "Transaction failed", e);
                return ProblemMapper.render(Problem.unavailable("Storage is unavailable; nothing was accepted. Try again."));
            }
            cause = cause.getCause();
        }
        LOG.log(Level.SEVERE, "Unexpected error", e);
        return ProblemMapper.render(new Problem(500, "internal-error", "Internal error",
                "The gateway failed to handle the request."));
    }
}
