package io.useranalytics.bench;

/**
 * One endpoint to load. A {@code {n}} in the path is replaced by the request's number, so that, for
 * example, each POST carries a user of its own and the events spread over the partitions.
 */
record LoadTarget(String method, int port, String pathAndQuery) {
    static final String NUMBER = "{n}";

    static LoadTarget post(int port, String pathAndQuery) {
        return new LoadTarget("POST", port, pathAndQuery);
    }

    static LoadTarget get(int port, String pathAndQuery) {
        return new LoadTarget("GET", port, pathAndQuery);
    }

    String url() {
        return "http://127.0.0.1:" + port + pathAndQuery.replace(NUMBER, "0");
    }

    String pathFor(long number) {
        return pathAndQuery.replace(NUMBER, Long.toString(number));
    }

    /** A wrk Lua script that sends this request, numbering each one. */
    String wrkScript() {
        String[] parts = pathAndQuery.split(java.util.regex.Pattern.quote(NUMBER), -1);
        StringBuilder path = new StringBuilder("\"" + parts[0] + "\"");
        for (int i = 1; i < parts.length; i++) {
            path.append(" .. counter .. \"").append(parts[i]).append('"');
        }
        return "counter = 0\n"
                + "request = function()\n"
                + "  counter = counter + 1\n"
                + "  return wrk.format(\""
                + method
                + "\", "
                + path
                + ")\n"
                + "end\n";
    }
}
