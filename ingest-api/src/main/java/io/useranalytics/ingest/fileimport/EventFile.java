package io.useranalytics.ingest.fileimport;

import io.useranalytics.ingest.BatchItems;
import io.useranalytics.ingest.NdjsonItems;
import io.useranalytics.record.EventJson;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/** A file of events to import and its format. */
record EventFile(Path path, Format format) {
    /** The formats the import reads. */
    enum Format {
        NDJSON,
        CSV;

        BatchItems items() {
            return this == CSV ? new CsvItems() : new NdjsonItems(EventJson.MAX_BYTES);
        }

        /** By the file's extension: .csv is CSV, anything else NDJSON. */
        static Format of(Path path) {
            return path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")
                    ? CSV
                    : NDJSON;
        }
    }

    EventFile {
        Objects.requireNonNull(path, "path == null");
        Objects.requireNonNull(format, "format == null");
    }
}
