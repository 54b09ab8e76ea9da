package ferry.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/**
 * Searches the gateway's database file for a string, byte by byte. H2 writes committed rows to
 * the file before the commit returns (WRITE_DELAY=0) and does not compress them, so a value that
 * was ever stored is found; one that never was is not.
 */
public final class StoredBytes {

    private StoredBytes() {
    }

    public static boolean databaseContains(String text) {
        try {
            return contains(Files.readAllBytes(Gateway.shared().dataDir().resolve("db/ferry.mv.db")), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static boolean logContains(String text) {
        try {
            return contains(Files.readAllBytes(Gateway.shared().logFile()), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean contains(byte[] haystack, String needle) {
        byte[] n = needle.getBytes(StandardCharsets.UTF_8);
        outer:
        for (int i = 0; i <= haystack.length - n.length; i++) {
            for (int j = 0; j < n.length; j++) {
                if (haystack[i + j] != n[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
