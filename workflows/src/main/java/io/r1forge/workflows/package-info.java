/**
 * Contracts of the R1 Forge pipeline on Temporal: the workflow and activity interfaces, the records that cross
 * them ({@link io.r1forge.workflows.PipelineRequest}, {@link io.r1forge.workflows.StageRequest}, …), the stage DAG
 * ({@link io.r1forge.workflows.StageName}), task queues, failure types and version change ids. Depends on
 * {@code temporal-sdk} only; the workflow implementation is in {@code io.r1forge.workflows.pipeline}.
 */
package io.r1forge.workflows;
