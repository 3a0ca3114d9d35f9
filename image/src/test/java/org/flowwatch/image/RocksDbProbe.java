package org.flowwatch.image;

import java.nio.charset.StandardCharsets;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

/**
 * Runs inside the unpacked image: Kafka Streams keeps its state in RocksDB, whose JNI library needs the image's glibc
 * and libstdc++. Writes a key to a store under the given folder and prints what it reads back.
 */
public final class RocksDbProbe {
    private RocksDbProbe() {
    }

    public static void main(String[] args) throws Exception {
        RocksDB.loadLibrary();
        try (Options options = new Options().setCreateIfMissing(true); RocksDB db = RocksDB.open(options, args[0])) {
            db.put(bytes("probe"), bytes("stored"));
            System.out.println("rocksdb read " + new String(db.get(bytes("probe")), StandardCharsets.UTF_8));
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
