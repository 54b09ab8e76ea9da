package ferry.platform.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The data directory ({@code ferry.data.dir}): database, broker journal, server state and generated keys. */
@ApplicationScoped
public class DataDirectory {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    @ConfigProperty(name = "ferry.data.dir", defaultValue = "./data")
    String dataDir;

    public Path root() {
        return Path.of(dataDir).toAbsolutePath().normalize();
    }

    /**
     * Reads a secret kept in the data directory, creating it (random, owner-only) on first use.
     * Used for keys and the admin token that must survive restarts.
     */
    public synchronized String secret(String name, int bytes) {
        Path file = root().resolve("keys").resolve(name);
        try {
            if (Files.exists(file)) {
                return Files.readString(file).trim();
            }
            Files.createDirectories(file.getParent());
            byte[] random = new byte[bytes];
            RANDOM.nextBytes(random);
            String value = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.writeString(file, value, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            restrictToOwner(file);
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create " + file, e);
        }
    }

    public Path secretPath(String name) {
        return root().resolve("keys").resolve(name);
    }

    private static void restrictToOwner(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            // Not a POSIX file system: the directory's own permissions have to do.
        }
    }
}
