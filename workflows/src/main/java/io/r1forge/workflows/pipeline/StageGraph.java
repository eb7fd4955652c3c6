package io.r1forge.workflows.pipeline;

import io.r1forge.workflows.ArtifactRef;
import io.r1forge.workflows.StageInput;
import io.r1forge.workflows.StageName;
import io.r1forge.workflows.StagePlan;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The DAG rules of one request, as pure functions of the plans and of which stages already have outputs
 * ({@code provided}: committed by an earlier run, or the given base for {@link StageName#PRETRAIN_BASE}).
 * Deterministic and free of Temporal calls, so workflow code and signal handlers can both use it.
 */
public final class StageGraph {
    private final Map<StageName, StagePlan> plans = new EnumMap<>(StageName.class);
    private final Set<StageName> provided;

    public StageGraph(List<StagePlan> stagePlans, Set<StageName> provided) {
        for (StagePlan p : stagePlans) {
            plans.put(p.stage(), p);
        }
        this.provided = Set.copyOf(provided);
    }

    /** The plan of {@code stage}; a stage without a plan is disabled. */
    public Optional<StagePlan> plan(StageName stage) {
        return Optional.ofNullable(plans.get(stage));
    }

    /** Whether the workflow runs the stage's activity: enabled and not already provided. */
    public boolean willRun(StageName stage) {
        return !provided.contains(stage) && plan(stage).map(StagePlan::enabled).orElse(false);
    }

    /** Whether the stage will have outputs for its children: provided, or run. */
    public boolean willProduce(StageName stage) {
        return provided.contains(stage) || willRun(stage);
    }

    /**
     * Why the request cannot run: one line per stage that will run but whose parent will not produce the input,
     * e.g. {@code "RS_SFT needs REJECTION_SAMPLING.dataset, which is disabled and not committed"}. Empty = valid.
     */
    public List<String> unsatisfied() {
        List<String> problems = new ArrayList<>();
        for (StageName stage : StageName.values()) {
            if (!willRun(stage)) {
                continue;
            }
            for (StageInput in : stage.inputs()) {
                if (!willProduce(in.from())) {
                    problems.add(stage + " needs " + in.from() + "." + in.output() + ", which "
                            + (in.from() == StageName.PRETRAIN_BASE
                                    ? "needs pre-training: no base was given or found"
                                    : "is disabled and not committed by an earlier run"));
                }
            }
        }
        return problems;
    }

    /**
     * Why {@code stage} may not be skipped without outputs: a later stage that will run reads one of its
     * outputs. Empty = the skip is allowed.
     */
    public Optional<String> skipRefusal(StageName stage) {
        List<String> needs = new ArrayList<>();
        for (StageName later : StageName.values()) {
            if (later.compareTo(stage) <= 0 || !willRun(later)) {
                continue;
            }
            for (StageInput in : later.inputs()) {
                if (in.from() == stage) {
                    needs.add(later + " needs " + stage + "." + in.output());
                }
            }
        }
        return needs.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", needs));
    }

    /**
     * The inputs of {@code stage} from its parents' outputs (input key → ref).
     *
     * @throws IllegalStateException if a parent output is missing (prevented by {@link #unsatisfied()} and
     *     {@link #skipRefusal}; a stage that reports success without a declared output also lands here)
     */
    public static Map<String, ArtifactRef> inputsOf(
            StageName stage, Map<StageName, Map<String, ArtifactRef>> outputs) {
        Map<String, ArtifactRef> inputs = new LinkedHashMap<>();
        for (StageInput in : stage.inputs()) {
            ArtifactRef ref = outputs.getOrDefault(in.from(), Map.of()).get(in.output());
            if (ref == null) {
                throw new IllegalStateException(
                        stage + " needs " + in.from() + "." + in.output() + ", which was not produced");
            }
            inputs.put(in.name(), ref);
        }
        return inputs;
    }
}
