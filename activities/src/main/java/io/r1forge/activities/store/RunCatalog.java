package io.r1forge.activities.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The list of pipeline runs, kept in S3 ({@code runs/<runId>/run.json}) because the embedded Temporal server
 * neither persists history nor implements visibility queries (DESIGN §6).
 */
public final class RunCatalog {
    private static final String ROOT = "runs/";
    private static final String RECORD = "run.json";

    private final S3Blobs blobs;

    public RunCatalog(S3Blobs blobs) {
        this.blobs = blobs;
    }

    static String key(String runId) {
        return ROOT + runId + "/" + RECORD;
    }

    /** Creates or replaces the record (records are mutable, unlike artifacts). */
    public void put(RunRecord record) {
        blobs.putBytes(key(record.runId()), StoreJson.write(record));
    }

    public Optional<RunRecord> get(String runId) {
        return blobs.getBytes(key(runId)).map(b -> StoreJson.read(b, RunRecord.class, "run record " + runId));
    }

    /** Every run as stored, oldest first. */
    public List<RunRecord> list() {
        List<RunRecord> runs = new ArrayList<>();
        for (String dir : blobs.listDirectories(ROOT)) {
            String runId = dir.substring(ROOT.length(), dir.length() - 1);
            get(runId).ifPresent(runs::add);
        }
        runs.sort(Comparator.comparing(RunRecord::createdAt, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(RunRecord::runId));
        return runs;
    }

    /**
     * Every run with its effective state: a run whose record expects a live workflow (RUNNING,
     * NEEDS_ATTENTION) but whose workflow the Temporal server does not know is reported INTERRUPTED.
     *
     * @param workflowKnown asks Temporal whether the record's workflow (id, run id) still exists
     */
    public List<RunRecord> list(Predicate<RunRecord> workflowKnown) {
        return list().stream().map(r -> effective(r, workflowKnown)).toList();
    }

    /** The record as the caller should show it; the stored record is not changed. */
    public static RunRecord effective(RunRecord record, Predicate<RunRecord> workflowKnown) {
        if (record.state().expectsLiveWorkflow() && !workflowKnown.test(record)) {
            return record.withState(RunState.INTERRUPTED, record.stage(), record.updatedAt());
        }
        return record;
    }
}
