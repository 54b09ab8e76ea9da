package ferry.proxies.entity;

import java.util.Locale;

/** The two doors a request comes in by (CONTRACT.md §3, §5): {@code /async/} and {@code /proxy/} (sync mode). */
public enum EntryPoint {
    ASYNC("async"), SYNC("proxy");

    private final String path;

    EntryPoint(String path) {
        this.path = path;
    }

    /** The first path segment of this entry point, without slashes. */
    public String path() {
        return path;
    }

    /** The name stored with a request and used in configuration: {@code async} or {@code sync}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static EntryPoint of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
