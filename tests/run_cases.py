#!/usr/bin/env python3
"""Data-file test driver (jq/curl style): every tests/cases/**/*.case is one test.

A case file is a sequence of sections, each opened by a line `--- NAME [ARG]`:

  --- args              command line after `pactwatch` (shell words; $DIR is the case's
                        temporary directory, $SRC the source tree, $DATA the data dir,
                        $BIN the pactwatch binary under test — also in setup)
  --- input             standard input (default: empty)
  --- file NAME         a file written into $DIR before the run (`--- file-b64 NAME` for bytes)
  --- expect            JSON lines: each must be matched by a distinct output line that has
                        at least these fields with these values (objects compared recursively;
                        lists must have the same length, elements compared the same way)
  --- expect-exact      as expect, and the output has exactly this many JSON lines
  --- reject            JSON lines: no output line may match any of them (subset match)
  --- stdout            exact standard output
  --- stdout-contains   each non-empty line must occur in standard output
  --- stderr-contains   each non-empty line must occur in standard error
  --- exit              expected exit status (default 0)
  --- setup             shell commands run in $DIR before the case (e.g. to build large input)
  --- comment           ignored

Usage: run_cases.py BINARY [CASE_OR_DIR ...]   prints one line per case and
`N passed, N failed` at the end; exit 1 if any failed.
"""
import base64, json, os, shlex, subprocess, sys, tempfile

SRC = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def parse(path):
    sections, name, arg, lines = [], None, None, []
    with open(path, encoding="utf-8", errors="surrogateescape") as f:
        for line in f:
            if line.startswith("--- "):
                if name is not None:
                    sections.append((name, arg, "".join(lines)))
                head = line[4:].strip().split(None, 1)
                name = head[0]
                arg = head[1] if len(head) > 1 else None
                lines = []
            elif name is not None:
                lines.append(line)
    if name is not None:
        sections.append((name, arg, "".join(lines)))
    return sections


def subset(exp, got):
    if isinstance(exp, dict):
        return isinstance(got, dict) and all(k in got and subset(v, got[k]) for k, v in exp.items())
    if isinstance(exp, list):
        # lists: same length, each element a subset of its counterpart
        return isinstance(got, list) and len(exp) == len(got) and all(subset(e, g) for e, g in zip(exp, got))
    if isinstance(exp, float) or isinstance(got, float):
        try:
            return abs(float(exp) - float(got)) < 1e-6
        except (TypeError, ValueError):
            return False
    return exp == got


def json_lines(text):
    out = []
    for l in text.splitlines():
        l = l.strip()
        if l.startswith("{"):
            try:
                out.append(json.loads(l))
            except ValueError:
                pass
    return out


def run_case(binary, path):
    secs = parse(path)
    args, stdin, code, errs = [], b"", 0, []
    env = dict(os.environ)
    with tempfile.TemporaryDirectory(prefix="pwcase.") as d:
        subst = lambda s: (s.replace("$DIR", d).replace("$SRC", SRC).replace("$DATA", os.path.join(SRC, "data"))
                           .replace("$BIN", binary))
        for name, arg, body in secs:
            if name == "file":
                p = os.path.join(d, arg)
                os.makedirs(os.path.dirname(p), exist_ok=True)
                with open(p, "w", encoding="utf-8", errors="surrogateescape") as f:
                    f.write(body)
            elif name == "file-b64":
                p = os.path.join(d, arg)
                os.makedirs(os.path.dirname(p), exist_ok=True)
                with open(p, "wb") as f:
                    f.write(base64.b64decode(body))
            elif name == "setup":
                r = subprocess.run(subst(body), shell=True, cwd=d, env=env,
                                   capture_output=True, text=True)
                if r.returncode != 0:
                    return ["setup failed (exit %d): %s" % (r.returncode, (r.stderr or r.stdout)[-800:])]
            elif name == "args":
                args = [subst(a) for a in shlex.split(body)]
            elif name == "input":
                stdin = body.encode("utf-8", "surrogateescape")
            elif name == "exit":
                code = int(body.strip())
        try:
            p = subprocess.run([binary] + args, input=stdin, capture_output=True, cwd=d,
                               timeout=300, env=env)
        except subprocess.TimeoutExpired:
            return ["timed out"]
        out = p.stdout.decode("utf-8", "replace")
        err = p.stderr.decode("utf-8", "replace")
        got = json_lines(out)
        if p.returncode != code:
            errs.append("exit %d, expected %d" % (p.returncode, code))
        if p.returncode < 0 or "AddressSanitizer" in err or "runtime error:" in err:
            errs.append("crashed or sanitizer report")
        for name, arg, body in secs:
            body_s = subst(body)
            if name in ("expect", "expect-exact"):
                exp = [json.loads(l) for l in body_s.splitlines() if l.strip()]
                used = set()
                for e in exp:
                    for i, g in enumerate(got):
                        if i not in used and subset(e, g):
                            used.add(i)
                            break
                    else:
                        errs.append("no output line matches %s" % json.dumps(e, ensure_ascii=False))
                if name == "expect-exact" and len(got) != len(exp):
                    errs.append("%d output lines, expected %d" % (len(got), len(exp)))
            elif name == "reject":
                for l in body_s.splitlines():
                    if not l.strip():
                        continue
                    e = json.loads(l)
                    for g in got:
                        if subset(e, g):
                            errs.append("unwanted line %s" % json.dumps(g, ensure_ascii=False)[:300])
            elif name == "stdout":
                if out != body_s:
                    errs.append("stdout differs:\n--- expected\n%s--- got\n%s" % (body_s, out))
            elif name == "stdout-contains":
                for l in body_s.splitlines():
                    if l.strip() and l.strip() not in out:
                        errs.append("stdout lacks %r" % l.strip())
            elif name == "stderr-contains":
                for l in body_s.splitlines():
                    if l.strip() and l.strip() not in err:
                        errs.append("stderr lacks %r" % l.strip())
        if errs:
            errs.append("stderr: " + err[-1500:])
            errs.append("stdout: " + out[-1500:])
    return errs


def main():
    if len(sys.argv) < 2:
        sys.stderr.write(__doc__)
        return 2
    binary = os.path.abspath(sys.argv[1])
    roots = sys.argv[2:] or [os.path.join(SRC, "tests", "cases")]
    cases = []
    for r in roots:
        if os.path.isdir(r):
            for dp, _, fs in os.walk(r):
                cases += [os.path.join(dp, f) for f in fs if f.endswith(".case")]
        else:
            cases.append(r)
    cases.sort()
    passed = failed = 0
    for c in cases:
        rel = os.path.relpath(c, SRC)
        errs = run_case(binary, c)
        if errs:
            failed += 1
            print("FAIL %s" % rel)
            for e in errs:
                print("     " + e.replace("\n", "\n     "))
        else:
            passed += 1
            print("ok   %s" % rel)
    print("cases: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
