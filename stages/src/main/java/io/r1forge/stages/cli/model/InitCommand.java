package io.r1forge.stages.cli.model;

import ai.djl.ndarray.NDManager;
import io.r1forge.stages.io.Checkpoint;
import io.r1forge.stages.io.GenerationDefaults;
import io.r1forge.stages.model.CausalLm;
import io.r1forge.stages.model.ModelConfig;
import io.r1forge.stages.tokenizer.HfTokenizer;
import io.r1forge.stages.tokenizer.TinyTokenizer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code r1 model init}: a randomly initialized checkpoint with the tiny world's tokenizer. */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Write a freshly initialized checkpoint (random weights) with the tiny-world tokenizer.")
public final class InitCommand implements Callable<Integer> {
    /** Model sizes (ModelConfig.tiny / small). */
    enum Preset {
        tiny,
        small
    }

    @Spec CommandSpec spec;

    @Option(names = "--preset", defaultValue = "tiny", description = "Model size: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Preset preset;

    @Option(names = "--seed", defaultValue = "0", description = "Initialization seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Checkpoint directory to write.")
    Path out;

    @Option(names = "--max-new-tokens", defaultValue = "256",
            description = "Default generation budget written to generation_config.json (default: ${DEFAULT-VALUE}).")
    int maxNewTokens;

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        return CliErrors.run(spec.commandLine().getErr(), () -> {
            TinyTokenizer tiny = TinyTokenizer.standard();
            try (NDManager base = NDManager.newBaseManager(); HfTokenizer tok = tiny.load()) {
                ModelConfig cfg = (preset == Preset.tiny ? ModelConfig.tiny(tiny.vocabSize())
                        : ModelConfig.small(tiny.vocabSize())).withSpecialTokens(-1, tok.eosId());
                try (CausalLm model = CausalLm.initialize(cfg, seed, base)) {
                    Checkpoint.save(out, model, tok, GenerationDefaults.r1(-1, tok.eosId(), tok.padId(), maxNewTokens));
                    o.printf("wrote %s: %s preset, %,d parameters, vocabulary %d, seed %d%n", out, preset,
                            model.parameterCount(), tiny.vocabSize(), seed);
                }
            }
            return 0;
        });
    }
}
