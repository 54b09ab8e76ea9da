package ferry.intake.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ferry.platform.problems.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageIntakeTest {

    @Test
    void refusalsThatPassBringTheMessageBackLater() {
        for (Problem passing : List.of(
                new Problem(429, "rate-limited", "Too many requests", "slow down"),
                Problem.unavailable("storage down"),
                Problem.conflict("idempotency-key-in-flight", "still being stored"),
                new Problem(500, "internal-error", "Internal error", "bug"))) {
            assertTrue(MessageIntake.passes(passing), passing.code());
        }
    }

    @Test
    void refusalsAboutTheMessageAreFinal() {
        for (Problem finalOne : List.of(
                Problem.badRequest("Refused path"),
                Problem.notFound("proxy-not-found", "No proxy"),
                Problem.notFound("mode-not-enabled", "sync only"),
                new Problem(413, "payload-too-large", "Too large", "too big"),
                new Problem(414, "uri-too-long", "Too long", "too long"),
                new Problem(422, "idempotency-key-reused", "Reused", "other payload"),
                new Problem(431, "headers-too-large", "Too large", "too many"))) {
            assertFalse(MessageIntake.passes(finalOne), finalOne.code());
        }
    }

    @Test
    void aReplyAddressOrCorrelationIdLongerThanItsColumnIsTheMessagesFault() {
        MessageIntake.checkReply(null, "x".repeat(1000)); // no reply: nothing kept
        MessageIntake.checkReply("queue:" + "q".repeat(1018), "c".repeat(255));
        BadMessage longQueue = assertThrows(BadMessage.class,
                () -> MessageIntake.checkReply("queue:" + "q".repeat(1019), "c"));
        assertEquals("bad-request", longQueue.code());
        BadMessage longCorrelation = assertThrows(BadMessage.class,
                () -> MessageIntake.checkReply("queue:replies", "c".repeat(256)));
        assertEquals("bad-request", longCorrelation.code());
    }
}
