package io.r1forge.stages.cli.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.r1forge.stages.io.Checkpoint;
import io.r1forge.stages.io.CheckpointException;
import io.r1forge.stages.io.HostTensor;
import io.r1forge.stages.io.Safetensors;
import io.r1forge.stages.io.SafetensorsFile;
import io.r1forge.stages.model.ModelConfig;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code r1 model info DIR}: prints JSON {@code {config, parameters, tensors, dtypes}} read from config.json and the
 * safetensors headers only (no weights are loaded, so it is instant on large checkpoints).
 */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Print a checkpoint's config, parameter count and weight dtypes (JSON).")
public final class InfoCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "Checkpoint directory.")
    Path dir;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        return CliErrors.run(spec.commandLine().getErr(), () -> {
            Path configFile = dir.resolve(Checkpoint.CONFIG);
            if (!Files.isRegularFile(configFile)) {
                throw new CheckpointException("missing file " + configFile);
            }
            ModelConfig config = ModelConfig.read(configFile);
            long params = 0;
            Map<String, Long> dtypes = new TreeMap<>();
            List<Path> files = Safetensors.files(dir);
            for (Path f : files) {
                try (SafetensorsFile sf = SafetensorsFile.open(f)) {
                    for (String name : sf.names()) {
                        SafetensorsFile.Entry e = sf.entry(name);
                        long n = HostTensor.numel(e.shape());
                        params += n;
                        dtypes.merge(e.dtype().name(), n, Long::sum);
                    }
                }
            }
            ObjectNode root = JSON.createObjectNode();
            root.set("config", JSON.readTree(config.toJson()));
            root.put("parameters", params);
            root.put("weight_files", files.size());
            ObjectNode d = root.putObject("dtypes");
            dtypes.forEach(d::put);
            out.println(root.toPrettyString());
            return 0;
        });
    }
}
