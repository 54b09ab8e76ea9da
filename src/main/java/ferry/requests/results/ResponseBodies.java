package ferry.requests.results;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import javax.sql.DataSource;

/**
 * Streams a stored target answer's body from the database to the client, in chunks, so that
 * serving large bodies (up to 10 MiB each) to many clients does not hold them all in the heap.
 */
@ApplicationScoped
public class ResponseBodies {

    @Resource(lookup = "jdbc/ferry")
    DataSource dataSource;

    public StreamingOutput of(String requestId) {
        return out -> {
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement select = connection.prepareStatement(
                         "select response_body from forward_request where id = ?")) {
                select.setString(1, requestId);
                try (ResultSet row = select.executeQuery()) {
                    if (row.next()) {
                        try (InputStream body = row.getBinaryStream(1)) {
                            if (body != null) {
                                body.transferTo(out);
                            }
                        }
                    }
                }
            } catch (java.sql.SQLException e) {
                throw new java.io.IOException("Could not read the stored response of " + requestId, e);
            }
        };
    }
}
