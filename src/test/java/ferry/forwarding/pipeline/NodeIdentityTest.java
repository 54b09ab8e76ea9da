package ferry.forwarding.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class NodeIdentityTest {

    @Test
    void keepsASafeNameAndAddsAStartOfItsOwn() {
        NodeIdentity first = started("node-a");
        NodeIdentity again = started("node-a");
        assertTrue(first.id().matches("node-a/[0-9a-f]{8}"), "the name, then the start: " + first.id());
        assertNotEquals(first.id(), again.id(), "a restart is a new lease owner");
    }

    @Test
    void namesFitTheLeaseOwnerColumn() {
        assertEquals("eu-west_1.node-2", NodeIdentity.nameOf(" eu-west_1.node-2 "));
        assertEquals("a-b-c", NodeIdentity.nameOf("a b/c"));
        assertEquals("node", NodeIdentity.nameOf("  "));
        assertEquals(48, NodeIdentity.nameOf("x".repeat(100)).length());
        assertTrue(started("y".repeat(100)).id().length() <= 64);
    }

    private static NodeIdentity started(String name) {
        NodeIdentity node = new NodeIdentity();
        node.configured = Optional.of(name);
        node.init();
        return node;
    }
}
