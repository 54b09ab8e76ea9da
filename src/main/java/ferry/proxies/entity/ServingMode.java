package ferry.proxies.entity;

import java.util.Locale;
import java.util.Optional;

/** Which entry points a proxy serves (CONTRACT.md §2 {@code mode}). */
public enum ServingMode {
    ASYNC, SYNC, BOTH;

    public boolean serves(EntryPoint entry) {
        return this == BOTH || name().equals(entry.name());
    }

    /** The name in JSON and in the proxy row: {@code async}, {@code sync} or {@code both}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return empty for anything but the three labels */
    public static Optional<ServingMode> of(String label) {
        for (ServingMode mode : values()) {
            if (mode.label().equals(label)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
