package ferry.requests.bodies;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.hibernate.Session;

/**
 * Writes bodies in chunks of {@link #CHUNK} bytes in the caller's transaction, on its entity
 * manager's own connection, and opens them as streams that read one chunk at a time
 * ({@link ChunkStream}). Plain JDBC rather than an entity per chunk: each chunk is sent from the
 * body it belongs to, never copied into an object of its own, so storing a group of large bodies
 * needs no second copy of them in the heap. Hibernate's {@code doWork} is the one provider call.
 */
@ApplicationScoped
public class Bodies {

    /** 256 KiB: few rows for a 10 MiB body, little memory for a reader. */
    public static final int CHUNK = 256 * 1024;

    @Resource(lookup = "jdbc/ferry")
    DataSource dataSource;

    /** Stores {@code body} (null: nothing) in the transaction of {@code em}. */
    public void write(EntityManager em, String requestId, BodyKind kind, byte[] body) {
        if (body == null || body.length == 0) {
            return;
        }
        em.unwrap(Session.class).doWork(connection -> insert(connection, requestId, kind, body));
    }

    /** Deletes the bodies of this kind of these requests, in the transaction of {@code em}. */
    public void delete(EntityManager em, List<String> requestIds, BodyKind kind) {
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "delete from body_chunk where request_id = ? and kind = ?")) {
                for (String id : requestIds) {
                    delete.setString(1, id);
                    delete.setString(2, kind.code());
                    delete.addBatch();
                }
                delete.executeBatch();
            }
        });
    }

    /** Deletes every body of these requests (purge), in the transaction of {@code em}. */
    public void deleteAll(EntityManager em, List<String> requestIds) {
        delete(em, requestIds, BodyKind.REQUEST);
        delete(em, requestIds, BodyKind.RESPONSE);
    }

    /** The stored body as a stream that reads a chunk at a time, each with a short query of its own. */
    public InputStream open(String requestId, BodyKind kind) {
        return new ChunkStream(dataSource, requestId, kind);
    }

    private static void insert(Connection connection, String requestId, BodyKind kind, byte[] body) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into body_chunk (request_id, kind, chunk_no, data) values (?, ?, ?, ?)")) {
            for (int from = 0, n = 0; from < body.length; from += CHUNK, n++) {
                int length = Math.min(CHUNK, body.length - from);
                insert.setString(1, requestId);
                insert.setString(2, kind.code());
                insert.setInt(3, n);
                insert.setBinaryStream(4, new ByteArrayInputStream(body, from, length), length);
                insert.executeUpdate(); // one at a time: a batch would hold every chunk's copy at once
            }
        }
    }
}
