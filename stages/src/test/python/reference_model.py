"""Independent PyTorch reference of the Llama / Qwen2 decoder (Hugging Face parameter names).

Written from the published formulas, not from transformers' code, to check the Java model against:
  RMSNorm   y = x / sqrt(mean(x^2) + eps) * w
  RoPE      inv_freq_i = theta^(-2i/d); angle = pos * inv_freq (duplicated over both halves);
            rope(x) = x * cos + rotate_half(x) * sin, rotate_half([x1, x2]) = [-x2, x1]
  attention softmax(q k^T / sqrt(d) + mask) v, key/value heads shared by groups of query heads (GQA)
  MLP       down(silu(gate(x)) * up(x))
Positions are cumsum(attention_mask) - 1 (clamped at 0), continuing from a KV cache when one is given.

Run with /usr/bin/python3 (Debian's torch 1.13 + numpy). Importable: `Model(config_dict)`, `load_safetensors`,
`save_safetensors`, `load_pretrained(dir)`, `KvCache`, `generate(...)`.
"""
import json
import math
import os
import struct

import numpy as np
import torch
from torch import nn

SUPPORTED = ("LlamaForCausalLM", "Qwen2ForCausalLM")
_DTYPES = {"F32": (np.float32, torch.float32), "F16": (np.float16, torch.float16),
           "I64": (np.int64, torch.int64), "I32": (np.int32, torch.int32)}


def load_safetensors(path):
    """Reads a .safetensors file (8-byte LE header length, JSON header, raw LE tensors) into {name: tensor}.

    BF16 is upcast to float32 by widening the 16 high bits.
    """
    with open(path, "rb") as f:
        (n,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(n).decode("utf-8"))
        data = f.read()
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        start, end = info["data_offsets"]
        raw = data[start:end]
        shape = info["shape"]
        if info["dtype"] == "BF16":
            bits = np.frombuffer(raw, dtype="<u2").astype(np.uint32) << 16
            arr = bits.view(np.float32)
            out[name] = torch.from_numpy(arr.reshape(shape).copy())
        else:
            np_dtype, _ = _DTYPES[info["dtype"]]
            arr = np.frombuffer(raw, dtype=np.dtype(np_dtype).newbyteorder("<"))
            out[name] = torch.from_numpy(arr.reshape(shape).copy())
    return out


def save_safetensors(path, tensors):
    """Writes {name: float32 tensor} as .safetensors, header padded with spaces to a multiple of 8 bytes."""
    header, chunks, offset = {}, [], 0
    for name, t in tensors.items():
        arr = t.detach().cpu().contiguous().to(torch.float32).numpy().astype("<f4")
        raw = arr.tobytes()
        header[name] = {"dtype": "F32", "shape": list(arr.shape), "data_offsets": [offset, offset + len(raw)]}
        chunks.append(raw)
        offset += len(raw)
    header["__metadata__"] = {"format": "pt"}
    hb = json.dumps(header, separators=(",", ":")).encode("utf-8")
    hb += b" " * ((8 - len(hb) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(hb)))
        f.write(hb)
        for c in chunks:
            f.write(c)


class Config:
    """The fields of a Hugging Face config.json the forward pass needs, with transformers' defaults."""

    def __init__(self, d):
        arch = d["architectures"][0]
        if arch not in SUPPORTED:
            raise ValueError("unknown architecture %r (supported: %s)" % (arch, ", ".join(SUPPORTED)))
        self.qwen2 = arch == "Qwen2ForCausalLM"
        self.vocab_size = d["vocab_size"]
        self.hidden_size = d["hidden_size"]
        self.intermediate_size = d["intermediate_size"]
        self.num_hidden_layers = d["num_hidden_layers"]
        self.num_attention_heads = d["num_attention_heads"]
        self.num_key_value_heads = d.get("num_key_value_heads", self.num_attention_heads)
        self.rms_norm_eps = d.get("rms_norm_eps", 1e-6)
        self.rope_theta = d.get("rope_theta", 10000.0)
        self.tie_word_embeddings = d.get("tie_word_embeddings", False)
        self.qkv_bias = True if self.qwen2 else d.get("attention_bias", False)
        self.head_dim = self.hidden_size // self.num_attention_heads


