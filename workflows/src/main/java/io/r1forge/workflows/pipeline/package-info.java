/**
 * The pipeline workflow implementation: orchestration only, no I/O, no clock, no randomness (an ArchUnit test
 * keeps it so). {@link io.r1forge.workflows.pipeline.StageGraph} holds the DAG rules as pure functions.
 */
package io.r1forge.workflows.pipeline;
