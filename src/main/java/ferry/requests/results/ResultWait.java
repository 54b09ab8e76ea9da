package ferry.requests.results;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How long an entry point waits for a just-accepted request's result before it answers
 * (CONTRACT.md §5): {@code /async/} answers at once unless {@code Prefer: wait=N} asks it to
 * wait N; sync mode waits the proxy's {@code sync.waitSeconds}, or N if smaller;
 * {@code Prefer: respond-async} answers at once on both. The preferences honoured are echoed
 * in {@code Preference-Applied}, with {@code Vary: Prefer}.
 *
 * @param seconds how long to wait; 0 with {@code now}
 * @param headers what the answer carries whichever it is
 */
public record ResultWait(boolean now, int seconds, Map<String, String> headers) {

    public static ResultWait of(boolean sync, int syncWaitSeconds, Preferences prefer) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Vary", "Prefer");
        if (prefer.respondAsync()) {
            headers.put("Preference-Applied", "respond-async");
            return new ResultWait(true, 0, headers);
        }
        if (!sync && prefer.waitSeconds().isEmpty()) {
            return new ResultWait(true, 0, headers);
        }
        int wait = sync
                ? Math.min(syncWaitSeconds, prefer.waitSeconds().orElse(syncWaitSeconds))
                : prefer.waitSeconds().getAsInt();
        if (prefer.waitSeconds().isPresent()) {
            headers.put("Preference-Applied", "wait=" + wait);
        }
        return new ResultWait(false, wait, headers);
    }
}
