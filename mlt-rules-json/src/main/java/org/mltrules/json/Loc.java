package org.mltrules.json;

/**
 * A position in the input case, rendered as a case-format path ({@code lesions[2].sizeMm}) only when a problem
 * needs it: valid cases never pay for string building.
 */
final class Loc {
    static final Loc ROOT = new Loc(null, null, -1);

    private final Loc parent;
    private final String name;
    private final int index;

    private Loc(Loc parent, String name, int index) {
        this.parent = parent;
        this.name = name;
        this.index = index;
    }

    Loc field(String fieldName) {
        return new Loc(this, fieldName, -1);
    }

    Loc index(int i) {
        return new Loc(this, null, i);
    }

    @Override
    public String toString() {
        if (parent == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(32);
        render(b);
        return b.toString();
    }

    private void render(StringBuilder b) {
        if (parent == null) {
            return;
        }
        parent.render(b);
        if (name != null) {
            if (b.length() > 0) {
                b.append('.');
            }
            b.append(name);
        } else {
            b.append('[').append(index).append(']');
        }
    }
}
