#!/usr/bin/env python3
"""Writes tests/data/broken/: one broken .scalelab file per problem, and expected.tsv with the
JSON pointer and a message fragment the loader + validator must report for each. Run it
again after changing a case; the files are committed so tests need no Python."""
import copy, json, os, sys

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data", "broken")
os.makedirs(root, exist_ok=True)

BASE = {
    "format": "scalelab/1",
    "name": "Broken-file base",
    "simulation": {"duration_s": 60, "warmup_s": 5, "seed": 7},
    "nodes": [
        {"id": "users", "kind": "client", "pos": [0, 100], "params": {"rate_rps": 100}},
        {"id": "web", "kind": "web_server", "pos": [200, 100], "params": {"workers": 4}},
        {"id": "db", "kind": "database", "pos": [400, 100], "params": {"role": "master"}},
        {"id": "dns", "kind": "dns", "pos": [0, 0]},
    ],
    "links": [
        {"from": "users", "to": "web", "latency_ms": 20},
        {"from": "web", "to": "db", "latency_ms": 1},
        {"from": "users", "to": "dns"},
    ],
    "scenario": [],
}

cases = []  # (file name, content bytes, pointer, fragment)

def raw(name, content, pointer, fragment):
    cases.append((name, content if isinstance(content, bytes) else content.encode(), pointer, fragment))

def doc(name, mutate, pointer, fragment):
    d = copy.deepcopy(BASE)
    mutate(d)
    raw(name, json.dumps(d, indent=2), pointer, fragment)