class RmsNorm(nn.Module):
    def __init__(self, dim, eps):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(dim))
        self.eps = eps

    def forward(self, x):
        return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps) * self.weight


def rope_tables(positions, head_dim, theta):
    """positions [B, T] -> cos, sin [B, 1, T, head_dim]."""
    exponent = torch.arange(0, head_dim, 2, dtype=torch.float32) / head_dim
    inv_freq = 1.0 / (theta ** exponent)  # [d/2]
    angle = positions.to(torch.float32)[..., None] * inv_freq  # [B, T, d/2]
    angle = torch.cat([angle, angle], dim=-1)  # [B, T, d]
    return angle.cos()[:, None], angle.sin()[:, None]


def rotate_half(x):
    half = x.shape[-1] // 2
    return torch.cat([-x[..., half:], x[..., :half]], dim=-1)


class KvCache:
    """Keys/values per layer ([B, nKv, S, d]) plus the attention mask of all cached tokens ([B, S])."""

    def __init__(self, num_layers):
        self.keys = [None] * num_layers
        self.values = [None] * num_layers
        self.mask = None

    def length(self):
        return 0 if self.mask is None else self.mask.shape[1]


class Attention(nn.Module):
    def __init__(self, c, layer_index):
        super().__init__()
        self.c, self.layer_index = c, layer_index
        q_dim, kv_dim = c.num_attention_heads * c.head_dim, c.num_key_value_heads * c.head_dim
        self.q_proj = nn.Linear(c.hidden_size, q_dim, bias=c.qkv_bias)
        self.k_proj = nn.Linear(c.hidden_size, kv_dim, bias=c.qkv_bias)
        self.v_proj = nn.Linear(c.hidden_size, kv_dim, bias=c.qkv_bias)
        self.o_proj = nn.Linear(q_dim, c.hidden_size, bias=False)

    def forward(self, x, cos, sin, bias, cache):
        c = self.c
        b, t, _ = x.shape
        q = self.q_proj(x).view(b, t, c.num_attention_heads, c.head_dim).transpose(1, 2)  # [B, H, T, d]
        k = self.k_proj(x).view(b, t, c.num_key_value_heads, c.head_dim).transpose(1, 2)  # [B, nKv, T, d]
        v = self.v_proj(x).view(b, t, c.num_key_value_heads, c.head_dim).transpose(1, 2)
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        if cache is not None:
            i = self.layer_index
            if cache.keys[i] is not None:
                k = torch.cat([cache.keys[i], k], dim=2)
                v = torch.cat([cache.values[i], v], dim=2)
            cache.keys[i], cache.values[i] = k, v
        rep = c.num_attention_heads // c.num_key_value_heads
        k = k.repeat_interleave(rep, dim=1)  # head h reads key/value head h // rep
        v = v.repeat_interleave(rep, dim=1)
        scores = q @ k.transpose(-1, -2) / math.sqrt(c.head_dim) + bias  # [B, H, T, S]
        out = torch.softmax(scores, dim=-1) @ v  # [B, H, T, d]
        return self.o_proj(out.transpose(1, 2).reshape(b, t, -1))


