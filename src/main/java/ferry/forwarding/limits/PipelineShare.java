package ferry.forwarding.limits;

import java.util.HashMap;
import java.util.Map;

/**
 * Keeps one proxy from taking a node's whole forwarding pipeline, so that a slow, hanging or
 * saturated target never delays another proxy's forwarding. The last {@code reserve} places
 * are shared: a proxy may take a place while at least {@code reserve} stay free after it, and
 * beyond that only while it holds fewer than an equal share of the reserve among the proxies
 * holding places (itself included). So one proxy alone gets at most {@code room - reserve}
 * places, two hanging targets leave room for a third, and so on. Thread-safe.
 */
public final class PipelineShare {

    private final int room;
    private final int reserve;
    private final Map<String, Integer> held = new HashMap<>();
    private int total;

    /** @param reserve places kept for proxies holding less than their share, in [0, room) */
    public PipelineShare(int room, int reserve) {
        if (room < 1 || reserve < 0 || reserve >= room) {
            throw new IllegalArgumentException("need room >= 1 and 0 <= reserve < room: " + room + ", " + reserve);
        }
        this.room = room;
        this.reserve = reserve;
    }

    /** The most places one proxy may hold: a {@code maxConcurrency} above it could never be reached. */
    public int mostForOne() {
        return room - reserve;
    }

    /** @return true if the proxy took a place (give it back with {@link #leave}) */
    public synchronized boolean tryEnter(String proxyId) {
        int mine = held.getOrDefault(proxyId, 0);
        int free = room - total;
        if (free < 1) {
            return false;
        }
        boolean outsideReserve = free - 1 >= reserve;
        int sharing = held.size() + (mine == 0 ? 1 : 0);
        boolean withinShare = mine < Math.max(1, reserve / sharing);
        if (!outsideReserve && !withinShare) {
            return false;
        }
        held.merge(proxyId, 1, Integer::sum);
        total++;
        return true;
    }

    public synchronized void leave(String proxyId) {
        Integer mine = held.get(proxyId);
        if (mine == null) {
            return;
        }
        if (mine <= 1) {
            held.remove(proxyId);
        } else {
            held.put(proxyId, mine - 1);
        }
        total--;
    }

    public synchronized int held(String proxyId) {
        return held.getOrDefault(proxyId, 0);
    }
}
