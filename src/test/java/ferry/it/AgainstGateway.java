package ferry.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * What every black-box test class starts from: the shared gateway's API and a stub origin of its
 * own. JUnit runs these before a subclass's own {@code @BeforeAll} and after its {@code @AfterAll}
 * (the names differ from the subclasses', so nothing is hidden).
 */
abstract class AgainstGateway {

    static StubOrigin origin;
    static Api api;

    @BeforeAll
    static void openOrigin() {
        origin = new StubOrigin();
        api = new Api(Gateway.shared().base());
    }

    @AfterAll
    static void closeOrigin() {
        origin.close();
    }
}
