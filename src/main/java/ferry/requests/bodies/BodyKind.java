package ferry.requests.bodies;

/** Whose bytes a chunk holds: the client's request, or the target's answer. */
public enum BodyKind {
    REQUEST("Q"), RESPONSE("R");

    private final String code;

    BodyKind(String code) {
        this.code = code;
    }

    /** The value of {@code body_chunk.kind}. */
    public String code() {
        return code;
    }
}
