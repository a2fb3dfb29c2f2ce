package org.mltrules.facts;

import org.mltrules.Category;

/** Where the ESTRO/EORTC tree stands after Q1-Q3: the kind of OMD whose therapy questions come next. */
public enum OmdBranch {
    /** Q1 yes: history of polymetastatic disease. */
    INDUCED(Category.INDUCED_OLIGORECURRENCE, Category.INDUCED_OLIGOPROGRESSION, Category.INDUCED_OLIGOPERSISTENCE),
    /** Q2 yes: history of OMD. */
    REPEAT(Category.REPEAT_OLIGORECURRENCE, Category.REPEAT_OLIGOPROGRESSION, Category.REPEAT_OLIGOPERSISTENCE),
    /** Q3 yes: de-novo OMD more than the synchronous window after the primary. */
    METACHRONOUS(Category.METACHRONOUS_OLIGORECURRENCE, Category.METACHRONOUS_OLIGOPROGRESSION, null);

    private final Category oligorecurrence;
    private final Category oligoprogression;
    private final Category oligopersistence;

    OmdBranch(Category oligorecurrence, Category oligoprogression, Category oligopersistence) {
        this.oligorecurrence = oligorecurrence;
        this.oligoprogression = oligoprogression;
        this.oligopersistence = oligopersistence;
    }

    public Category oligorecurrence() { return oligorecurrence; }
    public Category oligoprogression() { return oligoprogression; }
    /** There is no metachronous oligopersistence. */
    public Category oligopersistence() { return oligopersistence; }
}
