package org.herd.translator.mapping;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Visibility that follows a parent row: a collage's entries leave only while the collage does, a
 * request's artists and tags only while the request does. The parent is read through the origin
 * lookup; a parent the origin never had hides its children, as the site shows no page for them.
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
        return child.lookupRow(parentTable, Map.of(parentKey, parentId))
                .map(values -> parentVisible.test(
                        new GazelleRow(parentTable, values, List.of(parentKey), child.position())))
                .orElse(false);
    }
}
