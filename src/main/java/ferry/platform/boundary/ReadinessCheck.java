package ferry.platform.boundary;

import ferry.platform.control.Destinations;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import java.sql.Connection;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** {@code /health/ready}: the database answers a query and the broker accepts a connection. */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {

    @Resource(lookup = "jdbc/ferry")
    DataSource dataSource;

    @Resource(lookup = "jms/ferry")
    ConnectionFactory connectionFactory;

    @Inject
    EmbeddedBroker broker;

    @Override
    public HealthCheckResponse call() {
        boolean database = databaseAnswers();
        boolean messaging = brokerAnswers();
        return HealthCheckResponse.named("ferry")
                .status(database && messaging)
                .withData("database", database)
                .withData("broker", messaging)
                .build();
    }

    private boolean databaseAnswers() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(2);
        } catch (Exception e) {
            return false;
        }
    }

    private boolean brokerAnswers() {
        if (broker.isEmbedded() && (broker.server() == null || !broker.server().isActive())) {
            return false;
        }
        try (JMSContext context = connectionFactory.createContext()) {
            context.createQueue(Destinations.FORWARD);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
