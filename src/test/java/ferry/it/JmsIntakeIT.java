package ferry.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * JMS intake end to end (CONTRACT.md §9), as an enterprise producer sees it with a plain Jakarta
 * Messaging client (Artemis's own): messages become requests like HTTP ones, replies come back
 * correlated, bad messages reach {@code ferry.intake.dlq} with {@code ferryError} and forward
 * nothing, and the broker lets in only the accounts it should, each only where it should.
 */
class JmsIntakeIT extends AgainstGateway {

    private static final Duration SOON = Duration.ofSeconds(30);
    private static Connection producer;

    @BeforeAll
    static void proxiesAndConnection() throws JMSException {
        api.createProxy("""
                {"id":"jms-orders","targetUrl":"%s/orders","mode":"async",
                 "clientAuth":{"type":"bearer","tokens":["jms-orders-token"]}}""".formatted(origin.url()));
        api.createProxy("""
                {"id":"jms-sync-only","targetUrl":"%s/sync","mode":"sync",
                 "clientAuth":{"type":"bearer","tokens":["jms-sync-token"]}}""".formatted(origin.url()));
        producer = connect(Gateway.JMS_USER, Gateway.JMS_PASSWORD);
    }

    @AfterAll
    static void close() throws JMSException {
        producer.close();
    }

    private static Connection connect(String user, String password) throws JMSException {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + Gateway.shared().brokerPort());
        Connection connection = factory.createConnection(user, password);
        connection.start();
        return connection;
    }

    @Test
    void aMessageIsForwardedLikeAnHttpRequestAndItsOutcomeComesBackCorrelated() throws Exception {
        origin.script("/orders/new", new StubOrigin.Answer(201, Map.of("Content-Type", "application/json"),
                "{\"order\":42}".getBytes(StandardCharsets.UTF_8), Duration.ZERO));
        try (Session session = producer.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            TemporaryQueue replies = session.createTemporaryQueue();
            TextMessage message = session.createTextMessage("{\"item\":\"tea\"}");
            message.setStringProperty("ferryProxyId", "jms-orders");
            message.setStringProperty("ferryPath", "/new?priority=high");
            message.setStringProperty("ferryMethod", "PUT");
            message.setStringProperty("ferryHeaders", "{\"Content-Type\":\"application/json\",\"X-Tags\":[\"a\",\"b\"]}");
            message.setJMSCorrelationID("order-42");
            message.setJMSReplyTo(replies);
            send(session, message);

            Message reply = session.createConsumer(replies).receive(SOON.toMillis());
            assertNotNull(reply, "no reply within 30 s");
            assertEquals("order-42", reply.getJMSCorrelationID());
            assertEquals("completed", reply.getStringProperty("ferryStatus"));
            assertEquals(201, reply.getIntProperty("ferryResponseStatus"));
            assertEquals("{\"order\":42}", new String(reply.getBody(byte[].class), StandardCharsets.UTF_8));
            String requestId = reply.getStringProperty("ferryRequestId");

            StubOrigin.Received sent = origin.receivedAt("/orders/new").get(0);
            assertEquals("PUT", sent.method());
            assertEquals("/orders/new?priority=high", sent.pathAndQuery());
            assertEquals("{\"item\":\"tea\"}", new String(sent.body(), StandardCharsets.UTF_8));
            assertEquals("application/json", sent.header("content-type"));
            assertEquals(List.of("a", "b"), sent.headers().get("x-tags").stream()
                    .flatMap(v -> java.util.Arrays.stream(v.split(",\\s*"))).toList());
            assertNull(sent.header("ferryproxyid"), "message properties are not headers");

            // The request is an ordinary one: its status by id, for the proxy's credential.
            JsonObject status = Api.object(api.status(requestId, "Bearer jms-orders-token").body());
            assertEquals("completed", status.getString("status"));
        }
    }

    @Test
    void withoutACorrelationIdTheReplyCarriesTheMessageIdAndABytesBodyIsForwardedByteForByte() throws Exception {
        byte[] bytes = new byte[] {0, 1, 2, (byte) 0xff, 10, 13};
        try (Session session = producer.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            TemporaryQueue replies = session.createTemporaryQueue();
            BytesMessage message = session.createBytesMessage();
            message.writeBytes(bytes);
            message.setStringProperty("ferryProxyId", "jms-orders");
            message.setStringProperty("ferryPath", "binary");
            message.setJMSReplyTo(replies);
            send(session, message);
            Message reply = session.createConsumer(replies).receive(SOON.toMillis());
            assertNotNull(reply, "no reply within 30 s");
            assertEquals(message.getJMSMessageID(), reply.getJMSCorrelationID());
            assertEquals("POST", origin.receivedAt("/orders/binary").get(0).method(), "POST by default");
            assertArrayEquals(bytes, origin.receivedAt("/orders/binary").get(0).body());
        }
    }

    @Test
    void aFailedRequestIsRepliedAsFailed() throws Exception {
        origin.script("/orders/refused", StubOrigin.Answer.of(422, "{\"error\":\"no\"}"));
        try (Session session = producer.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            TemporaryQueue replies = session.createTemporaryQueue();
            TextMessage message = intakeMessage(session, "jms-orders", "refused", "{}");
            message.setJMSReplyTo(replies);
            send(session, message);
            Message reply = session.createConsumer(replies).receive(SOON.toMillis());
            assertNotNull(reply, "no reply within 30 s");
            assertEquals("failed", reply.getStringProperty("ferryStatus"));
            assertEquals(422, reply.getIntProperty("ferryResponseStatus"));
            assertTrue(reply.getStringProperty("ferryError").startsWith("non-retryable-status"), reply.getStringProperty("ferryError"));
        }
    }

    @Test
    void badMessagesGoToTheDeadLetterQueueWithTheirReasonAndForwardNothing() throws Exception {
        String marker = "dlq-" + UUID.randomUUID();
        List<String> expected = new ArrayList<>();
        try (Session session = producer.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            TextMessage noPath = session.createTextMessage(marker);
            noPath.setStringProperty("ferryProxyId", "jms-orders");
            send(session, noPath);
            expected.add("bad-request");
            send(session, intakeMessage(session, "no-such-proxy", "x", marker));
            expected.add("proxy-not-found");
            send(session, intakeMessage(session, "jms-orders", "../../admin", marker));
            expected.add("bad-request");
            send(session, intakeMessage(session, "jms-sync-only", "x", marker));
            expected.add("mode-not-enabled");
            TextMessage badMethod = intakeMessage(session, "jms-orders", "x", marker);
            badMethod.setStringProperty("ferryMethod", "TRACE");
            send(session, badMethod);
            expected.add("method-not-allowed");
            TextMessage badHeaders = intakeMessage(session, "jms-orders", "x", marker);
            badHeaders.setStringProperty("ferryHeaders", "{\"X-A\":{\"nested\":1}}");
            send(session, badHeaders);
            expected.add("bad-request");
        }
        List<String> errors = new ArrayList<>();
        try (Connection internal = connect("ferry-internal", internalPassword());
             Session session = internal.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            MessageConsumer dlq = session.createConsumer(session.createQueue("ferry.intake.dlq"));
            long deadline = System.nanoTime() + SOON.toNanos();
            while (errors.size() < expected.size() && System.nanoTime() < deadline) {
                Message dead = dlq.receive(1000);
                if (dead instanceof TextMessage text && marker.equals(text.getText())) {
                    errors.add(dead.getStringProperty("ferryError"));
                    assertNotNull(dead.getStringProperty("ferryOriginalMessageId"));
                }
            }
        }
        assertEquals(expected.size(), errors.size(), "dead letters: " + errors);
        assertEquals(expected.stream().sorted().toList(),
                errors.stream().map(e -> e.substring(0, e.indexOf(':'))).sorted().toList(), errors.toString());
        assertTrue(origin.received().stream().noneMatch(r -> new String(r.body(), StandardCharsets.UTF_8).contains(marker)),
                "a bad message was forwarded");
        assertFalse(StoredBytes.databaseContains(marker), "a bad message was stored");
    }

    @Test
    void aKeySentAgainWithTheSamePayloadNamesTheOriginalAndWithAnotherGoesToTheDeadLetterQueue() throws Exception {
        String key = "jms-key-" + UUID.randomUUID();
        try (Session session = producer.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            TemporaryQueue replies = session.createTemporaryQueue();
            MessageConsumer consumer = session.createConsumer(replies);
            TextMessage first = intakeMessage(session, "jms-orders", "keyed", "{\"n\":1}");
            first.setStringProperty("ferryIdempotencyKey", key);
            first.setJMSReplyTo(replies);
            first.setJMSCorrelationID("first");
            send(session, first);
            Message outcome = consumer.receive(SOON.toMillis());
            assertNotNull(outcome);
            String original = outcome.getStringProperty("ferryRequestId");

            TextMessage again = intakeMessage(session, "jms-orders", "keyed", "{\"n\":1}");
            again.setStringProperty("ferryIdempotencyKey", key);
            again.setJMSReplyTo(replies);
            again.setJMSCorrelationID("again");
            send(session, again);
            Message duplicate = consumer.receive(SOON.toMillis());
            assertNotNull(duplicate, "no reply to the duplicate");
            assertEquals("again", duplicate.getJMSCorrelationID());
            assertEquals(original, duplicate.getStringProperty("ferryRequestId"));
            assertTrue(duplicate.getBooleanProperty("ferryDuplicate"));

            TextMessage other = intakeMessage(session, "jms-orders", "keyed", "{\"n\":2}");
            other.setStringProperty("ferryIdempotencyKey", key);
            send(session, other);
            try (Connection internal = connect("ferry-internal", internalPassword());
                 Session dlqSession = internal.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
                MessageConsumer dlq = dlqSession.createConsumer(dlqSession.createQueue("ferry.intake.dlq"),
                        "ferryIdempotencyKey = '" + key + "'");
                Message dead = dlq.receive(SOON.toMillis());
                assertNotNull(dead, "the other payload did not reach the dead-letter queue");
                assertTrue(dead.getStringProperty("ferryError").startsWith("idempotency-key-reused"),
                        dead.getStringProperty("ferryError"));
            }
        }
        assertEquals(1, origin.receivedAt("/orders/keyed").size(), "forwarded once");
    }

    @Test
    void aReplyToAProducerThatHasGoneIsDroppedAndLaterRepliesStillArrive() throws Exception {
        assertEquals(200, api.admin("POST", "admin/proxies/jms-orders/pause", null).statusCode());
        String path = "gone-" + UUID.randomUUID();
        try {
            try (Connection gone = connect(Gateway.JMS_USER, Gateway.JMS_PASSWORD);
                 Session session = gone.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
                TextMessage message = intakeMessage(session, "jms-orders", path, "{}");
                message.setJMSReplyTo(session.createTemporaryQueue());
                send(session, message);
                Await.until("the message became a request", SOON, () -> StoredBytes.databaseContains(path));
            } // the connection and its temporary queue are gone before the request ends
        } finally {
            assertEquals(200, api.admin("POST", "admin/proxies/jms-orders/resume", null).statusCode());
        }
        Await.until("the request was forwarded", SOON, () -> !origin.receivedAt("/orders/" + path).isEmpty());
        Await.until("the reply was dropped", SOON, () -> StoredBytes.logContains("no longer exists"));
        // The reply sender goes on: another request's reply arrives.
        try (Session session = producer.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            TemporaryQueue replies = session.createTemporaryQueue();
            TextMessage message = intakeMessage(session, "jms-orders", "after-gone", "{}");
            message.setJMSReplyTo(replies);
            send(session, message);
            assertNotNull(session.createConsumer(replies).receive(SOON.toMillis()), "no reply after a dropped one");
        }
    }

    @Test
    void messagesOverTheRateLimitAreDeliveredAgainLaterNotDeadLettered() throws Exception {
        api.createProxy("""
                {"id":"jms-slow","targetUrl":"%s/slow","clientAuth":{"type":"bearer","tokens":["jms-slow-token"]},
                 "limits":{"intakePerSecond":1}}""".formatted(origin.url()));
        try (Session session = producer.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            for (int i = 0; i < 4; i++) {
                send(session, intakeMessage(session, "jms-slow", "m" + i, "{}"));
            }
        }
        // One a second for this broker user: the others are refused for now, rolled back, and
        // delivered again by the broker with back-off until they fit.
        for (int i = 0; i < 4; i++) {
            String path = "/slow/m" + i;
            Await.until(path + " forwarded", Duration.ofSeconds(60), () -> !origin.receivedAt(path).isEmpty());
            assertEquals(1, origin.receivedAt(path).size(), path);
        }
        // Stored at the limit's pace (a bucket of one token, one a second): at least 3 s from first to last.
        HttpResponse<String> listed = api.send(api.request("requests?proxyId=jms-slow").header("Authorization",
                "Bearer jms-slow-token").GET());
        List<java.time.Instant> created = Api.object(listed.body()).getJsonArray("items").stream()
                .map(item -> java.time.Instant.parse(item.asJsonObject().getString("createdAt"))).sorted().toList();
        assertEquals(4, created.size(), listed.body());
        assertTrue(Duration.between(created.get(0), created.get(3)).toMillis() >= 2500,
                "accepted faster than the limit allows: " + created);
    }

    @Test
    void theBrokerLetsInOnlyItsAccountsAndTheProducerOnlyWhereItMaySend() throws Exception {
        assertThrows(JMSSecurityException.class, () -> connect(Gateway.JMS_USER, "wrong-password").close());
        assertThrows(JMSSecurityException.class, () -> connect("nobody", Gateway.JMS_PASSWORD).close());
        assertThrows(JMSSecurityException.class, () -> connect(null, null).close());
        try (Session session = producer.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            for (String internalQueue : new String[] {"ferry.forward", "ferry.intake.dlq", "ferry.dlq"}) {
                MessageProducer toInternal = session.createProducer(session.createQueue(internalQueue));
                assertThrows(JMSSecurityException.class, () -> toInternal.send(session.createTextMessage("x")), internalQueue);
                assertThrows(JMSSecurityException.class, () -> session.createConsumer(session.createQueue(internalQueue)),
                        internalQueue);
            }
            assertThrows(JMSSecurityException.class, () -> session.createConsumer(session.createQueue("ferry.intake")));
            assertThrows(JMSSecurityException.class, () -> session.createConsumer(session.createTopic("ferry.events")));
        }
    }

    private static TextMessage intakeMessage(Session session, String proxy, String path, String body) throws JMSException {
        TextMessage message = session.createTextMessage(body);
        message.setStringProperty("ferryProxyId", proxy);
        message.setStringProperty("ferryPath", path);
        return message;
    }

    @Test
    void aMessagesTraceparentStartsTheRequestsTrace() throws Exception {
        String traceId = OtlpReceiver.newId(16);
        String producerSpan = OtlpReceiver.newId(8);
        try (Session session = producer.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            TextMessage message = session.createTextMessage("{}");
            message.setStringProperty("ferryProxyId", "jms-orders");
            message.setStringProperty("ferryPath", "/traced");
            message.setStringProperty("traceparent", "00-" + traceId + "-" + producerSpan + "-01");
            send(session, message);
        }
        Await.until("the message's attempt", SOON, () -> !origin.receivedAt("/orders/traced").isEmpty());
        String sent = origin.receivedAt("/orders/traced").get(0).header("traceparent");
        OtlpReceiver traces = Gateway.traces();
        Await.until("the attempt's span, joined to the producer's through the intake span", SOON,
                () -> traces.trace(traceId).stream().anyMatch(span -> span.kind() == 3 && producerSpan.equals(traces.rootParent(span))));
        var attempt = traces.trace(traceId).stream().filter(span -> span.kind() == 3).findFirst().orElseThrow(); // CLIENT
        var intake = traces.ancestors(attempt).get(0);
        assertEquals(5, intake.kind(), "the attempt's parent is the intake's consumer span: " + traces.ancestors(attempt));
        assertEquals(producerSpan, intake.parentSpanId(), "the intake span is the producer's span's child");
        assertEquals("ferry.intake", intake.attribute("messaging.destination.name"));
        assertEquals("00-" + traceId + "-" + attempt.spanId() + "-01", sent);
    }

    private static void send(Session session, Message message) throws JMSException {
        try (MessageProducer intake = session.createProducer(session.createQueue("ferry.intake"))) {
            intake.send(message);
        }
    }

    /** Ferry's own broker password, as start.sh generated it into the data directory. */
    static String internalPassword() {
        try {
            return Files.readString(Gateway.shared().dataDir().resolve("keys/broker-internal-password")).trim();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
