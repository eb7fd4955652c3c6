package io.r1forge.stages.generate;

import io.r1forge.stages.tokenizer.TextTokenizer;
import java.util.Arrays;
import java.util.List;

/** One prompt's progress during generation: its tokens so far and, once finished, why. */
final class RowState {
    private final int[] prompt;
    private int[] ids = new int[16];
    private int length;
    private int textLength; // length of the decoded text at the previous stop-string check
    private FinishReason finish;

    RowState(int[] prompt) {
        this.prompt = prompt;
    }

    boolean finished() {
        return finish != null;
    }

    /** Appends a token and decides whether the row is finished (EOS, a stop string, or the length limit). */
    void append(int token, int eosId, List<String> stopStrings, int maxNewTokens, TextTokenizer tok) {
        if (length == ids.length) {
            ids = Arrays.copyOf(ids, 2 * length);
        }
        ids[length++] = token;
        if (token == eosId) {
            finish = FinishReason.EOS;
        } else if (!stopStrings.isEmpty() && endsInStop(stopStrings, tok)) {
            finish = FinishReason.STOP_STRING;
        } else if (length >= maxNewTokens) {
            finish = FinishReason.LENGTH;
        }
    }

    /** Whether a stop string appears in the text added since the last check (a token may carry extra text). */
    private boolean endsInStop(List<String> stopStrings, TextTokenizer tok) {
        String text = tok.decode(Arrays.copyOf(ids, length));
        int previous = textLength;
        textLength = text.length();
        for (String stop : stopStrings) {
            if (text.indexOf(stop, Math.max(0, previous - stop.length() + 1)) >= 0) {
                return true;
            }
        }
        return false;
    }

    Completion toCompletion(TextTokenizer tok) {
        int[] completion = Arrays.copyOf(ids, length);
        int textTokens = finish == FinishReason.EOS ? length - 1 : length;
        String text = tok.decode(Arrays.copyOf(ids, textTokens));
        return new Completion(prompt.clone(), completion, text, finish == null ? FinishReason.LENGTH : finish);
    }
}
