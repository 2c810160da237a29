#!/usr/bin/env python3
"""Derive pactwatch's generated actor data from ../shared/data (Python 3 stdlib only).

Re-runnable; its OUTPUT is committed data, it is not run at build time:
  data/countries.tsv            iso3 iso2 numeric name_en name_fr lat lon region
  data/actors/countries.gen.txt country names (EN/FR, official, alternative spellings) and
                                demonyms/adjectives (EN/FR, masc/fem/plural), one line each
  data/actors/metonyms.gen.txt  capitals as metonyms of their country
  data/phoenix/*                the four Phoenix/PETRARCH2 actor and agent files, copied unchanged

Hand-written entries live in separate files (countries.txt, metonyms.txt, ...) that are loaded
first, so re-running this script never clobbers hand work.

Usage: scripts/gen-actor-dicts.py [SHARED_DATA_DIR] [OUT_DATA_DIR]
"""
import json, os, shutil, sys, unicodedata

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "shared", "data")
if not os.path.isdir(SHARED):
    SHARED = "/work/shared/data"
OUT = sys.argv[2] if len(sys.argv) > 2 else os.path.join(HERE, "data")

# Capitals that are also ordinary words or people's names would fire on prose.
CAPITAL_SKIP = {"Male", "Victoria", "Kingston", "Hamilton", "Georgetown", "Saint John's", "Praia",
                "Road Town", "Jamestown", "Castries", "Basseterre", "Plymouth", "Adamstown",
                "King Edward Point", "Avarua", "Alofi", "Flying Fish Cove", "West Island",
                "Kingston", "Palikir", "Yaren", "Mata-Utu", "Melekeok", "Washington D.C.",
                "Diego Garcia", "Charlotte Amalie", "Gustavia", "Marigot", "Philipsburg",
                "Oranjestad", "Willemstad", "Kralendijk", "The Valley", "Longyearbyen"}
# Two-letter alternative spellings are usually ISO alpha-2 codes, which collide with words;
# these few are how news writes the country.
SHORT_OK = {"US", "UK"}


def latin(s):
    for ch in s:
        if ch.isalpha() and not unicodedata.name(ch, "").startswith("LATIN"):
            return False
    return True


def clean(s):
    return " ".join(s.replace("|", " ").replace("=>", " ").split())


def plural_en(w):
    if w.endswith(("s", "sh", "ch", "ese", "x")) or " " in w:
        return None
    return w + "s"


def plural_fr(w):
    if w.endswith(("s", "x")) or " " in w:
        return None
    return w + "s"


