package ferry.platform.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The data directory ({@code ferry.data.dir}): database, broker journal, server state and generated keys. */
@ApplicationScoped
public class DataDirectory {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    @Inject
    @ConfigProperty(name = "ferry.data.dir", defaultValue = "./data")
    String dataDir;

    public Path root() {
        return Path.of(dataDir).toAbsolutePath().normalize();
    }

    /**
     * Called with the temporary file once it is written and forced to disk, just before it is
     * renamed to its final name (a seam: unit tests look at it, or fail the write there).
     */
    Consumer<Path> beforePublish = temporary -> { };

    /**
     * Reads a secret kept in the data directory, creating it (random, owner-only) on first use.
     * Used for keys and the admin token that must survive restarts.
     *
     * <p>A new secret is written to a temporary file in the same directory, owner-only from its
     * creation, forced to disk and then renamed atomically: under its final name a secret is
     * either complete or absent, and never readable by others, even after a crash.
     *
     * <p>An existing file that is empty (or blank) is refused, not regenerated: such a file may
     * be a key that was in use (e.g. written without fsync by an earlier version and lost in a
     * power failure), and replacing it would silently make everything sealed or hashed with the
     * old key (target credentials, client credentials) unusable. Only the operator can tell, so
     * the message says what to do. A file that cannot be read fails likewise.
     */
    public synchronized String secret(String name, int bytes) {
        Path file = secretPath(name);
        if (Files.exists(file)) {
            return read(file);
        }
        try {
            createOwnerOnlyDirectories(file.getParent());
            byte[] random = new byte[bytes];
            RANDOM.nextBytes(random);
            String value = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            writeAtomically(file, value.getBytes(StandardCharsets.US_ASCII));
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + file, e);
        }
    }

    public Path secretPath(String name) {
        return root().resolve("keys").resolve(name);
    }

    private static String read(Path file) {
        String value;
        try {
            value = Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + " (check its owner and permissions)", e);
        }
        if (value.isEmpty()) {
            throw new IllegalStateException("The key file " + file + " is empty, perhaps cut short by a crash. "
                    + "Restore it from a backup; only if nothing was ever sealed or hashed with it (a new data "
                    + "directory) delete it, and a new one is generated at the next start.");
        }
        return value;
    }

    /**
     * {@code content} under {@code file}, through an owner-only temporary file in the same
     * directory that is forced to disk before it is renamed. The rename replaces nothing in
     * practice: {@link #secret} is synchronized and checked that the file is absent, and one data
     * directory belongs to one gateway process.
     */
    private void writeAtomically(Path file, byte[] content) throws IOException {
        Path directory = file.getParent();
        Path temporary = createOwnerOnlyFile(directory, "." + file.getFileName() + ".");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            beforePublish.accept(temporary);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        forceDirectory(directory);
    }

    private static Path createOwnerOnlyFile(Path directory, String prefix) throws IOException {
        try {
            return Files.createTempFile(directory, prefix, ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the directory's own permissions have to do.
            return Files.createTempFile(directory, prefix, ".tmp");
        }
    }

    private static void createOwnerOnlyDirectories(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        Files.createDirectories(directory.getParent());
        try {
            Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
        } catch (UnsupportedOperationException e) {
            Files.createDirectory(directory);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            // made meanwhile by someone else: use it as it is
        }
    }

    /** So that the rename itself survives a crash; not every platform can open a directory for this. */
    private static void forceDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // best effort: the file itself is on disk, only its name may need the journal's replay
        }
    }
}
