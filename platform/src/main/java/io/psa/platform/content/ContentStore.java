package io.psa.platform.content;

import io.psa.platform.Now;
import io.psa.platform.Sha256;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.util.Optional;

/**
 * File contents in the database, addressed by their SHA-256: written in the same transaction as the event that
 * refers to them, so a refused upload leaves nothing behind, and the same file stored twice is kept once.
 */
@Repository
public class ContentStore {
    private final JdbcTemplate jdbc;

    public ContentStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the bytes (unless already there) and returns their SHA-256 in lower-case hex. */
    public String put(byte[] content) {
        String sha256 = Sha256.hex(content);
        Integer present = jdbc.queryForObject("select count(*) from stored_content where sha256 = ?", Integer.class, sha256);
        if (present == null || present == 0) {
            // the same new file uploaded concurrently makes one of the two fail on the key: it is refused as a
            // concurrent change (409) and its retry finds the content stored
            jdbc.update("insert into stored_content (sha256, size_bytes, content, stored_at) values (?, ?, ?, ?)",
                    sha256, content.length, content, Timestamp.from(Now.instant()));
        }
        return sha256;
    }

    /** The bytes stored under {@code sha256}, checked against it: corruption is an error, never served. */
    public Optional<byte[]> get(String sha256) {
        return jdbc.query("select content from stored_content where sha256 = ?", (rs, row) -> rs.getBytes(1), sha256)
                   .stream().findFirst().map(content -> {
                       if (!Sha256.hex(content).equals(sha256)) {
                           throw new IllegalStateException("stored content " + sha256 + " fails its SHA-256 check");
                       }
                       return content;
                   });
    }
}
