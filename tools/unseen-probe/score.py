#!/usr/bin/env python3
"""score.py BINARY [--details OUT.json]
Reindexes guides/ (beside this script, or in UNSEEN_PROBE_DIR) with BINARY into a temporary directory
and scores it against key.json there; also prints a lenient (level-free) salary recall line."""
import json, os, re, subprocess, sys, tempfile, unicodedata, html

# The probe scored: this directory, or the one UNSEEN_PROBE_DIR names (round2/score.py sets it).
HERE = os.environ.get("UNSEEN_PROBE_DIR") or os.path.dirname(os.path.abspath(__file__))
KEY = os.path.join(HERE, "key.json")
LIB = os.path.join(HERE, "guides")

def run(binary, cfg, *args, stdin=None):
    p = subprocess.run([binary, "--config", cfg, *args], input=stdin, capture_output=True, text=True)
    if p.returncode != 0:
        sys.stderr.write(f"command failed ({p.returncode}): {args}\n{p.stderr[-2000:]}\n")
    return p.stdout

def norm(s):
    # Markdown emphasis is no text: a step the bot shows as "Pass an ethics exam" is line
    # "5. **Pass an ethics exam**".
    s = (s or "").replace("**", "").replace("`", "")
    s = unicodedata.normalize("NFKD", html.unescape(s)).encode("ascii", "ignore").decode().lower()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", s)).strip()

STOP = set("and or the of a an in with for to on as such like tools basic own your skills skill using use by at de del la el los las y en con".split())
def toks(s):
    out = set()
    for w in re.findall(r"[a-z0-9+#]+", norm(s)):
        if w in STOP or len(w) < 2:
            continue
        out.add(w[:6])
    return out

def fuzzy(a, b):
    ta, tb = toks(a), toks(b)
    if not ta or not tb:
        return False
    inter = ta & tb
    return len(inter) >= 1 and (len(inter) / min(len(ta), len(tb)) >= 0.5)

def role_match(title, role):
    ta, tb = toks(title), toks(role)
    if not ta or not tb:
        return False
    inter = ta & tb
    return len(inter) / len(ta | tb) >= 0.5 or tb <= ta or ta <= tb

_lines = {}
def fline(f, n):
    if f not in _lines:
        _lines[f] = open(os.path.join(LIB, f), encoding="utf-8").read().split("\n")
    ls = _lines[f]
    return ls[n - 1] if 0 < n <= len(ls) else ""

def overlaps(a, b, c, d):
    return a <= d and c <= b

