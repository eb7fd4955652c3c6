package io.r1forge.cli.commands;

import io.r1forge.activities.run.TemporalConnection;
import io.r1forge.activities.store.RunRecord;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;

/**
 * {@code r1 runs}: every run in the catalog (S3, not Temporal visibility, which the embedded server lacks), with
 * INTERRUPTED for runs whose workflow the Temporal server no longer knows.
 */
@Command(name = "runs", mixinStandardHelpOptions = true,
        description = "List pipeline runs from the run catalog in S3, oldest first.")
public final class RunsCommand extends SessionCommand {
    @Override
    int run(ConnectionOptions.Session s, PrintWriter out, PrintWriter err) {
        List<RunRecord> runs = s.catalog().list(r -> TemporalConnection.describe(s.client(), r.workflowId(),
                r.temporalRunId()).isPresent());
        if (runs.isEmpty()) {
            out.println("no runs yet; start one with: r1 run --preset tiny");
            return 0;
        }
        out.printf("%-40s %-16s %-20s %-20s %s%n", "RUN", "STATE", "STAGE", "CREATED", "PARENT");
        for (RunRecord r : runs) {
            out.printf("%-40s %-16s %-20s %-20s %s%n", r.runId(), r.state(), r.stage() == null ? "-" : r.stage(),
                    r.createdAt() == null ? "-" : r.createdAt().toString().substring(0, 19),
                    r.parentRunId() == null ? "" : r.parentRunId());
        }
        return 0;
    }
}
