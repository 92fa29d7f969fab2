package org.herd.translator.mapping;

import java.util.Optional;
import java.util.function.Predicate;
import org.herd.translator.TranslationException;

/**
 * Visibility that follows a parent row: a collage's entries leave only while the collage does, a
 * request's artists and tags only while the request does. The parent is read through the origin
 * lookup; a parent the origin does not have hides its children, as the site shows no page for them.
 */
final class ParentRows {

    private ParentRows() {
    }

    /**
     * @param child        the child row
     * @param childColumn  the child's column holding the parent's id
     * @param parentTable  the parent's table
     * @param parentKey    the parent's single primary-key column
     * @param parentVisible the parent's own row filter
     */
    static boolean visible(GazelleRow child, String childColumn, String parentTable, String parentKey,
            Predicate<GazelleRow> parentVisible) {
        long parentId = child.requiredLong(childColumn);
        Optional<GazelleRow> parent = child.lookupAs(parentTable, parentKey, parentId);
        if (parent.isEmpty()) {
            return false;
        }
        try {
            return parentVisible.test(parent.get());
        } catch (TranslationException e) {
            // Reported against the row being translated, which is what gets quarantined; the
            // parent's message names it and withholds unpublished values.
            throw child.fail(childColumn, parentTable + " " + e.key() + " cannot be judged: column " + e.column()
                    + ": " + e.reason());
        }
    }
}
