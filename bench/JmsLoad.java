import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueRequestor;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.List;
import org.apache.activemq.artemis.api.jms.ActiveMQJMSClient;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * The jms scenario's load (bench/run.sh): THREADS producers, each on its own connection, send
 * COUNT messages in all to ferry.intake (persistent, 1 KiB text bodies, for PROXY); then Ferry's
 * own account asks the broker, every 100 ms, how many are left on the queue, delivered or not
 * (a message is acknowledged once its request is stored). Prints one RESULT line of JSON.
 *
 *   java -cp ... bench/JmsLoad.java <brokerUrl> <user> <password> <internalPassword> <proxy> <count> <threads>
 */
public class JmsLoad {

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int count = Integer.parseInt(args[5]);
        int threads = Integer.parseInt(args[6]);
        String body = "{\"pad\":\"" + "x".repeat(1024 - 10) + "\"}";
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url);
        long t0 = System.nanoTime();
        List<Thread> producers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int share = count / threads + (t < count % threads ? 1 : 0);
            int thread = t;
            Thread producer = new Thread(() -> {
                try (Connection connection = factory.createConnection(args[1], args[2])) {
                    Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                    MessageProducer intake = session.createProducer(session.createQueue("ferry.intake"));
                    for (int i = 0; i < share; i++) {
                        TextMessage message = session.createTextMessage(body);
                        message.setStringProperty("ferryProxyId", args[4]);
                        message.setStringProperty("ferryPath", "jms/" + thread + "/" + i);
                        intake.send(message);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            producer.start();
            producers.add(producer);
        }
        for (Thread producer : producers) {
            producer.join();
        }
        long sentMs = (System.nanoTime() - t0) / 1_000_000;
        long left;
        try (QueueConnection connection = factory.createQueueConnection("ferry-internal", args[3])) {
            connection.start();
            QueueSession session = connection.createQueueSession(false, Session.AUTO_ACKNOWLEDGE);
            QueueRequestor management = new QueueRequestor(session, ActiveMQJMSClient.createQueue("activemq.management"));
            long deadline = System.nanoTime() + 900_000_000_000L;
            do {
                Message ask = session.createMessage();
                JMSManagementHelper.putAttribute(ask, "queue.ferry.intake", "messageCount");
                left = ((Number) JMSManagementHelper.getResult(management.request(ask))).longValue();
                if (left > 0) {
                    Thread.sleep(100);
                }
            } while (left > 0 && System.nanoTime() < deadline);
        }
        long doneMs = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("RESULT {\"messages\":" + count + ",\"producers\":" + threads + ",\"bodyBytes\":" + body.length()
                + ",\"sentMs\":" + sentMs + ",\"sentPerSecond\":" + count * 1000L / Math.max(1, sentMs)
                + ",\"acceptedMs\":" + doneMs + ",\"acceptedPerSecond\":" + count * 1000L / Math.max(1, doneMs)
                + ",\"leftOnQueue\":" + left + "}");
    }
}
