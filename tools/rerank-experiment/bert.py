"""Numpy BERT (MiniLM-L6) forward + BERT uncased WordPiece tokenizer."""
import unicodedata, numpy as np
from safetensors.numpy import load_file

import os
MD = os.environ.get('MINILM_DIR', 'minilm') + '/'

class WordPiece:
    def __init__(self, path=MD + 'vocab.txt'):
        self.vocab = [l.rstrip('\n') for l in open(path, encoding='utf-8')]
        self.ids = {t: i for i, t in enumerate(self.vocab)}
    @staticmethod
    def is_punct(ch):
        cp = ord(ch)
        if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
            return True
        return unicodedata.category(ch).startswith('P')
    def basic(self, text):
        text = unicodedata.normalize('NFD', text.lower())
        text = ''.join(c for c in text if unicodedata.category(c) != 'Mn')
        out, cur = [], ''
        for c in text:
            if c.isspace() or unicodedata.category(c) in ('Cc', 'Cf'):
                if cur: out.append(cur); cur = ''
            elif self.is_punct(c):
                if cur: out.append(cur); cur = ''
                out.append(c)
            else:
                cur += c
        if cur: out.append(cur)
        return out
    def word(self, w):
        if len(w) > 100: return [100]
        pieces, start = [], 0
        while start < len(w):
            end = len(w); found = None
            while start < end:
                sub = w[start:end] if start == 0 else '##' + w[start:end]
                if sub in self.ids: found = self.ids[sub]; break
                end -= 1
            if found is None: return [100]
            pieces.append(found); start = end
        return pieces
    def encode(self, text):
        ids = []
        for w in self.basic(text): ids.extend(self.word(w))
        return ids

class Bert:
    def __init__(self):
        self.w = load_file(MD + 'model.safetensors')
    def ln(self, x, p):
        m = x.mean(-1, keepdims=True); v = ((x - m) ** 2).mean(-1, keepdims=True)
        return (x - m) / np.sqrt(v + 1e-12) * self.w[p + '.weight'] + self.w[p + '.bias']
    def lin(self, x, p):
        return x @ self.w[p + '.weight'].T + self.w[p + '.bias']
    def forward(self, ids, mask):
        # ids, mask: [B, T]
        w = self.w; B, T = ids.shape
        x = w['embeddings.word_embeddings.weight'][ids] + w['embeddings.position_embeddings.weight'][:T][None] + w['embeddings.token_type_embeddings.weight'][0]
        x = self.ln(x, 'embeddings.LayerNorm')
        bias = (1.0 - mask[:, None, None, :]) * -1e9
        from math import erf
        for l in range(6):
            p = f'encoder.layer.{l}.'
            q = self.lin(x, p + 'attention.self.query').reshape(B, T, 12, 32).transpose(0, 2, 1, 3)
            k = self.lin(x, p + 'attention.self.key').reshape(B, T, 12, 32).transpose(0, 2, 1, 3)
            v = self.lin(x, p + 'attention.self.value').reshape(B, T, 12, 32).transpose(0, 2, 1, 3)
            a = q @ k.transpose(0, 1, 3, 2) / np.sqrt(32) + bias
            a = np.exp(a - a.max(-1, keepdims=True)); a /= a.sum(-1, keepdims=True)
            c = (a @ v).transpose(0, 2, 1, 3).reshape(B, T, 384)
            x = self.ln(self.lin(c, p + 'attention.output.dense') + x, p + 'attention.output.LayerNorm')
            h = self.lin(x, p + 'intermediate.dense')
            h = 0.5 * h * (1 + np.tanh(np.sqrt(2 / np.pi) * (h + 0.044715 * h ** 3)))  # gelu approx
            x = self.ln(self.lin(h, p + 'output.dense') + x, p + 'output.LayerNorm')
        return x
    def embed(self, id_lists, maxlen=128, batch=32):
        out = []
        for s in range(0, len(id_lists), batch):
            chunk = [[101] + l[:maxlen - 2] + [102] for l in id_lists[s:s + batch]]
            T = max(len(c) for c in chunk)
            ids = np.zeros((len(chunk), T), dtype=np.int64); mask = np.zeros((len(chunk), T), dtype=np.float32)
            for i, c in enumerate(chunk): ids[i, :len(c)] = c; mask[i, :len(c)] = 1
            h = self.forward(ids, mask)
            pooled = (h * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
            out.append(pooled / np.linalg.norm(pooled, axis=1, keepdims=True))
        return np.concatenate(out).astype(np.float32)
