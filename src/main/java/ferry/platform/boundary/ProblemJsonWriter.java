package ferry.platform.boundary;

import ferry.platform.control.Json;
import ferry.platform.problems.Problem;
import ferry.platform.problems.ProblemDocument;
import ferry.platform.problems.ProblemResponses;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/** Writes a problem answer's entity as its RFC 9457 document: type, title, status, detail, errors. */
@Provider
@Produces(ProblemResponses.PROBLEM_JSON)
public class ProblemJsonWriter implements MessageBodyWriter<ProblemDocument> {

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return ProblemDocument.class.isAssignableFrom(type);
    }

    @Override
    public void writeTo(ProblemDocument entity, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                        MultivaluedMap<String, Object> headers, OutputStream out) throws java.io.IOException {
        out.write(document(entity.problem()).getBytes(StandardCharsets.UTF_8));
    }

    static String document(Problem problem) {
        JsonObjectBuilder body = Json.object()
                .add("type", "urn:ferry:problem:" + problem.code())
                .add("title", problem.title())
                .add("status", problem.status());
        if (problem.detail() != null) {
            body.add("detail", problem.detail());
        }
        if (!problem.errors().isEmpty()) {
            JsonArrayBuilder errors = Json.array();
            problem.errors().forEach(errors::add);
            body.add("errors", errors);
        }
        return body.build().toString();
    }
}
