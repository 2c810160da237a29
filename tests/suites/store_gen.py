#!/usr/bin/env python3
"""Generate a synthetic coded-event corpus (contract JSON lines, grouped by
document) for the crash-consistency test and the store benchmark.

Usage: store_gen.py NDOCS [SEED] > events.jsonl
Deterministic for a given seed. Dates spread over 2019-2024; countries from
a Sahel-centred list; sub-types and modalities in rough news proportions.
"""
import json, random, sys

n = int(sys.argv[1])
rnd = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
C = ["MLI", "BFA", "NER", "TCD", "RUS", "FRA", "USA", "TUR", "CHN", "DZA", "MAR", "SEN", "CIV", "GHA",
     "NGA", "BEN", "TGO", "MRT", "LBY", "EGY", "DEU", "ITA", "GBR", "UKR", "IRN", "ARE", "SAU", "QAT", "IND", "BRA"]
SEC = [("talks", "CONSULT", "040", 1, 1.0), ("agreement", "SUPPORT", "057", 1, 8.0), ("training", "COOPERATE", "062", 2, 6.0),
       ("arms", "AID", "072", 2, 7.0), ("deployment", "AID", "074", 2, 7.0), ("suspension", "SANCTION", "1622", 4, -6.0),
       ("withdrawal", "RETREAT", "0874", 3, -5.0), ("intelligence", "COOPERATE", "064", 2, 6.0), (None, "ACCUSE", "112", 3, -2.0)]
MOD = ["asserted"] * 7 + ["future", "hypothetical", "negated", "historical"]
out = sys.stdout
for i in range(n):
    doc = "doc%07d" % i
    y, m, d = rnd.randint(2019, 2024), rnd.randint(1, 12), rnd.randint(1, 28)
    date = "%04d-%02d-%02d" % (y, m, d)
    src = "source%d" % rnd.randint(1, 40)
    for k in range(rnd.choice([1, 1, 2, 2, 3])):
        a, b = rnd.sample(C, 2)
        sec, ev, cameo, quad, score = rnd.choice(SEC)
        text = "Sentence %d of %s: %s and %s, %s." % (k, doc, a, b, sec or "accusations")
        out.write(json.dumps({
            "id": "%s:%d:0" % (doc, k), "doc": doc, "sentence": k, "date": date, "date_source": "document",
            "actor": {"code": a + "GOV", "country": a, "sector": "GOV", "text": a, "start": 0, "end": 3},
            "recipient": {"code": b + "MIL", "country": b, "sector": "MIL", "text": b, "start": 5, "end": 8},
            "event": ev, "mode": "", "context": ["intelligence"] if sec == "intelligence" else ["military"],
            "security": sec, "modality": rnd.choice(MOD), "cameo": cameo, "quad": quad, "score": score,
            "trigger": "x", "text": text, "source": src}) + "\n")
