"""Python side of `r1 bench model`: the PyTorch reference model doing the same work as the Java benchmark.

Run with /usr/bin/python3 (Debian's torch 1.13 + numpy), normally started by `r1 bench model`, which puts
OpenBLAS's libblas.so.3 on LD_LIBRARY_PATH (Debian's default reference BLAS is ~20x slower). Loads a Hugging
Face layout checkpoint written by the Java side (config.json + model.safetensors: the same weights), then serves
requests, one per stdin line, one JSON object per stdout line:

  (on start)  -> {"python", "torch", "blas", "openblas", "threads", "matmul_gflops"}
  train       -> {"tokens_per_s"}  fresh AdamW; `warmup` untimed + `steps` timed steps, each: forward on
                 [batch, seq_len] random tokens, loss = -mean log_softmax(logits)[next token], backward,
                 clip_grad_norm_(1.0), AdamW (lr 1e-4, wd 0.01 on matrices only, betas 0.9/0.999, eps 1e-8)
  generate    -> {"tokens_per_s"}  gen_batch random prompts of prompt_len tokens, new_tokens sampled each
                 at T=1 with the KV cache (reference_model.generate, no end-of-sequence)
  quit

Errors are reported as {"error": "..."} and end the process.
"""
import argparse
import json
import os
import platform
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import reference_model as ref  # noqa: E402

LEARNING_RATE = 1e-4  # as JavaBench; values do not change the cost of a step
MAX_GRAD_NORM = 1.0
WEIGHT_DECAY = 0.01
MATMUL_N = 1024


def reply(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def loaded_blas():
    """Path of the BLAS library this process actually mapped (libblas.so.3 resolves per LD_LIBRARY_PATH)."""
    with open("/proc/self/maps") as f:
        paths = {line.split()[-1] for line in f if "blas" in line.lower() and "/" in line}
    for p in sorted(paths):
        if os.path.basename(p).startswith(("libblas", "libopenblas")):
            return os.path.realpath(p)
    return "unknown"


def matmul_gflops(n=MATMUL_N, repeats=10):
    """fp32 n x n matmul GFLOP/s (2n^3 FLOPs per product), best of 3 timings, as the Java side measures."""
    a, b = torch.randn(n, n), torch.randn(n, n)
    a @ b
    best = 0.0
    for _ in range(3):
        start = time.perf_counter()
        for _ in range(repeats):
            a @ b
        best = max(best, 2.0 * n ** 3 * repeats / (time.perf_counter() - start) / 1e9)
    return best


def next_token_loss(model, batch, seq_len, vocab):
    tokens = torch.randint(0, vocab, (batch, seq_len + 1))
    logits = model(tokens[:, :-1])  # [B, T, V]
    logp = torch.log_softmax(logits, -1).gather(-1, tokens[:, 1:, None])  # [B, T, 1]
    return -logp.mean()


def train_round(model, a):
    matrices = [p for p in model.parameters() if p.dim() >= 2]
    vectors = [p for p in model.parameters() if p.dim() < 2]
    opt = torch.optim.AdamW([{"params": matrices, "weight_decay": WEIGHT_DECAY},
                             {"params": vectors, "weight_decay": 0.0}],
                            lr=LEARNING_RATE, betas=(0.9, 0.999), eps=1e-8)
    vocab = model.c.vocab_size

    def step():
        opt.zero_grad(set_to_none=False)
        loss = next_token_loss(model, a.batch, a.seq_len, vocab)
        loss.item()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), MAX_GRAD_NORM)
        opt.step()

    for _ in range(a.warmup):
        step()
    start = time.perf_counter()
    for _ in range(a.steps):
        step()
    return a.steps * a.batch * a.seq_len / (time.perf_counter() - start)


def generate_round(model, a, rng):
    vocab = model.c.vocab_size
    prompts = torch.randint(0, vocab, (a.gen_batch, a.prompt_len), generator=rng).tolist()
    start = time.perf_counter()
    out = ref.generate(model, prompts, a.new_tokens, temperature=1.0, eos_id=None, seed=a.seed)
    seconds = time.perf_counter() - start
    return sum(len(c) for c in out) / seconds


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--checkpoint", required=True)
    p.add_argument("--threads", type=int, required=True)
    for name, default in [("batch", 16), ("seq-len", 128), ("steps", 10), ("warmup", 1), ("gen-batch", 16),
                          ("prompt-len", 16), ("new-tokens", 64), ("seed", 1234), ("matmul-size", MATMUL_N)]:
        p.add_argument("--" + name, type=int, default=default)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.set_num_interop_threads(1)
    torch.manual_seed(a.seed)
    rng = torch.Generator().manual_seed(a.seed)
    model = ref.load_pretrained(a.checkpoint)
    gflops = matmul_gflops(a.matmul_size)
    blas = loaded_blas()
    reply({"python": platform.python_version(), "torch": torch.__version__, "blas": blas,
           "openblas": "openblas" in blas.lower(), "threads": torch.get_num_threads(), "matmul_gflops": gflops})
    for line in sys.stdin:
        cmd = line.strip()
        if cmd == "train":
            reply({"tokens_per_s": train_round(model, a)})
        elif cmd == "generate":
            reply({"tokens_per_s": generate_round(model, a, rng)})
        elif cmd == "quit":
            return
        else:
            reply({"error": "unknown request %r (train, generate, quit)" % cmd})
            return


if __name__ == "__main__":
    try:
        main()
    except Exception as e:  # report any failure to the Java side as a reply, then exit non-zero
        reply({"error": "%s: %s" % (type(e).__name__, e)})
        raise
