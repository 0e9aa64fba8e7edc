package io.useranalytics.query;

/** How query-api picks an answer's format. */
final class Responses {
    private Responses() {}

    /** JSON when the client's Accept header names application/json, else text. */
    static boolean wantsJson(String accept) {
        return accept != null && accept.contains("application/json");
    }
}
