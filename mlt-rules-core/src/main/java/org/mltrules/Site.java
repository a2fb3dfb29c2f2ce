package org.mltrules;

/** Site of a metastasis, as accepted by case format version 1. */
public enum Site {
    LUNG, PLEURA, LIVER, BONE_SPINE, BONE_OTHER, BRAIN, SOFT_TISSUE, ADRENAL,
    /** Regional lymph nodes: not counted as distant metastasis unless {@link Conventions#regionalNodesCountAsMetastasis()}. */
    LYMPH_NODE_REGIONAL,
    LYMPH_NODE_DISTANT, OTHER
}
