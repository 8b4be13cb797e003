package dev.gyre.model.features;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The categories an encoder learned, in their fixed order (sorted, so the same training data always gives the same
 * order), with a constant-time lookup for serving and for million-row transforms. Immutable; equal when the
 * categories are.
 */
public final class CategoryIndex {

    private final List<String> categories;
    private final Map<String, Integer> positions;

    private CategoryIndex(List<String> categories) {
        this.categories = List.copyOf(categories);
        this.positions = new HashMap<>(this.categories.size() * 2);
        for (int i = 0; i < this.categories.size(); i++) {
            if (positions.put(this.categories.get(i), i) != null) {
                throw new IllegalArgumentException("category '" + this.categories.get(i) + "' appears twice");
            }
        }
    }

    /** The index of {@code categories}, which must be distinct (nulls are refused). */
    public static CategoryIndex of(List<String> categories) {
        return new CategoryIndex(categories);
    }

    /** The categories in order. */
    public List<String> categories() {
        return categories;
    }

    public int size() {
        return categories.size();
    }

    /** The position of {@code category}, or -1 when it is not one of the categories (or is null). */
    public int indexOf(String category) {
        if (category == null) {
            return -1;
        }
        Integer position = positions.get(category);
        return position == null ? -1 : position;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CategoryIndex index && categories.equals(index.categories);
    }

    @Override
    public int hashCode() {
        return categories.hashCode();
    }

    @Override
    public String toString() {
        return categories.toString();
    }
}
