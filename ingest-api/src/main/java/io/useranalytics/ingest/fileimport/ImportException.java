package io.useranalytics.ingest.fileimport;

/** An import that cannot go on, with a sentence for the operator. */
final class ImportException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ImportException(String message) {
        super(message);
    }
}
