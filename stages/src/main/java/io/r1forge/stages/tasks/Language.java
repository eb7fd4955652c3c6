package io.r1forge.stages.tasks;

/** The language a prompt is written in, and the target language of its chain of thought. */
public enum Language {
    EN,
    ZH;

    /** The other language of the two (used to inject language mixing). */
    public Language other() {
        return this == EN ? ZH : EN;
    }
}
