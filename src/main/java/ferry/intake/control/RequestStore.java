package ferry.intake.control;

import ferry.requests.bodies.BodyKind;
import ferry.requests.bodies.Bodies;
import ferry.requests.entity.ForwardRequest;
import jakarta.inject.Inject;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/**
 * Makes accepted requests durable (DESIGN.md invariant 2, second form: "the row commits and a
 * sweep guarantees the message"): a group's rows in one database transaction; once it has
 * committed the requests exist and their clients may have their {@code 202}, and dispatch queues
 * them. If the gateway dies before their messages are sent, or the broker refuses, the rows are
 * waiting and the recovery sweep queues them. Coupling rows and messages in one XA transaction
 * cost four broker round trips and a two-phase commit per group, most of intake's time in the
 * issue 6 measurements.
 */
@Stateless
public class RequestStore {

    @PersistenceContext(unitName = "ferry")
    EntityManager em;

    @Inject
    Bodies bodies;

    /** One transaction for the whole group (joining the caller's, if any): all rows and bodies or none. */
    public void storeAll(List<ForwardRequest> requests) {
        for (ForwardRequest request : requests) {
            em.persist(request);
        }
        em.flush(); // the rows first: a chunk's request must exist (and inserts are batched by table)
        for (ForwardRequest request : requests) {
            bodies.write(em, request.getId(), BodyKind.REQUEST, request.getAcceptedBody());
        }
        em.flush();
    }
}
