package ferry.requests.entity;

import jakarta.ejb.ApplicationException;

/**
 * A state change the lifecycle does not allow: a bug or a lost race, never the client's fault. */
@ApplicationException(rollback = true) // passed through EJBs as is: retrying cannot help
public class IllegalTransition extends IllegalStateException {
    public IllegalTransition(RequestState from, RequestState to) {
        super("Illegal request state transition " + from + " -> " + to);
    }
}
