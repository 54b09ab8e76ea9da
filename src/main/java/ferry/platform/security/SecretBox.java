package ferry.platform.security;

import ferry.platform.control.DataDirectory;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Encrypts secrets that Ferry must be able to use again (target credentials) with AES-256-GCM.
 * The key is {@code ferry.secrets.key} (base64 of 32 bytes) or generated into the data directory
 * at first start; the database alone then reveals no target credential. Sealed values read
 * {@code v1:<base64(iv | ciphertext | tag)>}; anything else is taken as plain (rows written
 * before encryption existed).
 */
@ApplicationScoped
public class SecretBox {

    private static final String PREFIX = "v1:";
    private static final int IV_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    @ConfigProperty(name = "ferry.secrets.key")
    Optional<String> configuredKey;

    @Inject
    DataDirectory data;

    private SecretKeySpec key;

    @PostConstruct
    void loadKey() {
        String encoded = configuredKey.filter(k -> !k.isBlank()).orElseGet(() -> data.secret("secrets.key", 32));
        byte[] raw = decodeKey(encoded);
        if (raw.length != 32) {
            throw new IllegalStateException("ferry.secrets.key must be 32 bytes, base64 encoded");
        }
        key = new SecretKeySpec(raw, "AES");
    }

    public String seal(String plain) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length)
                    .put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    public String open(String stored) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            return stored;
        }
        try {
            byte[] all = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, IV_BYTES));
            return new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("A stored secret cannot be decrypted: wrong ferry.secrets.key?", e);
        }
    }

    private static byte[] decodeKey(String encoded) {
        try {
            return Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            return Base64.getUrlDecoder().decode(encoded);
        }
    }
}
