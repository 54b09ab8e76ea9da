package ferry.platform.metrics;

/**
 * A feature whose meters are readings (a count in the database, the state of an in-memory gate)
 * rather than events: it brings them up to date when {@code /metrics} is scraped, not on a
 * timer, so a gateway nobody scrapes does no work for it.
 */
public interface ScrapeRefresh {

    /** Brings this feature's readings up to date; must not throw (a failed reading keeps its last value). */
    void beforeScrape();
}
