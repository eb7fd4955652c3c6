package io.r1forge.stages.pipeline;

import io.r1forge.stages.data.JsonlProblems;
import io.r1forge.stages.spec.PipelineSpec;
import io.r1forge.stages.spec.TaskSpec;
import io.r1forge.stages.tasks.Language;
import io.r1forge.stages.tasks.Problem;
import io.r1forge.stages.tasks.ProblemSplits;
import java.nio.file.Path;
import java.util.List;

/**
 * What every stage of a run shares: the spec, the train split and the held-out problems of the evaluations.
 *
 * @param spec the validated spec
 * @param train training problems (GRPO prompts, rejection-sampling prompts)
 * @param heldOut the first {@code eval.num_problems} of the held-out split (no key shared with train)
 */
public record PipelineContext(PipelineSpec spec, List<Problem> train, List<Problem> heldOut) {
    /** One held-out problem in this many when a JSONL data set is split. */
    public static final int DATASET_EVAL_EVERY = 10;

    public static PipelineContext of(PipelineSpec spec) {
        TaskSpec t = spec.task();
        ProblemSplits splits = t.dataset() != null
                ? ProblemSplits.ofDataset(JsonlProblems.load(Path.of(t.dataset()), Language.EN), DATASET_EVAL_EVERY)
                : ProblemSplits.generate(t.toTaskMix(), t.trainSize(), t.evalSize(), t.seed(), t.evalSeed());
        List<Problem> eval = splits.eval();
        return new PipelineContext(spec, splits.train(),
                List.copyOf(eval.subList(0, Math.min(spec.eval().numProblems(), eval.size()))));
    }
}
