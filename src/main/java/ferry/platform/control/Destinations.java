package ferry.platform.control;

/**
 * The broker destinations Ferry uses, named once for Java. {@code broker.xml} declares them and
 * {@code WEB-INF/ejb-jar.xml} binds the listeners to them; keep the three in step.
 */
public final class Destinations {

    /** Request ids due for forwarding (a message is a hint pointing at its row). */
    public static final String FORWARD = "ferry.forward";
    /** Completion events, heard by every node (wake-ups for waiting clients). */
    public static final String EVENTS = "ferry.events";
    /** JMS submissions from enterprise producers (CONTRACT.md §9). */
    public static final String INTAKE = "ferry.intake";
    /** JMS submissions that can never be accepted, each with its {@code ferryError}. */
    public static final String INTAKE_DLQ = "ferry.intake.dlq";

    private Destinations() {
    }
}
