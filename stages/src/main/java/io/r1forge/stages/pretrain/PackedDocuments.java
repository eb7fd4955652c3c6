package io.r1forge.stages.pretrain;

import io.r1forge.stages.tokenizer.TextTokenizer;
import java.util.Arrays;
import java.util.function.LongFunction;

/**
 * Rows of exactly {@code seqLength} tokens packed from a deterministic stream of documents: each row starts at a
 * document boundary and takes whole documents, each followed by EOS (unless its text already ends with it), until full; the document that overflows is
 * cut and its rest discarded. So the data cursor is one number (the next document index) and resuming needs no
 * buffered tokens. Rows shorter than {@code seqLength} cannot occur: documents are drawn until the row is full.
 */
public final class PackedDocuments {
    private final LongFunction<String> documents;
    private final TextTokenizer tokenizer;
    private final int seqLength;
    private long cursor;

    /** @param documents document i of the corpus (a pure function of i) */
    public PackedDocuments(LongFunction<String> documents, TextTokenizer tokenizer, int seqLength) {
        this.documents = documents;
        this.tokenizer = tokenizer;
        this.seqLength = seqLength;
    }

    /** The next document index. */
    public long cursor() {
        return cursor;
    }

    public void seek(long documentIndex) {
        cursor = documentIndex;
    }

    /** The next packed row. */
    public long[] nextRow() {
        long[] row = new long[seqLength];
        int filled = 0;
        while (filled < seqLength) {
            int[] ids = tokenizer.encode(documents.apply(cursor++));
            boolean endsWithEos = ids.length > 0 && ids[ids.length - 1] == tokenizer.eosId();
            int[] doc = endsWithEos ? ids : Arrays.copyOf(ids, ids.length + 1);
            doc[doc.length - 1] = tokenizer.eosId();
            int n = Math.min(doc.length, seqLength - filled);
            for (int i = 0; i < n; i++) {
                row[filled + i] = doc[i];
            }
            filled += n;
        }
        return row;
    }
}
