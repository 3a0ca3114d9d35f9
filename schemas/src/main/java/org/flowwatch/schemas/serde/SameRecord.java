package org.flowwatch.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Objects;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Whether two values are the same, records compared by their encoding. Why: a generated record's {@code equals()}
 * goes through {@code SpecificData.get()}, which knows no logical-type conversions, and throws "Unknown datum type
 * java.time.Instant" on a timestamp inside an array of records (a site status's items). The class's own model, used
 * to encode, has the conversions.
 */
public final class SameRecord {

    private SameRecord() {
    }

    public static boolean same(Object a, Object b) {
        if (a instanceof SpecificRecordBase left && b instanceof SpecificRecordBase right && a.getClass() == b.getClass()) {
            return Arrays.equals(bytes(left), bytes(right));
        }
        return Objects.equals(a, b);
    }

    private static byte[] bytes(SpecificRecordBase record) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new SpecificDatumWriter<SpecificRecordBase>(record.getSchema(), record.getSpecificData()).write(record, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a " + record.getSchema().getName(), e);
        }
    }
}
