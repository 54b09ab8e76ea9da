package ferry.proxies.control;

import ferry.platform.control.Json;

/**
 * The credential a proxy adds to what it forwards (CONTRACT.md §2 {@code targetAuth}), opened
 * from its sealed form: {@code bearer} (token), {@code header} and {@code query} (name, value),
 * {@code basic} (username, password) or {@code none}.
 */
public record TargetAuth(String type, String token, String name, String value, String username, String password) {

    /** Reads the stored document (sealed at rest: open it first). */
    public static TargetAuth parse(String json) {
        return of(Json.read(json, ProxySpec.TargetAuth.class));
    }

    /** The same credential, immutable. */
    public static TargetAuth of(ProxySpec.TargetAuth stored) {
        return new TargetAuth(stored.type, stored.token, stored.name, stored.value, stored.username, stored.password);
    }
}
