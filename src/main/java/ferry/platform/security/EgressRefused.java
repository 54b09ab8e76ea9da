package ferry.platform.security;

import java.net.UnknownHostException;

/**
 * A connection the egress guard refused. An {@link UnknownHostException} so that the HTTP
 * client treats it as an address it cannot use, and never connects.
 */
public class EgressRefused extends UnknownHostException {
    public EgressRefused(String message) {
        super(message);
    }
}
