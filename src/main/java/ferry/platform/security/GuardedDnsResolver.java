package ferry.platform.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * Apache HttpClient's name lookup through the {@link EgressGuard}: a connection only ever goes to
 * addresses the guard let through, resolved once. The hook gets the host but not the port, and
 * the allow list is by host and port, so the caller names the port of the connection it is about
 * to open ({@link #connecting}); classic HttpClient resolves on the calling thread, so a
 * thread-local is exact.
 */
public final class GuardedDnsResolver implements DnsResolver {

    private final EgressGuard egress;
    private final ThreadLocal<Integer> port = new ThreadLocal<>();

    public GuardedDnsResolver(EgressGuard egress) {
        this.egress = egress;
    }

    /** The next connection on this thread goes to this port; {@link #done} afterwards. */
    public void connecting(int port) {
        this.port.set(port);
    }

    public void done() {
        port.remove();
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        Integer connecting = port.get();
        return egress.resolve(host, connecting == null ? -1 : connecting);
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
    }
}
