package org.herd.trust;

/** The operation of a record, with the byte that represents it in a signed statement. */
public enum RecordOp {
    UPSERT(0x01, "upsert"),
    DELETE(0x02, "delete");

    private final int code;
    private final String wireName;

    RecordOp(int code, String wireName) {
        this.code = code;
        this.wireName = wireName;
    }

    /** The byte of the operation in a {@link RecordStatement}. */
    public int code() {
        return code;
    }

    /** The value of the record's {@code op} member in the wire format. */
    public String wireName() {
        return wireName;
    }

    /**
     * @throws TrustFormatException for any name other than {@code upsert} and {@code delete}
     */
    public static RecordOp fromWireName(String name) {
        for (RecordOp op : values()) {
            if (op.wireName.equals(name)) {
                return op;
            }
        }
        throw new TrustFormatException("unknown op '" + name + "', expected upsert or delete");
    }
}
