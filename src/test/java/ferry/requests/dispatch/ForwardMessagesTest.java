package ferry.requests.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForwardMessagesTest {

    @Test
    void requestsDueNowShareAMessagePerProxyInTheOrderGiven() {
        List<ForwardMessages.Message> messages = ForwardMessages.of(List.of(
                DueRequest.now("a1", "a"), DueRequest.now("b1", "b"), DueRequest.now("a2", "a")));

        assertEquals(2, messages.size());
        assertEquals(new ForwardMessages.Message("a", List.of("a1", "a2"), null), messages.get(0));
        assertEquals(new ForwardMessages.Message("b", List.of("b1"), null), messages.get(1));
    }

    @Test
    void aDelayedRequestHasAMessageOfItsOwnWithItsDelay() {
        Duration later = Duration.ofSeconds(30);
        List<ForwardMessages.Message> messages = ForwardMessages.of(List.of(
                DueRequest.after("a1", "a", later), DueRequest.now("a2", "a"), DueRequest.after("a3", "a", later)));

        assertEquals(List.of(new ForwardMessages.Message("a", List.of("a1"), later),
                new ForwardMessages.Message("a", List.of("a3"), later),
                new ForwardMessages.Message("a", List.of("a2"), null)), messages);
    }

    @Test
    void aNegativeOrZeroDelayIsDueNow() {
        List<ForwardMessages.Message> messages = ForwardMessages.of(List.of(
                DueRequest.after("a1", "a", Duration.ofSeconds(-5)), DueRequest.after("a2", "a", Duration.ZERO)));

        assertEquals(1, messages.size());
        assertEquals(List.of("a1", "a2"), messages.get(0).requestIds());
        assertNull(messages.get(0).delay());
    }

    @Test
    void noMessageCarriesMoreThanItsBound() {
        List<DueRequest> due = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            due.add(DueRequest.now("r" + i, "a"));
        }

        List<ForwardMessages.Message> messages = ForwardMessages.of(due, 3);

        assertEquals(List.of(List.of("r0", "r1", "r2"), List.of("r3", "r4", "r5"), List.of("r6")),
                messages.stream().map(ForwardMessages.Message::requestIds).toList());
    }

    @Test
    void theBodyIsTheIdsOneALineAndReadsBack() {
        ForwardMessages.Message message = new ForwardMessages.Message("a", List.of("a1", "a2"), null);

        assertEquals("a1\na2", message.body());
        assertEquals(List.of("a1", "a2"), ForwardMessages.ids(message.body()));
    }

    @Test
    void aMessageOfOneIdFromBeforeReadsAsThatId() {
        assertEquals(List.of("6f1c1e0e-4a8e-4d2c-9a6e-0c0b8f1f2a3b"),
                ForwardMessages.ids(" 6f1c1e0e-4a8e-4d2c-9a6e-0c0b8f1f2a3b\n"));
        assertEquals(List.of(), ForwardMessages.ids("\n \n"));
        assertEquals(List.of(), ForwardMessages.ids(null));
    }
}
