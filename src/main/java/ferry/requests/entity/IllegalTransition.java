package ferry.requests.entity;

/** A state change the lifecycle does not allow: a bug or a lost race, never the client's fault. */
public class IllegalTransition extends IllegalStateException {
    public IllegalTransition(RequestState from, RequestState to) {
        super("Illegal request state transition " + from + " -> " + to);
    }
}
