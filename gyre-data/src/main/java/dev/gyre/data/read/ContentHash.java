package dev.gyre.data.read;

import dev.gyre.core.error.GyreException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 of a dataset's bytes, which names a dataset version: for a file, of its bytes; for a folder, of each
 * data file's relative path (with {@code /} separators, UTF-8, then a NUL), its size (8 bytes, big-endian) and
 * bytes, in sorted path order, so
 * renaming or moving a file inside the folder changes the hash.
 */
public final class ContentHash {

    private ContentHash() {}

    /** The hash as {@code sha256:<64 hex digits>}. */
    public static String of(DatasetSource source) {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[1 << 16];
        for (Path file : source.files()) {
            if (source.isFolder()) {
                String relative = source.path().relativize(file).toString().replace('\\', '/');
                digest.update(relative.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(sizeOf(file));
            }
            try (InputStream in = Files.newInputStream(file)) {
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                    digest.update(buffer, 0, read);
                }
            } catch (IOException e) {
                throw GyreException.invalid("cannot read " + file + ": " + e.getMessage());
            }
        }
        return "sha256:" + HexFormat.of().formatHex(digest.digest());
    }

    private static byte[] sizeOf(Path file) {
        try {
            return java.nio.ByteBuffer.allocate(Long.BYTES)
                    .putLong(Files.size(file))
                    .array();
        } catch (IOException e) {
            throw GyreException.invalid("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
