package ferry.platform.control;

import ferry.platform.security.Secrets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager;

/**
 * Who may use the embedded broker (CONTRACT.md §9): Ferry's own account (role
 * {@value #INTERNAL_ROLE}: the resource adapter, every address) and, if configured, one producer
 * account (role {@value #PRODUCER_ROLE}) that may send to {@code ferry.intake} and use addresses
 * outside {@code ferry.*} for its replies. What each role may do per address is in
 * {@code broker.xml} ({@code security-settings}); this class only says who is who. Passwords are
 * compared in constant time.
 */
public final class BrokerAccounts implements ActiveMQSecurityManager {

    public static final String INTERNAL_ROLE = "ferry-internal";
    public static final String PRODUCER_ROLE = "ferry-producer";

    /** An account: its password and its one role. */
    private record Account(String password, String role) {
    }

    private final Map<String, Account> accounts;

    /**
     * @param producer the producer's user name and password, if there is one; it may not take
     *                 the internal user's name
     */
    public BrokerAccounts(String internalUser, String internalPassword, Optional<Map.Entry<String, String>> producer) {
        if (blank(internalUser) || blank(internalPassword)) {
            throw new IllegalArgumentException("the broker's internal account needs a user name and a password"
                    + " (FERRY_BROKER_INTERNAL_USER / FERRY_BROKER_INTERNAL_PASSWORD; start.sh generates them)");
        }
        Account internal = new Account(internalPassword, INTERNAL_ROLE);
        if (producer.isEmpty()) {
            accounts = Map.of(internalUser, internal);
            return;
        }
        String user = producer.get().getKey();
        String password = producer.get().getValue();
        if (blank(user) || blank(password)) {
            throw new IllegalArgumentException("a broker producer account needs both FERRY_BROKER_USER and FERRY_BROKER_PASSWORD");
        }
        if (user.equals(internalUser)) {
            throw new IllegalArgumentException("FERRY_BROKER_USER may not be Ferry's internal broker user");
        }
        accounts = Map.of(internalUser, internal, user, new Account(password, PRODUCER_ROLE));
    }

    @Override
    public boolean validateUser(String user, String password) {
        return account(user, password).isPresent();
    }

    @Override
    public boolean validateUserAndRole(String user, String password, Set<Role> roles, CheckType checkType) {
        Optional<Account> account = account(user, password);
        return account.isPresent() && roles.stream()
                .anyMatch(role -> role.getName().equals(account.get().role()) && checkType.hasRole(role));
    }

    private Optional<Account> account(String user, String password) {
        if (user == null || password == null) {
            return Optional.empty();
        }
        Account account = accounts.get(user);
        // Compared even for an unknown user, so that timing tells no user names apart.
        boolean matches = Secrets.constantTimeEquals(account == null ? "\u0000" + password : account.password(), password);
        return account != null && matches ? Optional.of(account) : Optional.empty();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