def main():
    with open(os.path.join(SHARED, "mledoze-countries", "countries.json"), encoding="utf-8") as f:
        mled = json.load(f)
    with open(os.path.join(SHARED, "i18n-iso-countries", "codes.json"), encoding="utf-8") as f:
        codes = json.load(f)
    names = {}
    for lang in ("en", "fr"):
        with open(os.path.join(SHARED, "i18n-iso-countries", lang + ".json"), encoding="utf-8") as f:
            names[lang] = json.load(f)["countries"]
    by3 = {c["cca3"]: c for c in mled}
    a2 = {row[1]: row[0] for row in codes}

    # countries.tsv: every ISO code of i18n-iso-countries (the ISO list) with mledoze's latlng
    rows = []
    for alpha2, alpha3, num, _ in codes:
        c = by3.get(alpha3)
        en = names["en"].get(alpha2)
        fr = names["fr"].get(alpha2)
        en = en[0] if isinstance(en, list) else en
        fr = fr[0] if isinstance(fr, list) else fr
        if c:
            en = c["name"]["common"] or en
            lat, lon = c["latlng"][:2] if len(c["latlng"]) >= 2 else ("", "")
            region = c.get("subregion") or c.get("region") or ""
        else:
            lat = lon = region = ""
        rows.append((alpha3, alpha2, num, clean(en or alpha3), clean(fr or en or alpha3),
                     lat, lon, region))
    rows.sort()
    with open(os.path.join(OUT, "countries.tsv"), "w", encoding="utf-8") as f:
        f.write("iso3\tiso2\tnumeric\tname_en\tname_fr\tlat\tlon\tregion\n")
        for r in rows:
            f.write("\t".join(str(x) for x in r) + "\n")

    # Phrases shared by several countries ("Congolese", "Guinean") are ambiguous: keep a phrase
    # only for its single UN member, else drop it.
    def collect(kind):
        owner = {}
        for c in mled:
            for p in phrases(c, kind):
                owner.setdefault(p.casefold(), []).append((c["cca3"], p))
        keep = {}
        for key, lst in owner.items():
            cs = sorted({x[0] for x in lst})
            if len(cs) > 1:
                un = [x for x in cs if by3[x].get("unMember")]
                if len(un) != 1:
                    continue
                cs = un
            keep.setdefault(cs[0], []).append([x[1] for x in lst if x[0] == cs[0]][0])
        return keep

    def phrases(c, kind):
        out = []
        if kind == "name":
            cand = [c["name"]["common"], c["name"]["official"]]
            cand += c.get("altSpellings", [])
            fra = c["translations"].get("fra", {})
            cand += [fra.get("common", ""), fra.get("official", "")]
            a = a2.get(c["cca3"])
            for lang in ("en", "fr"):
                v = names[lang].get(a) if a else None
                cand += v if isinstance(v, list) else [v] if v else []
            for p in cand:
                p = clean(p or "")
                if not p or not latin(p) or "," in p or "(" in p:
                    continue
                if len(p) <= 2 and p not in SHORT_OK:
                    continue
                out.append(p)
        elif kind == "adj":
            dem = c.get("demonyms", {})
            for lang, pl in (("eng", plural_en), ("fra", plural_fr)):
                for g in ("m", "f"):
                    w = clean(dem.get(lang, {}).get(g, ""))
                    if not w or not latin(w):
                        continue
                    # French adjectives are written lower-case: "l'armée malienne"
                    if lang == "fra":
                        w = w.lower()
                    out.append(w)
                    p = pl(w)
                    if p:
                        out.append(p)
        elif kind == "metonym":
            for cap in c.get("capital", []):
                cap = clean(cap)
                if cap and latin(cap) and cap not in CAPITAL_SKIP:
                    out.append(cap)
        seen, res = set(), []
        for p in out:
            if p.casefold() not in seen:
                seen.add(p.casefold())
                res.append(p)
        return res

    head = ("# GENERATED by scripts/gen-actor-dicts.py from mledoze/countries (ODbL-1.0) and\n"
            "# i18n-iso-countries (MIT); see data/NOTICE. Do not edit: put corrections in the\n"
            "# hand-written files, which are loaded first and win on identical phrases.\n"
            "# Format: data/actors/README.md\n")
    nm, ad, me = collect("name"), collect("adj"), collect("metonym")
    with open(os.path.join(OUT, "actors", "countries.gen.txt"), "w", encoding="utf-8") as f:
        f.write(head)
        for c in sorted(mled, key=lambda c: c["cca3"]):
            k = c["cca3"]
            if k in nm:
                f.write("%s  => %s  kind=name case=cap\n" % (" | ".join(nm[k]), k))
            if k in ad:
                f.write("%s  => %s  kind=adj\n" % (" | ".join(ad[k]), k))
    with open(os.path.join(OUT, "actors", "metonyms.gen.txt"), "w", encoding="utf-8") as f:
        f.write(head)
        for c in sorted(mled, key=lambda c: c["cca3"]):
            k = c["cca3"]
            if k in me:
                f.write("%s  => %s  kind=metonym case=cap\n" % (" | ".join(me[k]), k))

    os.makedirs(os.path.join(OUT, "phoenix"), exist_ok=True)
    for fn in ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
               "Phoenix.MilNonState.actors.txt", "Phoenix.agents.txt",
               "LICENSE.petrarch2-MIT.txt"):
        shutil.copyfile(os.path.join(SHARED, "phoenix-dictionaries", fn),
                        os.path.join(OUT, "phoenix", fn))


if __name__ == "__main__":
    main()
