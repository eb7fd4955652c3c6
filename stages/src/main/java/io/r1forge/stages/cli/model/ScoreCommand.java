package io.r1forge.stages.cli.model;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.r1forge.stages.generate.Scorer;
import io.r1forge.stages.generate.TokenBatch;
import io.r1forge.stages.generate.TokenScores;
import io.r1forge.stages.io.Checkpoint;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code r1 model score DIR --prompt P --completion C}: per-token log-probabilities of the completion given the
 * prompt. Prints JSON {@code {prompt_ids, completion_ids, tokens, token_logprobs, entropy, sum_logprob}} where
 * {@code token_logprobs[i] = log p(completion[i] | prompt, completion[<i])} and {@code entropy[i]} is the entropy
 * (nats) of that predictive distribution.
 */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Per-token log-probabilities of a completion given a prompt (JSON).")
public final class ScoreCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "Checkpoint directory.")
    Path dir;

    @Option(names = "--prompt", required = true, description = "The prompt (conditioning text).")
    String prompt;

    @Option(names = "--completion", required = true, description = "The text to score.")
    String completion;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        return CliErrors.run(spec.commandLine().getErr(), () -> {
            try (NDManager base = NDManager.newBaseManager();
                    Checkpoint.LoadedCheckpoint ckpt = Checkpoint.load(dir, base);
                    NDManager work = ckpt.model().newWorkManager()) {
                int[] p = ckpt.tokenizer().encode(prompt);
                int[] c = ckpt.tokenizer().encode(completion);
                if (p.length == 0 || c.length == 0) {
                    throw new IllegalArgumentException("prompt and completion must each encode to at least one token");
                }
                TokenScores s = Scorer.score(ckpt.model(), TokenBatch.of(work, List.of(p), List.of(c),
                        ckpt.tokenizer().padId()));
                float[] logps = s.logps().toFloatArray(); // [1, T-1]: position t predicts token t+1
                float[] entropy = s.entropy().toFloatArray();
                out.println(json(p, c, logps, entropy, ckpt).toPrettyString());
            }
            return 0;
        });
    }

    /** The completion's tokens are predicted at positions p.length-1 .. p.length+c.length-2. */
    private static ObjectNode json(int[] p, int[] c, float[] logps, float[] entropy, Checkpoint.LoadedCheckpoint ckpt) {
        ObjectNode n = JSON.createObjectNode();
        ArrayNode pi = n.putArray("prompt_ids");
        for (int id : p) {
            pi.add(id);
        }
        ArrayNode ci = n.putArray("completion_ids");
        ArrayNode tokens = n.putArray("tokens");
        ArrayNode lp = n.putArray("token_logprobs");
        ArrayNode ent = n.putArray("entropy");
        double sum = 0;
        for (int i = 0; i < c.length; i++) {
            int t = p.length - 1 + i;
            ci.add(c[i]);
            tokens.add(ckpt.tokenizer().decode(new int[] {c[i]}));
            lp.add(logps[t]);
            ent.add(entropy[t]);
            sum += logps[t];
        }
        n.put("sum_logprob", sum);
        return n;
    }
}
