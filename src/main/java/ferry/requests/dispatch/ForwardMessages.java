package ferry.requests.dispatch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How requests to queue become messages, in plain Java: requests due now share a message per
 * proxy, up to {@link #MAX_IDS} ids each, in the order given; a delayed request has a message of
 * its own (its delay is the message's scheduled delivery). One message per request cost the
 * broker a journal record to send and another to acknowledge, and the listener a container
 * invocation and a claim it waited for alone, per request (issue 18 profile). The body is the
 * ids, one per line, so a message of one id reads as before.
 */
public final class ForwardMessages {

    /**
     * The most ids one message carries: the listener takes them into the pipeline together, so a
     * message's ids are claimed in a few shared transactions; small enough that a message
     * delivered again after a failure repeats little.
     */
    public static final int MAX_IDS = 64;

    /** One message: a proxy's ids, due after {@code delay} (null: now). */
    public record Message(String proxyId, List<String> requestIds, Duration delay) {

        public String body() {
            return String.join("\n", requestIds);
        }
    }

    private ForwardMessages() {
    }

    public static List<Message> of(List<DueRequest> due) {
        return of(due, MAX_IDS);
    }

    static List<Message> of(List<DueRequest> due, int maxIds) {
        List<Message> messages = new ArrayList<>();
        Map<String, List<String>> dueNow = new LinkedHashMap<>();
        for (DueRequest item : due) {
            if (!item.isDueNow()) {
                messages.add(new Message(item.proxyId(), List.of(item.requestId()), item.delay()));
                continue;
            }
            List<String> ids = dueNow.computeIfAbsent(item.proxyId(), p -> new ArrayList<>());
            ids.add(item.requestId());
            if (ids.size() == maxIds) {
                messages.add(new Message(item.proxyId(), List.copyOf(ids), null));
                ids.clear();
            }
        }
        dueNow.forEach((proxyId, ids) -> {
            if (!ids.isEmpty()) {
                messages.add(new Message(proxyId, List.copyOf(ids), null));
            }
        });
        return messages;
    }

    /** The ids a message's body carries (blank lines and surrounding spaces ignored). */
    public static List<String> ids(String body) {
        List<String> ids = new ArrayList<>();
        if (body == null) {
            return ids;
        }
        for (String line : body.split("\n")) {
            String id = line.trim();
            if (!id.isEmpty()) {
                ids.add(id);
            }
        }
        return ids;
    }
}
