import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * A JMS producer for Ferry (CONTRACT.md §9), as one file: sends one request to a proxy through
 * the queue ferry.intake and waits for its outcome on a temporary queue.
 *
 *   java -cp "$(cat target/jms-classpath.txt)" docs/jms/SendRequest.java <proxyId> <path> [body]
 *
 * The broker account is FERRY_BROKER_USER / FERRY_BROKER_PASSWORD (the ones the gateway was
 * started with); the broker is 127.0.0.1:61616 unless FERRY_BROKER_URL says otherwise.
 */
public class SendRequest {

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: SendRequest <proxyId> <path> [body]");
            System.exit(2);
        }
        String url = System.getenv().getOrDefault("FERRY_BROKER_URL", "tcp://127.0.0.1:61616");
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url);
        try (Connection connection = factory.createConnection(System.getenv("FERRY_BROKER_USER"),
                System.getenv("FERRY_BROKER_PASSWORD"))) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TemporaryQueue replies = session.createTemporaryQueue();

            TextMessage request = session.createTextMessage(args.length > 2 ? args[2] : "{}");
            request.setStringProperty("ferryProxyId", args[0]);
            request.setStringProperty("ferryPath", args[1]);                  // may carry ?query
            request.setStringProperty("ferryMethod", "POST");                  // the default
            request.setStringProperty("ferryHeaders", "{\"Content-Type\":\"application/json\"}");
            request.setStringProperty("ferryIdempotencyKey", UUID.randomUUID().toString());
            request.setJMSCorrelationID("example-" + UUID.randomUUID());
            request.setJMSReplyTo(replies);
            try (MessageProducer intake = session.createProducer(session.createQueue("ferry.intake"))) {
                intake.send(request);
            }
            System.out.println("sent, correlation id " + request.getJMSCorrelationID());

            Message reply = session.createConsumer(replies).receive(60_000);
            if (reply == null) {
                System.out.println("no outcome within 60 s (the request goes on; ask GET /requests/{id})");
                return;
            }
            System.out.println("correlation id " + reply.getJMSCorrelationID());
            System.out.println("request " + reply.getStringProperty("ferryRequestId")
                    + " " + reply.getStringProperty("ferryStatus")
                    + ", target answered " + reply.getObjectProperty("ferryResponseStatus"));
            if (reply.getStringProperty("ferryError") != null) {
                System.out.println("error: " + reply.getStringProperty("ferryError"));
            }
            byte[] body = reply.getBody(byte[].class);
            System.out.println(body == null ? "(no body)" : new String(body, StandardCharsets.UTF_8));
        }
    }
}
