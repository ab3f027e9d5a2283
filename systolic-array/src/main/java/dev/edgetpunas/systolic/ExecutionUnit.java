package dev.edgetpunas.systolic;

/**
 * Which unit executed a layer, and so which peak its utilization refers to.
 *
 * <pre>{@code
 * if (result.unit() == ExecutionUnit.VECTOR) { ... }   // utilization is of the vector path's peak
 * }</pre>
 */
public enum ExecutionUnit {
    /** The R x C MAC array; peak {@code R * C} MACs per cycle. */
    ARRAY,
    /** The vector path; peak {@code vectorElementsPerCycle} lane operations per cycle. */
    VECTOR
}
