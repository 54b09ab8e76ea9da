package ferry.requests.bodies;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * A stored body, read one chunk at a time: each chunk is one short query on a pooled connection,
 * so a slow consumer (a target being sent a body, a client reading an answer) holds neither a
 * connection nor more than one chunk of memory.
 */
final class ChunkStream extends InputStream {

    private final DataSource dataSource;
    private final String requestId;
    private final BodyKind kind;
    private int next;
    private byte[] chunk = new byte[0];
    private int position;
    private boolean ended;

    ChunkStream(DataSource dataSource, String requestId, BodyKind kind) {
        this.dataSource = dataSource;
        this.requestId = requestId;
        this.kind = kind;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (position >= chunk.length) {
            if (ended || !fetch()) {
                ended = true;
                return -1;
            }
        }
        int n = Math.min(length, chunk.length - position);
        System.arraycopy(chunk, position, buffer, offset, n);
        position += n;
        return n;
    }

    private boolean fetch() throws IOException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "select data from body_chunk where request_id = ? and kind = ? and chunk_no = ?")) {
            select.setString(1, requestId);
            select.setString(2, kind.code());
            select.setInt(3, next);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return false;
                }
                chunk = row.getBytes(1);
                position = 0;
                next++;
                return true;
            }
        } catch (SQLException e) {
            throw new IOException("Could not read chunk " + next + " of the stored body of " + requestId, e);
        }
    }
}