class Mlp(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.gate_proj = nn.Linear(c.hidden_size, c.intermediate_size, bias=False)
        self.up_proj = nn.Linear(c.hidden_size, c.intermediate_size, bias=False)
        self.down_proj = nn.Linear(c.intermediate_size, c.hidden_size, bias=False)

    def forward(self, x):
        g = self.gate_proj(x)
        return self.down_proj(g * torch.sigmoid(g) * self.up_proj(x))


class DecoderLayer(nn.Module):
    def __init__(self, c, i):
        super().__init__()
        self.input_layernorm = RmsNorm(c.hidden_size, c.rms_norm_eps)
        self.self_attn = Attention(c, i)
        self.post_attention_layernorm = RmsNorm(c.hidden_size, c.rms_norm_eps)
        self.mlp = Mlp(c)

    def forward(self, x, cos, sin, bias, cache):
        h = x + self.self_attn(self.input_layernorm(x), cos, sin, bias, cache)
        return h + self.mlp(self.post_attention_layernorm(h))


class Decoder(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.embed_tokens = nn.Embedding(c.vocab_size, c.hidden_size)
        self.layers = nn.ModuleList([DecoderLayer(c, i) for i in range(c.num_hidden_layers)])
        self.norm = RmsNorm(c.hidden_size, c.rms_norm_eps)


class Model(nn.Module):
    """Causal LM; state_dict() names match Hugging Face (model.layers.0.self_attn.q_proj.weight, ...)."""

    def __init__(self, config_dict):
        super().__init__()
        self.c = Config(config_dict)
        self.model = Decoder(self.c)
        if not self.c.tie_word_embeddings:
            self.lm_head = nn.Linear(self.c.hidden_size, self.c.vocab_size, bias=False)

    def head_weight(self):
        return self.model.embed_tokens.weight if self.c.tie_word_embeddings else self.lm_head.weight

    def forward(self, input_ids, attention_mask=None, cache=None):
        """input_ids [B, T] int64, attention_mask [B, T] (1 = token) -> logits [B, T, V]."""
        b, t = input_ids.shape
        mask = torch.ones_like(input_ids) if attention_mask is None else attention_mask.to(input_ids.dtype)
        past_mask = None if cache is None or cache.mask is None else cache.mask
        full = mask if past_mask is None else torch.cat([past_mask, mask], dim=1)  # [B, S]
        if cache is not None:
            cache.mask = full
        s = full.shape[1]
        positions = (full.cumsum(-1) - 1).clamp(min=0)[:, s - t:]  # [B, T]
        cos, sin = rope_tables(positions, self.c.head_dim, self.c.rope_theta)
        query_index = torch.arange(s - t, s)[:, None]
        allowed = (torch.arange(s)[None, :] <= query_index)[None, None] & (full[:, None, None, :] > 0)
        bias = torch.zeros(allowed.shape).masked_fill(~allowed, torch.finfo(torch.float32).min)
        x = self.model.embed_tokens(input_ids)
        for layer in self.model.layers:
            x = layer(x, cos, sin, bias, cache)
        return self.model.norm(x) @ self.head_weight().t()


def load_pretrained(directory):
    """A Model from a Hugging Face layout directory (config.json + model.safetensors)."""
    with open(os.path.join(directory, "config.json")) as f:
        model = Model(json.load(f))
    tensors = load_safetensors(os.path.join(directory, "model.safetensors"))
    tensors = {k: v for k, v in tensors.items() if not (model.c.tie_word_embeddings and k == "lm_head.weight")}
    model.load_state_dict(tensors, strict=True)
    return model


@torch.no_grad()
def generate(model, prompts, max_new_tokens, temperature=0.0, eos_id=None, pad_id=0, seed=0):
    """Batched KV-cached sampling of left-padded prompts (lists of ids); returns the new ids per prompt."""
    gen = torch.Generator().manual_seed(seed)
    width = max(len(p) for p in prompts)
    ids = torch.tensor([[pad_id] * (width - len(p)) + list(p) for p in prompts])
    mask = torch.tensor([[0] * (width - len(p)) + [1] * len(p) for p in prompts])
    cache = KvCache(model.c.num_hidden_layers)
    logits = model(ids, mask, cache)[:, -1]
    out = [[] for _ in prompts]
    done = [False] * len(prompts)
    for _ in range(max_new_tokens):
        if temperature == 0:
            nxt = logits.argmax(-1)
        else:
            nxt = torch.multinomial(torch.softmax(logits / temperature, -1), 1, generator=gen)[:, 0]
        for i, tok in enumerate(nxt.tolist()):
            if not done[i]:
                out[i].append(tok)
                done[i] = eos_id is not None and tok == eos_id
        if all(done):
            break
        logits = model(nxt[:, None], torch.ones(len(prompts), 1, dtype=torch.int64), cache)[:, -1]
    return out
