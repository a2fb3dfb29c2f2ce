package org.mltrules;

import java.util.List;
import java.util.Objects;

/**
 * The disease state and how it was reached.
 *
 * @param category    exactly one category
 * @param path        every question answered, in order
 * @param reasons     for {@link Category#NOT_OLIGOMETASTATIC}, every failing precondition; empty otherwise
 * @param missing     for {@link Category#INDETERMINATE}, the unknown facts of the unanswerable question, by input
 *                    path without indexes ({@code lesions[].response}); empty otherwise
 * @param conventions the conventions whose trigger held
 */
public record Classification(Category category, List<PathStep> path, List<PreconditionFailure> reasons,
                             List<String> missing, List<ConventionApplied> conventions) {
    public Classification {
        Objects.requireNonNull(category, "category");
        path = List.copyOf(path);
        reasons = List.copyOf(reasons);
        missing = List.copyOf(missing);
        conventions = List.copyOf(conventions);
    }
}
