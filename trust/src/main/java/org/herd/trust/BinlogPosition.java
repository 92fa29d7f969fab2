package org.herd.trust;

import java.util.Objects;

/**
 * Where in the origin's binlog a record was read, as far as signatures and fingerprints cover
 * it: the members of the wire format's {@code position} object that order records (see
 * {@code docs/wire-format.md}). The commit time and the snapshot flag are not part of the order
 * and are covered only by the hash of the whole value.
 *
 * <p>This is deliberately not the translator's {@code SourcePosition}: this module takes plain
 * values, so that the sidecar and every mirror adapt their own types to it.
 *
 * @param file  binlog file name, at most 65,535 bytes of UTF-8
 * @param pos   byte offset of the transaction in the file, 0 or more
 * @param event index of the row event counted from {@code pos}, 0 or more
 * @param row   index of the row within the event, 0 or more
 */
public record BinlogPosition(String file, long pos, long event, int row) {

    public BinlogPosition {
        Objects.requireNonNull(file, "file");
        if (pos < 0 || event < 0 || row < 0) {
            throw new IllegalArgumentException("negative binlog position " + file + ":" + pos + "/" + event + "#" + row);
        }
        if (Bytes.utf8(file, "binlog file name").length > 0xffff) {
            throw new IllegalArgumentException("binlog file name is longer than 65535 bytes");
        }
    }

    @Override
    public String toString() {
        return file + ":" + pos + "/" + event + "#" + row;
    }
}
