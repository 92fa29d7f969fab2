package org.herd.sidecar.publish;

import org.herd.translator.NeutralRecord;
import org.herd.translator.RowChange;

/**
 * A neutral record, with the row change it was translated from: the change itself, or a row it
 * named, read again at its position. The change is what a quarantine record names if the record
 * cannot go on.
 */
public record TranslatedRecord(NeutralRecord record, RowChange change) {
}