def main():
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    binary = os.path.abspath(args[0])
    details_path = None
    if "--details" in args:
        details_path = args[args.index("--details") + 1]
    key = json.load(open(KEY))
    tag = re.sub(r"[^A-Za-z0-9_]", "_", os.path.basename(binary))
    work = os.path.join(tempfile.gettempdir(), f"careerbot_unseen_probe_{os.path.basename(HERE)}_{tag}")
    os.makedirs(work, exist_ok=True)
    cfg = os.path.join(work, "config.toml")
    open(cfg, "w").write(f'[library]\nseeds_dir = "{LIB}"\nindex_dir = "{work}/index"\n[bot]\ndata_dir = "{work}/data"\n')
    print(run(binary, cfg, "reindex").strip())

    guides = key["guides"]
    qs = []
    for f, g in guides.items():
        for q in g["questions"]:
            qs.append(dict(q, covered=True))
    for u in key["uncovered"]:
        qs.append({"q": u["q"], "kind": u["kind"], "covered": False, "file": None, "ranges": []})
    qfile = os.path.join(work, "questions.txt")
    open(qfile, "w").write("\n".join(q["q"] for q in qs) + "\n")
    outs = [l for l in run(binary, cfg, "ask", "--json", "--batch", qfile).split("\n") if l.strip()]
    assert len(outs) == len(qs), (len(outs), len(qs))
    answers = [json.loads(l) for l in outs]

    sal = json.loads(run(binary, cfg, "salary", "--json") or "{}")
    skl = json.loads(run(binary, cfg, "skills", "--json") or "{}")
    rdm = json.loads(run(binary, cfg, "roadmap", "--json") or "{}")

    det = {"ask": [], "salary": {}, "skills": {}, "stages": {}, "learning_path": {}}
    per = {f: {} for f in guides}
    # ---- ask
    for q, a in zip(qs, answers):
        res = a.get("results", [])[:5]
        rank = None; trank = None
        for r in res:
            if q["covered"] and r.get("source") == q["file"]:
                if rank is None and any(overlaps(r["start_line"], r["end_line"], s, e) for s, e in q["ranges"]):
                    rank = r["rank"]
                if trank is None and q.get("anchor") and norm(q["anchor"]) in norm(r.get("section", "") + " " + r.get("text", "")):
                    trank = r["rank"]
        d = {"q": q["q"], "file": q["file"], "kind": q["kind"], "covered": q["covered"], "ranges": q["ranges"],
             "confident": a.get("confident"), "reason": a.get("reason"), "career": a.get("career"), "rank": rank, "text_rank": trank,
             "role": a.get("role"), "country": a.get("country"), "missing": a.get("missing"),
             "card": [(c.get("intent"), c.get("career"), c.get("level")) for c in a.get("cards", [])],
             "top": [(r["rank"], r["source"], r["start_line"], r["end_line"], r.get("section", "")[:50]) for r in res[:3]]}
        det["ask"].append(d)
    # ---- salary
    rows_by = {}
    for r in sal.get("rows", []):
        rows_by.setdefault(r["source"], []).append(r)
    def sal_match(k, r, lenient_level=False):
        return (r["low"] == k["low"] and r["high"] == k["high"] and r["period"] == k["period"] and r.get("currency") == k["currency"]
                and (lenient_level or k["optional"] or r["level"] in k["levels_ok"]))
    for f, g in guides.items():
        rows = rows_by.get(f, [])
        ks = [k for k in g["salary"] if not k["optional"]]
        found = []; misleveled = []; missed = []; lineok = 0
        for k in ks:
            m = [r for r in rows if sal_match(k, r)]
            if m:
                found.append(k); lineok += any(r["line"] == k["line"] for r in m)
            elif [r for r in rows if sal_match(k, r, True)]:
                r = [r for r in rows if sal_match(k, r, True)][0]
                misleveled.append({"key": k, "bot_level": r["level"], "bot_raw": r["raw"], "bot_line": r["line"]})
            else:
                missed.append(k)
        wrong = [r for r in rows if not any(sal_match(k, r) for k in g["salary"])]
        per[f]["sal_rec"] = (len(found), len(ks)); per[f]["sal_len"] = (len(found) + len(misleveled), len(ks)); per[f]["sal_prec"] = (len(rows) - len(wrong), len(rows)); per[f]["sal_line"] = (lineok, len(found))
        det["salary"][f] = {"missed": missed, "misleveled": misleveled,
                            "wrong": [{k: r.get(k) for k in ("level", "label", "low", "high", "period", "currency", "line", "raw")} for r in wrong]}
    # ---- skills
    sk_by = {}
    for s in skl.get("skills", []):
        for c in s["citations"]:
            sk_by.setdefault(c["source"], {}).setdefault(s["name"], {"name": s["name"], "topic": s.get("topic"), "cites": []})["cites"].append((c["line"], c.get("surface", "")))
    for f, g in guides.items():
        bot = list(sk_by.get(f, {}).values())
        ks = [k for k in g["skills"] if not k["optional"]]
        def smatch(k, b):
            return fuzzy(k["name"], b["name"]) or any(fuzzy(k["name"], su) for _, su in b["cites"])
        found = []; lineok = 0; missed = []
        for k in ks:
            m = [b for b in bot if smatch(k, b)]
            if m:
                found.append(k); lineok += any(l == k["line"] for b in m for l, _ in b["cites"])
            else:
                missed.append(k)
        keytexts = [norm(fline(f, k["line"])) for k in g["skills"]]
        junk = []
        for b in bot:
            ok = any(smatch(k, b) for k in g["skills"]) or any(norm(su) and norm(su) in t for _, su in b["cites"] for t in keytexts)
            if not ok:
                junk.append({"name": b["name"], "topic": b["topic"], "cites": b["cites"][:3]})
        per[f]["sk_rec"] = (len(found), len(ks)); per[f]["sk_prec"] = (len(bot) - len(junk), len(bot)); per[f]["sk_line"] = (lineok, len(found))
        det["skills"][f] = {"missed": missed, "junk": junk, "bot_count": len(bot)}
    # ---- stages
    st_by = {}
    for s in rdm.get("stages", []):
        for c in s["citations"]:
            st_by.setdefault(c["source"], []).append({"stage": s["stage"], "label": s.get("label"), "roles": c.get("roles") or [],
                                                      "line": c["line"], "evidence": c.get("evidence"),
                                                      "duration": (c.get("duration") or {}).get("raw")})
    for f, g in guides.items():
        bot = st_by.get(f, [])
        used = set(); seq = []; lineok = 0; missed = []
        idx_of = {}
        for i, k in enumerate(g["stages"]):
            hit = None
            for j, b in enumerate(bot):
                if j in used:
                    continue
                if any(role_match(k["title"], r) for r in b["roles"]) or (b["label"] and role_match(k["title"], b["label"])):
                    hit = j; break
            if hit is None:
                missed.append(k)
            else:
                used.add(hit); idx_of[hit] = i; lineok += bot[hit]["line"] == k["line"]
        seq = [idx_of[j] for j in range(len(bot)) if j in idx_of]
        pairs = list(zip(seq, seq[1:]))
        inorder = sum(1 for a, b in pairs if a < b)
        extra = [bot[j] for j in range(len(bot)) if j not in idx_of]
        per[f]["st_rec"] = (len(g["stages"]) - len(missed), len(g["stages"])); per[f]["st_order"] = (inorder, len(pairs)); per[f]["st_line"] = (lineok, len(g["stages"]) - len(missed))
        det["stages"][f] = {"missed": missed, "bot": bot, "order_seq": seq, "unmatched_bot": extra}
    # ---- learning path
    lp_by = {}
    for s in rdm.get("learning_path", []):
        lp_by.setdefault(s["source"], []).append(s)
    for f, g in guides.items():
        bot = lp_by.get(f, [])
        missed = []
        for k in g["learning_path"]:
            kt = norm(fline(f, k["line"]))
            if not any((norm(b["text"])[:25] and norm(b["text"])[:25] in kt) or (kt[:25] and kt[:25] in norm(b["text"])) for b in bot):
                missed.append(k)
        per[f]["lp_rec"] = (len(g["learning_path"]) - len(missed), len(g["learning_path"]))
        det["learning_path"][f] = {"missed": missed, "bot": [(b["line"], b.get("kind"), b["text"][:70], b.get("duration")) for b in bot]}

    # ---- print
    def pct(n, d):
        return "  n/a" if d == 0 else f"{100 * n / d:5.1f}"
    def askstats(ds):
        n = len(ds)
        h1 = sum(1 for d in ds if d["rank"] == 1); h3 = sum(1 for d in ds if d["rank"] and d["rank"] <= 3); h5 = sum(1 for d in ds if d["rank"])
        mrr = sum(1 / d["rank"] for d in ds if d["rank"]) / n if n else 0
        t1 = sum(1 for d in ds if d["text_rank"] == 1); t5 = sum(1 for d in ds if d["text_rank"])
        conf = sum(1 for d in ds if d["confident"])
        return n, h1, h3, h5, mrr, conf, t1, t5
    print()
    hdr = f"{'guide':34} {'n':>3} {'hit@1':>6} {'hit@3':>6} {'hit@5':>6} {'MRR5':>5} {'conf%':>6} {'txt@1':>6} {'txt@5':>6} | {'sal R':>7} {'sal P':>7} | {'sk R':>7} {'sk P':>7} | {'st R':>5} {'ord':>5} | {'lp R':>5} | lines ok sal/sk/st"
    print(hdr); print("-" * len(hdr))
    tot = {k: [0, 0] for k in ("sal_len", "sal_rec", "sal_prec", "sk_rec", "sk_prec", "st_rec", "st_order", "lp_rec", "sal_line", "sk_line", "st_line")}
    for f in guides:
        ds = [d for d in det["ask"] if d["file"] == f]
        n, h1, h3, h5, mrr, conf, t1, t5 = askstats(ds)
        p = per[f]
        for k in tot:
            tot[k][0] += p[k][0]; tot[k][1] += p[k][1]
        fr = lambda t: f"{t[0]}/{t[1]}"
        print(f"{f[:34]:34} {n:3} {pct(h1,n):>6} {pct(h3,n):>6} {pct(h5,n):>6} {mrr:5.2f} {pct(conf,n):>6} {pct(t1,n):>6} {pct(t5,n):>6} | {fr(p['sal_rec']):>7} {fr(p['sal_prec']):>7} | {fr(p['sk_rec']):>7} {fr(p['sk_prec']):>7} | {fr(p['st_rec']):>5} {fr(p['st_order']):>5} | {fr(p['lp_rec']):>5} | {fr(p['sal_line'])} {fr(p['sk_line'])} {fr(p['st_line'])}")
    cov = [d for d in det["ask"] if d["covered"]]; unc = [d for d in det["ask"] if not d["covered"]]
    n, h1, h3, h5, mrr, conf, t1, t5 = askstats(cov)
    print("-" * len(hdr))
    print(f"TOTAL covered questions: {n}")
    print(f"  ask hit@1 {pct(h1,n)}%  hit@3 {pct(h3,n)}%  hit@5 {pct(h5,n)}%  MRR@5 {mrr:.3f}")
    print(f"  (diagnostic, by answer text instead of line range: text-hit@1 {pct(t1,n)}%  text-hit@5 {pct(t5,n)}%)")
    print(f"  confident on covered: {pct(conf,n)}% ({conf}/{n})")
    nc = sum(1 for d in unc if not d["confident"])
    print(f"  not-confident on uncovered: {pct(nc,len(unc))}% ({nc}/{len(unc)})")
    for kind in sorted(set(d["kind"] for d in cov)):
        ds = [d for d in cov if d["kind"] == kind]; n2, a1, _, a5, m2, c2, _, _ = askstats(ds)
        print(f"    by kind {kind:8}: n={n2:2} hit@1 {pct(a1,n2)}% hit@5 {pct(a5,n2)}% confident {pct(c2,n2)}%")
    for kind in sorted(set(d["kind"] for d in unc)):
        ds = [d for d in unc if d["kind"] == kind]
        print(f"    uncovered {kind:13}: not-confident {sum(1 for d in ds if not d['confident'])}/{len(ds)}")
    fr = lambda t: f"{pct(*t)}% ({t[0]}/{t[1]})"
    print(f"  salary recall {fr(tot['sal_rec'])}  precision {fr(tot['sal_prec'])}  cited line exact {fr(tot['sal_line'])}")
    print(f"  salary recall ignoring level (amounts+period+currency only) {fr(tot['sal_len'])}")
    print(f"  skills recall {fr(tot['sk_rec'])}  precision {fr(tot['sk_prec'])}  cited line exact {fr(tot['sk_line'])}")
    print(f"  roadmap stage recall {fr(tot['st_rec'])}  order (adjacent pairs in order) {fr(tot['st_order'])}  cited line exact {fr(tot['st_line'])}")
    print(f"  learning-path step recall {fr(tot['lp_rec'])}")
    if details_path:
        json.dump(det, open(details_path, "w"), ensure_ascii=False, indent=1, default=str)
        print(f"details: {details_path}")

if __name__ == "__main__":
    main()