raw("empty.scalelab", b"", "", "empty")
raw("whitespace-only.scalelab", b"  \n\t\n", "", "empty")
text = json.dumps(BASE, indent=2)
raw("truncated.scalelab", text[: len(text) // 2], "", "syntax error at line")
raw("binary-garbage.scalelab", bytes(range(256)) * 4, "", "syntax error at line 1")
raw("array-root.scalelab", "[1, 2, 3]", "", "must be a JSON object")
raw("string-root.scalelab", '"scalelab"', "", "must be a JSON object")
raw("deep-nesting.scalelab", '{"nodes": ' + "[" * 100000 + "]" * 100000 + "}", "", "nesting deeper than")
raw("nan-value.scalelab", text.replace('"rate_rps": 100', '"rate_rps": NaN'), "", "syntax error at line 18")
raw("invalid-utf8.scalelab", text.replace("Broken-file base", "Broken \xff base").encode("latin-1"), "", "syntax error")
doc("huge-number.scalelab", lambda d: d["nodes"][0]["params"].update(rate_rps=1e308),
    "/nodes/0/params/rate_rps", "must be a number <= 1e+07, got 1e+308")
doc("workers-string.scalelab", lambda d: d["nodes"][1]["params"].update(workers="eight"),
    "/nodes/1/params/workers", "must be an integer")
doc("workers-negative.scalelab", lambda d: d["nodes"][1]["params"].update(workers=-2),
    "/nodes/1/params/workers", "must be an integer >= 1, got -2")
doc("workers-fraction.scalelab", lambda d: d["nodes"][1]["params"].update(workers=2.5),
    "/nodes/1/params/workers", "must be an integer")
doc("read-ratio-above-one.scalelab", lambda d: d["nodes"][0]["params"].update(read_ratio=1.5),
    "/nodes/0/params/read_ratio", "<= 1, got 1.5")
doc("speed-zero.scalelab", lambda d: d["nodes"][1]["params"].update(speed=0),
    "/nodes/1/params/speed", "must be a number > 0")
doc("bool-as-string.scalelab", lambda d: d["nodes"].append(
    {"id": "lb", "kind": "load_balancer", "pos": [100, 200], "params": {"retry_on_failure": "yes"}}),
    "/nodes/4/params/retry_on_failure", "must be true or false")
doc("bad-choice.scalelab", lambda d: d["nodes"].append(
    {"id": "lb", "kind": "load_balancer", "pos": [100, 200], "params": {"algorithm": "fastest"}}),
    "/nodes/4/params/algorithm", "one of round_robin, random, least_connections, weighted")
doc("unknown-kind.scalelab", lambda d: d["nodes"][1].update(kind="web_sever"),
    "/nodes/1/kind", "did you mean 'web_server'")
doc("unknown-param.scalelab", lambda d: d["nodes"][1]["params"].update(worker=8),
    "/nodes/1/params/worker", "did you mean 'workers'")
doc("duplicate-id.scalelab", lambda d: d["nodes"].append(
    {"id": "web", "kind": "web_server", "pos": [200, 300]}), "/nodes/4/id", "duplicate id 'web'")
doc("dangling-link.scalelab", lambda d: d["links"].append({"from": "web", "to": "cache"}),
    "/links/3/to", "no node has the id 'cache'")
doc("request-loop.scalelab", lambda d: (d["nodes"].append(
    {"id": "web2", "kind": "web_server", "pos": [200, 300]}),
    d["links"].extend([{"from": "web", "to": "web2"}, {"from": "web2", "to": "web"}])),
    "/links/4", "loop")
doc("replica-without-master.scalelab", lambda d: d["nodes"].append(
    {"id": "db-r1", "kind": "database", "pos": [600, 100], "params": {"role": "replica"}}),
    "/nodes/4", "has no master")
doc("scenario-missing-node.scalelab", lambda d: d["scenario"].append(
    {"at_s": 10, "action": "fail", "node": "db-master"}), "/scenario/0/node", "no node has the id 'db-master'")
doc("scenario-unknown-action.scalelab", lambda d: d["scenario"].append(
    {"at_s": 10, "action": "fial", "node": "db"}), "/scenario/0/action", "did you mean 'fail'")
doc("scenario-set-unknown-param.scalelab", lambda d: d["scenario"].append(
    {"at_s": 10, "action": "set", "node": "users", "param": "rate", "value": 200}),
    "/scenario/0/param", "unknown parameter 'rate'")
doc("scenario-promote-master.scalelab", lambda d: d["scenario"].append(
    {"at_s": 10, "action": "promote", "node": "db"}), "/scenario/0/node", "promote needs a replica")
doc("newer-format.scalelab", lambda d: d.update(format="scalelab/2"), "/format", "made by a newer ScaleLab")
doc("foreign-format.scalelab", lambda d: d.update(format="drawio/1"), "/format", "must be \"scalelab/1\"")
doc("nodes-not-array.scalelab", lambda d: d.update(nodes={"users": {}}), "/nodes", "must be an array")
doc("node-not-object.scalelab", lambda d: d["nodes"].insert(0, 42), "/nodes/0", "must be an object")
doc("node-missing-id.scalelab", lambda d: d["nodes"][0].pop("id"), "/nodes/0", "missing \"id\"")
doc("bad-position.scalelab", lambda d: d["nodes"][0].update(pos=[0]), "/nodes/0/pos", "must be [x, y]")
doc("client-to-private-node.scalelab", lambda d: d["links"].append({"from": "users", "to": "db"}),
    "/links/3", "private network")
doc("link-into-client.scalelab", lambda d: d["links"].append({"from": "db", "to": "users"}),
    "/links/3", "nothing sends requests to a client")
doc("negative-latency.scalelab", lambda d: d["links"][0].update(latency_ms=-5),
    "/links/0/latency_ms", "must be a number >= 0, got -5")
doc("unknown-link-param.scalelab", lambda d: d["links"][0].update(latency=5),
    "/links/0/latency", "did you mean 'latency_ms'")
doc("bad-link-kind.scalelab", lambda d: d["links"][1].update(kind="replicate"), "/links/1/kind", "one of request, replication")
doc("duplicate-link.scalelab", lambda d: d["links"].append({"from": "web", "to": "db"}), "/links/3", "duplicate link web -> db")
doc("warmup-too-long.scalelab", lambda d: d["simulation"].update(warmup_s=90), "/simulation/warmup_s", "shorter than duration_s")
doc("negative-seed.scalelab", lambda d: d["simulation"].update(seed=-1), "/simulation/seed", "must be an integer >= 0")
doc("unknown-goal.scalelab", lambda d: d.update(goals={"p99": 200}), "/goals/p99", "did you mean 'p99_ms'")
doc("zero-duration.scalelab", lambda d: d["simulation"].update(duration_s=0), "/simulation/duration_s", "must be a number > 0")

with open(os.path.join(root, "expected.tsv"), "w") as f:
    f.write("# file\tJSON pointer of the error\tfragment of its message\n")
    for name, content, pointer, fragment in cases:
        with open(os.path.join(root, name), "wb") as out:
            out.write(content)
        f.write(f"{name}\t{pointer}\t{fragment}\n")
print(f"{len(cases)} broken files in {root}")
