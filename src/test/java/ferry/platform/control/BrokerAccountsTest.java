package ferry.platform.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.junit.jupiter.api.Test;

class BrokerAccountsTest {

    private final BrokerAccounts accounts = new BrokerAccounts("ferry-internal", "inner-secret",
            Optional.of(Map.entry("orders-app", "producer-secret")));

    /** Roles as broker.xml gives them: name, send, consume, create/delete durable, create/delete non-durable, manage, browse. */
    private static Role role(String name, boolean send, boolean consume) {
        return new Role(name, send, consume, consume, consume, consume, consume, consume, consume);
    }

    /** ferry.forward, ferry.events, ferry.intake.dlq: Ferry's own. */
    private static final Set<Role> INTERNAL_ONLY = Set.of(role(BrokerAccounts.INTERNAL_ROLE, true, true));

    /** ferry.intake: producers may send, nothing more. */
    private static final Set<Role> INTAKE = Set.of(role(BrokerAccounts.INTERNAL_ROLE, true, true),
            role(BrokerAccounts.PRODUCER_ROLE, true, false));

    @Test
    void eachAccountGetsInWithItsOwnPasswordOnly() {
        assertTrue(accounts.validateUser("ferry-internal", "inner-secret"));
        assertTrue(accounts.validateUser("orders-app", "producer-secret"));
        assertFalse(accounts.validateUser("ferry-internal", "producer-secret"));
        assertFalse(accounts.validateUser("orders-app", "inner-secret"));
        assertFalse(accounts.validateUser("orders-app", null));
        assertFalse(accounts.validateUser(null, "producer-secret"));
        assertFalse(accounts.validateUser("someone", "producer-secret"));
    }

    @Test
    void theProducerMaySendToIntakeAndNothingElseOfFerrys() {
        assertTrue(accounts.validateUserAndRole("orders-app", "producer-secret", INTAKE, CheckType.SEND));
        assertFalse(accounts.validateUserAndRole("orders-app", "producer-secret", INTAKE, CheckType.CONSUME));
        assertFalse(accounts.validateUserAndRole("orders-app", "producer-secret", INTERNAL_ONLY, CheckType.SEND));
        assertFalse(accounts.validateUserAndRole("orders-app", "producer-secret", INTERNAL_ONLY, CheckType.CONSUME));
        assertFalse(accounts.validateUserAndRole("orders-app", "wrong", INTAKE, CheckType.SEND));
    }

    @Test
    void ferrysOwnAccountMayDoWhatItsRoleAllows() {
        assertTrue(accounts.validateUserAndRole("ferry-internal", "inner-secret", INTERNAL_ONLY, CheckType.CONSUME));
        assertTrue(accounts.validateUserAndRole("ferry-internal", "inner-secret", INTAKE, CheckType.CONSUME));
        assertFalse(accounts.validateUserAndRole("ferry-internal", "inner-secret",
                Set.of(role(BrokerAccounts.PRODUCER_ROLE, true, true)), CheckType.SEND));
    }

    @Test
    void withoutAProducerAccountOnlyFerryGetsIn() {
        BrokerAccounts internalOnly = new BrokerAccounts("ferry-internal", "inner-secret", Optional.empty());
        assertTrue(internalOnly.validateUser("ferry-internal", "inner-secret"));
        assertFalse(internalOnly.validateUser("orders-app", "producer-secret"));
    }

    @Test
    void incompleteOrClashingAccountsAreRefusedAtStart() {
        assertThrows(IllegalArgumentException.class, () -> new BrokerAccounts("ferry-internal", null, Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> new BrokerAccounts("ferry-internal", " ", Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> new BrokerAccounts("ferry-internal", "inner-secret",
                Optional.of(Map.entry("ferry-internal", "other"))));
        assertThrows(IllegalArgumentException.class, () -> new BrokerAccounts("ferry-internal", "inner-secret",
                Optional.of(Map.entry("orders-app", ""))));
    }
}
