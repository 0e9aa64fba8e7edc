package io.useranalytics.ingest.fileimport;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.useranalytics.ingest.BatchItems;
import io.useranalytics.record.Utf8Text;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.util.Map;

/**
 * CSV with a header row naming the event's JSON fields ({@code timestamp} or {@code timestamp_ms},
 * {@code user}, {@code event}, optionally {@code id}): each row becomes the JSON object the API
 * would take, so the API's own decoder and rules judge it. Items are numbered by the line a row
 * starts on; an empty {@code id} is no id.
 */
final class CsvItems implements BatchItems {
    private final CsvMapper csv = new CsvMapper();
    private final ObjectMapper json = new ObjectMapper();

    @Override
    public void read(InputStream body, Receiver receiver) throws IOException {
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        try (MappingIterator<Map<String, String>> rows =
                csv.readerForMapOf(String.class)
                        .with(schema)
                        .readValues(Utf8Text.strictReader(body))) {
            read(rows, receiver);
        }
    }

    private void read(MappingIterator<Map<String, String>> rows, Receiver receiver)
            throws IOException {
        try {
            while (rows.hasNextValue()) {
                Map<String, String> row = rows.nextValue();
                // The line of the row's last field: the row's own, or where a row with a
                // quoted line break ends.
                int line = rows.getParser().currentTokenLocation().getLineNr();
                ObjectNode event = json.createObjectNode();
                row.forEach(
                        (field, value) -> {
                            if (!(field.equals("id") && value.isEmpty())) {
                                event.put(field, value);
                            }
                        });
                receiver.item(line, json.writeValueAsBytes(event));
            }
        } catch (CharacterCodingException e) {
            throw new JsonParseException(rows.getParser(), "not valid UTF-8");
        }
    }
}
