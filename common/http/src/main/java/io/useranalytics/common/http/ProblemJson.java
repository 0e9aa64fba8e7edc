package io.useranalytics.common.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import java.util.Map;

/** Writes a {@link Problem}, with any extension members, as an application/problem+json body. */
final class ProblemJson {
    private final ObjectMapper mapper = JsonMapper.builder().addModule(new Jdk8Module()).build();

    String encode(Problem problem, Map<String, Object> extensions) {
        ObjectNode body = mapper.valueToTree(problem);
        extensions.forEach(body::putPOJO);
        try {
            return mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + problem, e);
        }
    }
}
