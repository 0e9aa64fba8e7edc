package io.useranalytics.store.batch;

/** The steps of a batch's transaction, in order; the caller times them ({@link PhaseTimer}). */
public enum BatchPhase {
    OFFSETS("offsets"),
    EVENT_IDS("event_ids"),
    COPY("copy"),
    ROLLUPS("rollups"),
    FIRST_EVENTS("first_events"),
    COMMIT("commit");

    private final String tag;

    BatchPhase(String tag) {
        this.tag = tag;
    }

    /** The phase's name in meters. */
    public String tag() {
        return tag;
    }

    /** Records how long each phase of a batch took. */
    @FunctionalInterface
    public interface PhaseTimer {
        void took(BatchPhase phase, long nanos);
    }
}
