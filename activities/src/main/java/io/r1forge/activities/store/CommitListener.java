package io.r1forge.activities.store;

/**
 * Progress of a commit, e.g. for an activity to heartbeat during a long upload. An exception thrown from a
 * callback aborts the commit before its manifest is written: the artifact then does not exist.
 */
public interface CommitListener {
    CommitListener NONE = new CommitListener() {};

    /** Called before the upload of each file, in path order. */
    default void beforeFile(String path, long size) {}

    /** Called after each file is stored. */
    default void afterFile(FileEntry entry) {}
}
