package io.r1forge.stages.cli.model;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.r1forge.stages.generate.Completion;
import io.r1forge.stages.generate.GenerationConfig;
import io.r1forge.stages.generate.Generator;
import io.r1forge.stages.io.Checkpoint;
import io.r1forge.stages.io.GenerationDefaults;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code r1 model generate DIR --prompt P...}: samples one completion per prompt (batched). Sampling options
 * default to the checkpoint's generation_config.json. Prints each completion as text, or one JSON object per
 * prompt with {@code --jsonl}.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Sample completions of prompts from a checkpoint.")
public final class GenerateCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "Checkpoint directory.")
    Path dir;

    @Option(names = "--prompt", required = true, description = "A prompt; repeat for a batch.")
    List<String> prompts;

    @Option(names = "--max-new-tokens", description = "Generation budget (default: generation_config.json).")
    Integer maxNewTokens;

    @Option(names = "--temperature", description = "0 = greedy (default: generation_config.json).")
    Double temperature;

    @Option(names = "--top-p", description = "Nucleus threshold in (0, 1] (default: generation_config.json).")
    Double topP;

    @Option(names = "--top-k", description = "Top-k, 0 = off (default: generation_config.json).")
    Integer topK;

    @Option(names = "--stop", description = "Stop string; repeatable.")
    List<String> stop = new ArrayList<>();

    @Option(names = "--seed", defaultValue = "0", description = "Sampling seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--jsonl", description = "One JSON object per prompt: prompt, completion, finish_reason, tokens.")
    boolean jsonl;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        return CliErrors.run(spec.commandLine().getErr(), () -> {
            try (NDManager base = NDManager.newBaseManager();
                    Checkpoint.LoadedCheckpoint ckpt = Checkpoint.load(dir, base)) {
                GenerationConfig cfg = config(ckpt.generation());
                List<int[]> ids = prompts.stream().map(ckpt.tokenizer()::encode).toList();
                List<Completion> completions = new Generator(ckpt.model(), ckpt.tokenizer()).generate(ids, cfg, seed);
                for (int i = 0; i < completions.size(); i++) {
                    print(out, i, completions.get(i));
                }
            }
            return 0;
        });
    }

    private GenerationConfig config(GenerationDefaults d) {
        return new GenerationConfig(maxNewTokens != null ? maxNewTokens : d.maxNewTokens(),
                temperature != null ? temperature : d.temperature(), topP != null ? topP : d.topP(),
                topK != null ? topK : d.topK(), stop);
    }

    private void print(PrintWriter out, int i, Completion c) {
        if (jsonl) {
            ObjectNode n = JSON.createObjectNode();
            n.put("prompt", prompts.get(i));
            n.put("completion", c.text());
            n.put("finish_reason", c.finishReason().name().toLowerCase(java.util.Locale.ROOT));
            n.put("completion_tokens", c.completionIds().length);
            out.println(n);
        } else {
            out.printf("--- %d (%s, %d tokens) ---%n%s%s%n", i + 1, c.finishReason(), c.completionIds().length,
                    prompts.get(i), c.text());
        }
    }
}
