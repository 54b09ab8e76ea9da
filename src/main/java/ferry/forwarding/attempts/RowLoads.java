package ferry.forwarding.attempts;

import jakarta.persistence.EntityManager;
import java.util.List;
import org.hibernate.Session;

/**
 * Loads a batch's rows with one query before they are worked on one by one: {@code em.find}
 * then answers from the persistence context. Row loads, a query each, were about 15% of the
 * claim's and the outcome's CPU (issue 6 profile).
 */
final class RowLoads {

    private RowLoads() {
    }

    static <T> void preload(EntityManager em, Class<T> type, List<String> ids) {
        if (ids.size() > 1) {
            em.unwrap(Session.class).byMultipleIds(type).multiLoad(ids.stream().distinct().sorted().toList());
        }
    }
}
