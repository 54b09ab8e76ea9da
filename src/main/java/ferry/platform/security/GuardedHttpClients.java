package ferry.platform.security;

import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.Timeout;

/**
 * The one recipe for Ferry's outbound HTTP clients (targets, webhook receivers): connections
 * only to addresses the {@link EgressGuard} let through ({@link GuardedDnsResolver}), no
 * redirect followed (a 3xx is an answer; following it could leave the allowed address), no
 * automatic retry (Ferry's own policies decide), no cookies, no decompression (bodies go and
 * come byte for byte), no cached authentication. A connection attempt gives up after 10 s.
 */
public final class GuardedHttpClients {

    private GuardedHttpClients() {
    }

    public static CloseableHttpClient create(GuardedDnsResolver resolver, int maxConnections, int maxPerRoute) {
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(maxConnections)
                        .setMaxConnPerRoute(maxPerRoute)
                        .setDnsResolver(resolver)
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(Timeout.ofSeconds(10)).build())
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableContentCompression()
                .disableAuthCaching()
                .build();
    }
}
