package io.useranalytics.bench;

/** One endpoint to load: every request of a run is this one. */
record LoadTarget(String method, int port, String pathAndQuery) {
    static LoadTarget post(int port, String pathAndQuery) {
        return new LoadTarget("POST", port, pathAndQuery);
    }

    static LoadTarget get(int port, String pathAndQuery) {
        return new LoadTarget("GET", port, pathAndQuery);
    }

    String url() {
        return "http://127.0.0.1:" + port + pathAndQuery;
    }
}
