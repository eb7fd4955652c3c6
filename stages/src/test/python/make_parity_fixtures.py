"""Writes the parity fixtures the Java model is checked against (run with /usr/bin/python3).

For a Llama-style config (untied, no biases, GQA 4/2) and a Qwen2-style one (q/k/v biases, tied embeddings,
GQA 4/1), into stages/src/test/resources/parity/{llama,qwen2}/:
  config.json, model.safetensors   fixed random weights (seeded)
  inputs.json                      input_ids / attention_mask [3, 10]: a full row, a left-padded row, a
                                   right-padded row; greedy: 8 greedy tokens per unpadded prompt (KV-cached)
  logits.f32                       reference logits [3, 10, V], raw little-endian float32
"""
import json
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import reference_model as ref  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "parity")
BASE = {"vocab_size": 64, "hidden_size": 32, "intermediate_size": 64, "num_hidden_layers": 2,
        "num_attention_heads": 4, "max_position_embeddings": 128, "rms_norm_eps": 1e-6,
        "hidden_act": "silu", "bos_token_id": 1, "eos_token_id": 2, "torch_dtype": "float32"}
CONFIGS = {
    "llama": dict(BASE, architectures=["LlamaForCausalLM"], model_type="llama", num_key_value_heads=2,
                  rope_theta=10000.0, tie_word_embeddings=False, attention_bias=False),
    "qwen2": dict(BASE, architectures=["Qwen2ForCausalLM"], model_type="qwen2", num_key_value_heads=1,
                  rope_theta=1000000.0, tie_word_embeddings=True),
}
PAD = 0


def randomize(model, seed):
    """Weights large enough that logits are O(1), so a 1e-4 tolerance means something."""
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, p in model.named_parameters():
            if name.endswith("norm.weight"):
                p.copy_(1.0 + 0.1 * torch.randn(p.shape, generator=g))
            elif name.endswith(".bias"):
                p.copy_(0.1 * torch.randn(p.shape, generator=g))
            else:
                p.copy_(0.2 * torch.randn(p.shape, generator=g))


def inputs(seed, vocab):
    g = torch.Generator().manual_seed(seed)
    tok = lambda n: torch.randint(3, vocab, (n,), generator=g).tolist()  # noqa: E731
    full, left, right = tok(10), tok(7), tok(6)
    ids = [full, [PAD] * 3 + left, right + [PAD] * 4]
    mask = [[1] * 10, [0] * 3 + [1] * 7, [1] * 6 + [0] * 4]
    return ids, mask, [full, left, right]


def write(name, cfg, seed):
    d = os.path.join(OUT, name)
    os.makedirs(d, exist_ok=True)
    torch.manual_seed(seed)
    model = ref.Model(cfg)
    randomize(model, seed)
    model.eval()
    with open(os.path.join(d, "config.json"), "w") as f:
        json.dump(cfg, f, indent=2)
    ref.save_safetensors(os.path.join(d, "model.safetensors"), model.state_dict())
    ids, mask, prompts = inputs(seed + 1, cfg["vocab_size"])
    with torch.no_grad():
        logits = model(torch.tensor(ids), torch.tensor(mask))
    greedy = ref.generate(model, prompts, 8)
    with open(os.path.join(d, "inputs.json"), "w") as f:
        json.dump({"input_ids": ids, "attention_mask": mask, "logits_shape": list(logits.shape),
                   "prompts": prompts, "greedy": greedy}, f)
    logits.numpy().astype("<f4").tofile(os.path.join(d, "logits.f32"))
    reloaded = ref.load_pretrained(d)
    with torch.no_grad():
        assert torch.equal(reloaded(torch.tensor(ids), torch.tensor(mask)), logits)
    print(name, "logits", tuple(logits.shape), "abs max %.3f" % logits.abs().max().item(), "greedy", greedy)


if __name__ == "__main__":
    write("llama", CONFIGS["llama"], 1234)
    write("qwen2", CONFIGS["qwen2"], 5678)
