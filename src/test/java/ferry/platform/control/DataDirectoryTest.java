package ferry.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generated keys and the admin token (issue 11.4): owner-only from the start, complete or absent, never silently empty. */
class DataDirectoryTest {

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    @TempDir
    Path root;

    private DataDirectory data() {
        return PlatformFixtures.dataDirectory(root);
    }

    private List<String> keyFiles() throws IOException {
        try (Stream<Path> files = Files.list(root.resolve("keys"))) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aGeneratedSecretIsOwnerOnlyAndLeavesNoTemporaryFile() throws IOException {
        String value = data().secret("secrets.key", 32);

        assertEquals(43, value.length(), "32 random bytes, base64url without padding");
        Path file = root.resolve("keys").resolve("secrets.key");
        assertEquals(value, Files.readString(file));
        assertEquals(List.of("secrets.key"), keyFiles());
        if (POSIX) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())),
                    "a keys directory the gateway creates is its own");
        }
        assertEquals(value, data().secret("secrets.key", 32), "read back, not generated again");
    }

    @Test
    void whileBeingWrittenTheSecretIsOwnerOnlyAndNotUnderItsName() throws IOException {
        assumeTrue(POSIX);
        DataDirectory data = data();
        Path file = data.secretPath("admin-token");
        String[] seen = new String[3];
        data.beforePublish = temporary -> {
            try {
                seen[0] = PosixFilePermissions.toString(Files.getPosixFilePermissions(temporary));
                seen[1] = Files.readString(temporary);
                seen[2] = String.valueOf(Files.exists(file));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        };
        String value = data.secret("admin-token", 32);
        assertEquals("rw-------", seen[0], "owner-only before a byte is written");
        assertEquals(value, seen[1], "complete before it gets its name");
        assertEquals("false", seen[2]);
    }

    @Test
    void aWriteThatFailsBeforeItsEndLeavesNeitherAnEmptyFileNorATemporaryOne() throws IOException {
        DataDirectory data = data();
        data.beforePublish = temporary -> {
            throw new IllegalStateException("crash while writing");
        };
        assertThrows(RuntimeException.class, () -> data.secret("credential-hmac.key", 32));
        assertEquals(List.of(), keyFiles(), "nothing under the final name, no temporary left");

        data.beforePublish = temporary -> { };
        String value = data.secret("credential-hmac.key", 32);
        assertEquals(value, Files.readString(data.secretPath("credential-hmac.key")));
    }

    @Test
    void anExistingFileIsKeptAsItIs() throws IOException {
        Path file = root.resolve("keys").resolve("admin-token");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "operator-chosen-admin-token\n");

        assertEquals("operator-chosen-admin-token", data().secret("admin-token", 32));
        assertEquals("operator-chosen-admin-token\n", Files.readString(file));
        assertEquals(List.of("admin-token"), keyFiles());
    }

    @Test
    void anEmptyFileIsRefusedWithAClearMessageAndKept() throws IOException {
        for (String empty : new String[] {"", " \n"}) {
            Path file = root.resolve("keys").resolve("secrets.key");
            Files.createDirectories(file.getParent());
            Files.writeString(file, empty);

            IllegalStateException e = assertThrows(IllegalStateException.class, () -> data().secret("secrets.key", 32));
            assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("empty"), e.getMessage());
            assertEquals(empty, Files.readString(file), "not replaced: whatever was sealed with the lost key stays recoverable");
            assertEquals(List.of("secrets.key"), keyFiles());
        }
    }

    @Test
    void anUnreadableFileIsRefused() throws IOException {
        assumeTrue(POSIX);
        Path file = root.resolve("keys").resolve("secrets.key");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "some-key");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(file), "running as a user who can read anything (root)");

        RuntimeException e = assertThrows(RuntimeException.class, () -> data().secret("secrets.key", 32));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertFalse(Files.size(file) == 0);
    }
}
